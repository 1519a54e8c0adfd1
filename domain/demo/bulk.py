"""Bulk data for benches and durability tests: thousands of shipped orders in a few
multi-row INSERTs (the demo company, `domain.demo`, is the realistic small data set)."""

from __future__ import annotations

from decimal import Decimal

from domain.accounts.models import Account
from domain.billing.pricing import PricedLine, totals
from domain.catalog.models import Product, ProductKind
from domain.orders.models import DeliveryStatus, OrderStatus, SalesOrder, SalesOrderLine

# (quantity, discount %) per line; prices and tax rates come from the three products.
LINES = [(Decimal("3"), Decimal("10")), (Decimal("1"), Decimal("0")), (Decimal("7"), Decimal("5"))]


async def load_shipped_orders(orders: int, accounts: int = 100) -> list[int]:
    """`orders` SHIPPED orders of 3 service lines each, ready to invoice; their ids."""
    await Account.bulk_create(
        [Account(name=f"Customer {i:03d}", currency="USD") for i in range(accounts)]
    )
    account_ids = sorted(await Account.all().values_list("id", flat=True))
    await Product.bulk_create(
        [
            Product(
                sku="WIDGET",
                name="Widget",
                kind=ProductKind.SERVICE,
                list_price=Decimal("19.99"),
                tax_rate=Decimal("7"),
            ),
            Product(
                sku="SCREW",
                name="Screw",
                kind=ProductKind.SERVICE,
                list_price=Decimal("0.33"),
                tax_rate=Decimal("19"),
            ),
            Product(
                sku="HOUR",
                name="Hour",
                kind=ProductKind.SERVICE,
                list_price=Decimal("85.00"),
                tax_rate=Decimal("20"),
            ),
        ]
    )
    products = list(await Product.all().order_by("id"))
    priced = [
        PricedLine(quantity, product.list_price, discount, product.tax_rate)
        for (quantity, discount), product in zip(LINES, products, strict=True)
    ]
    document = totals(priced)
    await SalesOrder.bulk_create(
        [
            SalesOrder(
                number=f"SO-BENCH-{i:06d}",
                account_id=account_ids[i % accounts],
                status=OrderStatus.SHIPPED,
                delivery_status=DeliveryStatus.SHIPPED,
                currency="USD",
                subtotal=document.subtotal,
                tax_total=document.tax_total,
                total=document.total,
            )
            for i in range(orders)
        ],
        batch_size=1000,
    )
    rows = await SalesOrder.all().order_by("id").values("id")
    order_ids = [int(row["id"]) for row in rows]
    await SalesOrderLine.bulk_create(
        [
            SalesOrderLine(
                order_id=order_id,
                position=position,
                product_id=product.id,
                quantity=line.quantity,
                unit_price=line.unit_price,
                discount_percent=line.discount_percent,
                tax_rate=line.tax_rate,
                net_amount=line.net,
                tax_amount=line.tax,
                quantity_shipped=line.quantity,
            )
            for order_id in order_ids
            for position, (line, product) in enumerate(zip(priced, products, strict=True))
        ],
        batch_size=1000,
    )
    return order_ids
