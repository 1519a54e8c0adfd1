"""External ids and metadata (§14): given in create/update inputs, unique per type, read back,
privateMetadata for ADMIN and INTEGRATION only, and the list filters by both."""

from __future__ import annotations

from typing import Any

from domain.outbox.models import Event

ACCOUNT_CREATE = """
mutation($input: AccountCreateInput!) {
  accountCreate(input: $input) {
    account { id name externalId metadata }
    errors { field code message }
  }
}"""
ACCOUNTS = """
query($filter: AccountFilter) {
  accounts(filter: $filter) { totalCount edges { node { name externalId } } }
}"""
PRIVATE = "query($id: ID!) { account(id: $id) { name privateMetadata } }"


async def create(gql: Any, **fields: Any) -> dict[str, Any]:
    body = await gql(ACCOUNT_CREATE, {"input": fields})
    return body["data"]["accountCreate"]  # type: ignore[no-any-return]


async def test_an_account_keeps_its_external_id_and_metadata(gql: Any) -> None:
    made = await create(
        gql, name="Acme", externalId=" crm-1 ", metadata={"tier": "gold", "region": "EU"}
    )

    assert made["errors"] == []
    # stripped; keys sorted
    assert made["account"]["externalId"] == "crm-1"
    assert made["account"]["metadata"] == {"region": "EU", "tier": "gold"}


async def test_a_second_account_with_the_same_external_id_is_duplicate(gql: Any) -> None:
    await create(gql, name="Acme", externalId="crm-1")

    second = await create(gql, name="Other", externalId="crm-1")

    assert second["account"] is None
    assert [(e["field"], e["code"]) for e in second["errors"]] == [(["externalId"], "DUPLICATE")]


async def test_bad_external_ids_and_metadata_are_invalid_all_at_once(gql: Any) -> None:
    made = await create(
        gql,
        name="Acme",
        externalId="x" * 101,
        metadata={"ok": 5},
        privateMetadata={f"k{n}": "v" for n in range(51)},
    )

    assert made["account"] is None
    assert sorted((tuple(e["field"]), e["code"]) for e in made["errors"]) == [
        (("externalId",), "INVALID"),
        (("metadata",), "INVALID"),
        (("privateMetadata",), "INVALID"),
    ]


async def test_private_metadata_is_for_admin_and_integration_only(gql: Any) -> None:
    made = await create(gql, name="Acme", privateMetadata={"erpKey": "A-77"})
    account_id = made["account"]["id"]

    for role in ("ADMIN", "INTEGRATION"):
        body = await gql(PRIVATE, {"id": account_id}, role=role)
        assert body["data"]["account"] == {"name": "Acme", "privateMetadata": {"erpKey": "A-77"}}
    sales = await gql(PRIVATE, {"id": account_id}, role="SALES")
    assert sales["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_accounts_filter_by_external_id_and_by_metadata(gql: Any) -> None:
    await create(gql, name="Acme", externalId="crm-1", metadata={"segment": "retail"})
    await create(gql, name="Bolt", externalId="crm-2", metadata={"segment": "fleet"})
    await create(gql, name="Core", metadata={"segment": "retail", "region": "EU"})

    by_id = await gql(ACCOUNTS, {"filter": {"externalId": "crm-2"}})
    retail = await gql(ACCOUNTS, {"filter": {"metadata": {"key": "segment", "value": "retail"}}})
    both = await gql(
        ACCOUNTS,
        {
            "filter": {
                "metadata": [
                    {"key": "segment", "value": "retail"},
                    {"key": "region", "value": "EU"},
                ]
            }
        },
    )

    assert [e["node"]["name"] for e in by_id["data"]["accounts"]["edges"]] == ["Bolt"]
    assert [e["node"]["name"] for e in retail["data"]["accounts"]["edges"]] == ["Acme", "Core"]
    assert retail["data"]["accounts"]["totalCount"] == 2
    assert [e["node"]["name"] for e in both["data"]["accounts"]["edges"]] == ["Core"]


UPSERT = """
mutation($input: AccountUpsertInput!) {
  accountUpsert(input: $input) {
    account { name externalId tier metadata } created errors { field code }
  }
}"""


async def test_account_upsert_creates_then_updates_then_changes_nothing(gql: Any) -> None:
    first = await gql(UPSERT, {"input": {"externalId": "crm-9", "name": "Acme", "tier": "GOLD"}})
    events_after_create = await Event.filter(type__startswith="account.").count()
    second = await gql(UPSERT, {"input": {"externalId": "crm-9", "tier": "SILVER"}})
    events_after_update = await Event.filter(type__startswith="account.").count()
    third = await gql(UPSERT, {"input": {"externalId": "crm-9", "tier": "SILVER"}})
    events_after_repeat = await Event.filter(type__startswith="account.").count()

    assert first["data"]["accountUpsert"]["created"] is True
    assert second["data"]["accountUpsert"]["created"] is False
    assert second["data"]["accountUpsert"]["account"]["tier"] == "SILVER"
    assert third["data"]["accountUpsert"] == {
        "account": {"name": "Acme", "externalId": "crm-9", "tier": "SILVER", "metadata": {}},
        "created": False,
        "errors": [],
    }
    # created (1), updated (1), repeated (0)
    assert (events_after_create, events_after_update, events_after_repeat) == (1, 2, 2)


async def test_an_upsert_refuses_what_create_refuses(gql: Any) -> None:
    no_name = await gql(UPSERT, {"input": {"externalId": "crm-9"}})
    bad_email = await gql(
        UPSERT, {"input": {"externalId": "crm-9", "name": "Acme", "email": "nope"}}
    )

    assert no_name["data"]["accountUpsert"]["errors"] == [{"field": ["name"], "code": "REQUIRED"}]
    assert bad_email["data"]["accountUpsert"]["errors"] == [{"field": ["email"], "code": "INVALID"}]


PRODUCT_UPSERT = """
mutation($input: ProductUpsertInput!) {
  productUpsert(input: $input) { product { sku name externalId } created errors { field code } }
}"""
CONTACT_UPSERT = """
mutation($input: ContactUpsertInput!) {
  contactUpsert(input: $input) {
    contact { firstName externalId account { name } } created errors { field code }
  }
}"""
LEAD_UPSERT = """
mutation($input: LeadUpsertInput!) {
  leadUpsert(input: $input) { lead { companyName externalId } created errors { field code } }
}"""


async def test_product_upsert_finds_a_product_by_sku_when_it_has_no_external_id(
    gql: Any,
) -> None:
    by_sku = await gql(PRODUCT_UPSERT, {"input": {"sku": "BOLT-1", "name": "Bolt"}})
    attach = await gql(PRODUCT_UPSERT, {"input": {"sku": "BOLT-1", "externalId": "erp-1"}})
    again = await gql(PRODUCT_UPSERT, {"input": {"externalId": "erp-1", "name": "Bolt"}})

    assert by_sku["data"]["productUpsert"]["created"] is True
    assert attach["data"]["productUpsert"] == {
        "product": {"sku": "BOLT-1", "name": "Bolt", "externalId": "erp-1"},
        "created": False,
        "errors": [],
    }
    assert again["data"]["productUpsert"]["created"] is False


async def test_contact_and_lead_upserts(gql: Any) -> None:
    await create(gql, name="Acme", externalId="crm-1")

    contact = await gql(
        CONTACT_UPSERT,
        {"input": {"externalId": "c-1", "accountExternalId": "crm-1", "firstName": "Ada",
                   "lastName": "Ng"}},
    )  # fmt: skip
    unknown = await gql(
        CONTACT_UPSERT,
        {"input": {"externalId": "c-2", "accountExternalId": "crm-404", "firstName": "B",
                   "lastName": "C"}},
    )  # fmt: skip
    lead = await gql(
        LEAD_UPSERT, {"input": {"externalId": "l-1", "companyName": "Zed", "contactName": "Zoe"}}
    )
    lead_again = await gql(
        LEAD_UPSERT, {"input": {"externalId": "l-1", "companyName": "Zed", "contactName": "Zoe"}}
    )

    assert contact["data"]["contactUpsert"] == {
        "contact": {"firstName": "Ada", "externalId": "c-1", "account": {"name": "Acme"}},
        "created": True,
        "errors": [],
    }
    assert unknown["data"]["contactUpsert"]["errors"] == [
        {"field": ["accountExternalId"], "code": "NOT_FOUND"}
    ]
    assert lead["data"]["leadUpsert"]["created"] is True
    assert lead_again["data"]["leadUpsert"]["created"] is False
    assert await Event.filter(type="lead.created").count() == 1


DOCUMENTS = """
mutation($account: ID!, $product: ID!) {
  opportunityCreate(input: {accountId: $account, name: "Deal", externalId: "o-1",
                            metadata: {src: "crm"}}) {
    opportunity { externalId metadata } errors { field code }
  }
  salesOrderCreate(input: {accountId: $account, externalId: "so-1", metadata: {src: "erp"},
                           lines: [{productId: $product, quantity: "1"}]}) {
    salesOrder { externalId metadata } errors { field code }
  }
  purchaseOrderCreate(input: {supplierId: $account, externalId: "po-1",
                              lines: [{productId: $product, quantity: "2"}]}) {
    purchaseOrder { externalId metadata } errors { field code }
  }
  caseCreate(input: {accountId: $account, subject: "Squeak", externalId: "k-1",
                     privateMetadata: {ticket: "T-9"}}) {
    case { externalId privateMetadata } errors { field code }
  }
}"""
LISTS = """
{
  opportunities(filter: {metadata: {key: "src", value: "crm"}}) { totalCount }
  salesOrders(filter: {externalId: "so-1"}) { totalCount }
  purchaseOrders(filter: {externalId: "po-1"}) { totalCount }
  cases(filter: {externalId: "k-1"}) { totalCount }
  none: cases(filter: {externalId: "k-2"}) { totalCount }
  invoices(filter: {externalId: "inv-1"}) { totalCount }
}"""


async def test_opportunities_orders_purchase_orders_and_cases_take_external_data(
    gql: Any,
) -> None:
    from tests.factories import gid, make_account, make_product

    account = await make_account("Acme")
    product = await make_product("BOLT")
    variables = {"account": gid("Account", account.id), "product": gid("Product", product.id)}

    made = (await gql(DOCUMENTS, variables))["data"]
    again = (await gql(DOCUMENTS, variables))["data"]
    lists = (await gql(LISTS))["data"]

    assert made == {
        "opportunityCreate": {
            "opportunity": {"externalId": "o-1", "metadata": {"src": "crm"}}, "errors": [],
        },
        "salesOrderCreate": {
            "salesOrder": {"externalId": "so-1", "metadata": {"src": "erp"}}, "errors": [],
        },
        "purchaseOrderCreate": {
            "purchaseOrder": {"externalId": "po-1", "metadata": {}}, "errors": [],
        },
        "caseCreate": {"case": {"externalId": "k-1", "privateMetadata": {"ticket": "T-9"}},
                       "errors": []},
    }  # fmt: skip
    duplicate = [{"field": ["externalId"], "code": "DUPLICATE"}]
    assert [payload["errors"] for payload in again.values()] == [duplicate] * 4
    assert {name: value["totalCount"] for name, value in lists.items()} == {
        "opportunities": 1, "salesOrders": 1, "purchaseOrders": 1, "cases": 1, "none": 0,
        "invoices": 0,
    }  # fmt: skip
