"""The account 360° view by hand (raw SQL + orjson), the yardstick of bench/api.py.

`python -m bench.support.raw_api --port P` serves the tandem app as `tandem serve` does (one
uvicorn process, the same middleware) with one route more, `GET /bench/account360/{id}` (id =
the Account's global id, ADMIN token): exactly what ACCOUNT_360_QUERY answers over GraphQL,
from a few SQL statements on the request's own database connection, PostgreSQL only.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from tortoise import connections

from api.relay import decode_id, encode_id
from domain.auth.models import Role
from domain.errors import DomainError

ACCOUNT_360_QUERY = """
query Account360($id: ID!) {
  account(id: $id) {
    id name lifecycle industry tier owner { id name } email phone paymentTermsDays
    creditLimit { amount currency }
    contacts(first: 100) { edges { node { id firstName lastName email phone title } } }
    opportunities(first: 50) {
      totalCount
      edges {
        node {
          id name stage probability status expectedCloseDate
          amount { amount currency }
        }
      }
    }
    salesOrders(first: 100) {
      edges {
        node {
          id number status requestedDate deliveryStatus invoiceStatus paymentStatus
          total { amount currency }
          lines {
            id position quantity quantityShipped quantityInvoiced discountPercent
            unitPrice { amount currency }
            netAmount { amount currency }
            product { id sku name }
          }
        }
      }
    }
    invoices(first: 100) {
      edges {
        node {
          id number status issueDate dueDate
          total { amount currency }
          amountPaid { amount currency }
          amountDue { amount currency }
        }
      }
    }
    cases(first: 100) {
      edges { node { id number subject priority status openedAt escalationLevel } }
    }
  }
}
"""

ACCOUNT_SQL = """
SELECT a.id, a.name, a.lifecycle, a.industry, a.tier, a.owner_id, u.name AS owner_name,
       a.email, a.phone, a.payment_terms_days, a.credit_limit, a.currency
FROM accounts AS a LEFT JOIN users AS u ON u.id = a.owner_id WHERE a.id = $1
"""
CONTACTS_SQL = """
SELECT id, first_name, last_name, email, phone, title FROM contacts WHERE account_id = $1
ORDER BY last_name COLLATE "C", first_name COLLATE "C", id LIMIT 100
"""
OPPORTUNITIES_SQL = """
SELECT id, name, stage, probability, status, expected_close_date, amount, currency,
       count(*) OVER () AS total_count
FROM opportunities WHERE account_id = $1 ORDER BY id LIMIT 50
"""
ORDERS_SQL = """
SELECT id, number, status, requested_date, delivery_status, invoice_status, payment_status,
       total, currency
FROM sales_orders WHERE account_id = $1 ORDER BY id LIMIT 100
"""
LINES_SQL = """
SELECT l.id, l.order_id, l.position, l.quantity, l.quantity_shipped, l.quantity_invoiced,
       l.discount_percent, l.unit_price, l.net_amount, p.id AS product_id, p.sku, p.name
FROM sales_order_lines l
JOIN products p ON p.id = l.product_id
WHERE l.order_id IN (SELECT id FROM sales_orders WHERE account_id = $1 ORDER BY id LIMIT 100)
ORDER BY l.position, l.id
"""
INVOICES_SQL = """
SELECT id, number, status, issue_date, due_date, total, amount_paid, amount_due, currency
FROM invoices WHERE account_id = $1 ORDER BY issue_date, id LIMIT 100
"""
CASES_SQL = """
SELECT id, number, subject, priority, status, opened_at, escalation_level
FROM cases WHERE account_id = $1 ORDER BY opened_at DESC, id LIMIT 100
"""
CENT = Decimal("0.01")


def _plain(value: Decimal) -> str:
    """A quantity or percentage without padding zeros, as the GraphQL types print it."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return str(value.normalize())


def _money(value: Decimal | None, currency: str) -> dict[str, str] | None:
    if value is None:
        return None
    return {"amount": str(value.quantize(CENT)), "currency": currency}


def _unit_money(value: Decimal, currency: str) -> dict[str, str]:
    cents = value.quantize(CENT)
    return {"amount": str(cents if cents == value else value.normalize()), "currency": currency}


def _edges(nodes: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    return {"edges": [{"node": node} for node in nodes]}


def _date(value: Any) -> str | None:
    return None if value is None else value.isoformat()


async def account_360(account_id: int) -> dict[str, Any] | None:
    """The `account` object of ACCOUNT_360_QUERY's answer; None for an unknown account."""
    connection = connections.get("default")
    _, accounts = await connection.execute_query(ACCOUNT_SQL, [account_id])
    if not accounts:
        return None
    account = accounts[0]
    currency = account["currency"]
    _, contacts = await connection.execute_query(CONTACTS_SQL, [account_id])
    _, deals = await connection.execute_query(OPPORTUNITIES_SQL, [account_id])
    _, orders = await connection.execute_query(ORDERS_SQL, [account_id])
    _, lines = await connection.execute_query(LINES_SQL, [account_id])
    _, invoices = await connection.execute_query(INVOICES_SQL, [account_id])
    _, cases = await connection.execute_query(CASES_SQL, [account_id])
    currency_of_order = {order["id"]: order["currency"] for order in orders}
    lines_of_order: dict[int, list[dict[str, Any]]] = {order["id"]: [] for order in orders}
    for line in lines:
        line_currency = currency_of_order[line["order_id"]]
        lines_of_order[line["order_id"]].append(
            {
                "id": encode_id("SalesOrderLine", line["id"]),
                "position": line["position"],
                "quantity": _plain(line["quantity"]),
                "quantityShipped": _plain(line["quantity_shipped"]),
                "quantityInvoiced": _plain(line["quantity_invoiced"]),
                "discountPercent": _plain(line["discount_percent"]),
                "unitPrice": _unit_money(line["unit_price"], line_currency),
                "netAmount": _money(line["net_amount"], line_currency),
                "product": {
                    "id": encode_id("Product", line["product_id"]),
                    "sku": line["sku"],
                    "name": line["name"],
                },
            }
        )
    return {
        "id": encode_id("Account", account["id"]),
        "name": account["name"],
        "lifecycle": account["lifecycle"],
        "industry": account["industry"],
        "tier": account["tier"],
        "owner": (
            None
            if account["owner_id"] is None
            else {"id": encode_id("User", account["owner_id"]), "name": account["owner_name"]}
        ),
        "email": account["email"],
        "phone": account["phone"],
        "paymentTermsDays": account["payment_terms_days"],
        "creditLimit": _money(account["credit_limit"], currency),
        "contacts": _edges(
            {
                "id": encode_id("Contact", row["id"]),
                "firstName": row["first_name"],
                "lastName": row["last_name"],
                "email": row["email"],
                "phone": row["phone"],
                "title": row["title"],
            }
            for row in contacts
        ),
        "opportunities": {
            "totalCount": deals[0]["total_count"] if deals else 0,
            "edges": [
                {
                    "node": {
                        "id": encode_id("Opportunity", row["id"]),
                        "name": row["name"],
                        "stage": row["stage"],
                        "probability": row["probability"],
                        "status": row["status"],
                        "expectedCloseDate": _date(row["expected_close_date"]),
                        "amount": _money(row["amount"], row["currency"]),
                    }
                }
                for row in deals
            ],
        },
        "salesOrders": _edges(
            {
                "id": encode_id("SalesOrder", row["id"]),
                "number": row["number"],
                "status": row["status"],
                "requestedDate": _date(row["requested_date"]),
                "deliveryStatus": row["delivery_status"],
                "invoiceStatus": row["invoice_status"],
                "paymentStatus": row["payment_status"],
                "total": _money(row["total"], row["currency"]),
                "lines": lines_of_order[row["id"]],
            }
            for row in orders
        ),
        "invoices": _edges(
            {
                "id": encode_id("Invoice", row["id"]),
                "number": row["number"],
                "status": row["status"],
                "issueDate": _date(row["issue_date"]),
                "dueDate": _date(row["due_date"]),
                "total": _money(row["total"], row["currency"]),
                "amountPaid": _money(row["amount_paid"], row["currency"]),
                "amountDue": _money(row["amount_due"], row["currency"]),
            }
            for row in invoices
        ),
        "cases": _edges(
            {
                "id": encode_id("Case", row["id"]),
                "number": row["number"],
                "subject": row["subject"],
                "priority": row["priority"],
                "status": row["status"],
                "openedAt": _date(row["opened_at"]),
                "escalationLevel": row["escalation_level"],
            }
            for row in cases
        ),
    }


def _json(body: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(body), status_code=status, media_type="application/json")


async def account_360_endpoint(request: Request) -> Response:
    principal = request.scope.get("state", {}).get("principal")
    if principal is None or principal.role != Role.ADMIN:
        return _json({"errors": [{"message": "An ADMIN bearer token is required."}]}, 401)
    try:
        account_id = decode_id(request.path_params["id"], "Account")
    except DomainError as error:
        return _json({"errors": [{"message": error.message}]}, 404)
    return _json({"data": {"account": await account_360(account_id)}})


RAW_ROUTE = Route("/bench/account360/{id}", account_360_endpoint, methods=["GET"])


def create_bench_app() -> Starlette:
    """The app `tandem serve` runs, with the raw route in front of its own."""
    from api.asgi import app

    app.router.routes.insert(0, RAW_ROUTE)
    return app


def main() -> None:
    """What `tandem serve` does for one process, with the bench app instead of api.asgi."""
    import uvicorn

    from adapters.metrics_dir import claim_metrics_directory
    from domain.settings import get_settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    metrics_dir = claim_metrics_directory(get_settings().var_dir)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir.path)
    try:
        uvicorn.run(
            "bench.support.raw_api:create_bench_app",
            factory=True,
            host=args.host,
            port=args.port,
            log_config=None,
            proxy_headers=True,
        )
    finally:
        metrics_dir.release()


if __name__ == "__main__":
    main()
