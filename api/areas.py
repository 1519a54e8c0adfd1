"""The API's areas, listed: their query, mutation and subscription roots and their HTTP routes.

Adding an area means adding its schema module here (and its routes, if any); nothing is
discovered, so this file is the one place that says what the API serves."""

from __future__ import annotations

from starlette.routing import BaseRoute

from api.accounts import schema as accounts
from api.activities import schema as activities
from api.audit import schema as audit
from api.availability import schema as availability
from api.billing import schema as billing
from api.campaigns import schema as campaigns
from api.catalog import schema as catalog
from api.closing import schema as closing
from api.currencies import schema as currencies
from api.events import schema as events
from api.exports import http as exports
from api.imports import schema as imports
from api.insights import schema as insights
from api.inventory import schema as inventory
from api.jobs import schema as jobs
from api.ledger import schema as ledger
from api.lots import schema as lots
from api.manufacturing import schema as manufacturing
from api.orders import schema as orders
from api.payables import schema as payables
from api.pipeline import http as lead_capture
from api.pipeline import schema as pipeline
from api.price_lists import schema as price_lists
from api.purchasing import schema as purchasing
from api.quotes import schema as quotes
from api.returns import schema as returns
from api.segments import schema as segments
from api.service import schema as service
from api.stock_counts import schema as stock_counts
from api.tokens import schema as tokens
from api.users import schema as users
from api.webhooks import schema as webhooks

QUERY_ROOTS: list[type] = [
    accounts.Query,
    activities.Query,
    audit.Query,
    availability.Query,
    billing.Query,
    campaigns.Query,
    catalog.Query,
    closing.Query,
    currencies.Query,
    insights.Query,
    inventory.Query,
    jobs.Query,
    ledger.Query,
    lots.Query,
    manufacturing.Query,
    orders.Query,
    payables.Query,
    pipeline.Query,
    price_lists.Query,
    purchasing.Query,
    quotes.Query,
    segments.Query,
    returns.Query,
    service.Query,
    stock_counts.Query,
    tokens.Query,
    users.Query,
    webhooks.Query,
]

MUTATION_ROOTS: list[type] = [
    accounts.Mutation,
    activities.Mutation,
    billing.Mutation,
    campaigns.Mutation,
    catalog.Mutation,
    closing.Mutation,
    currencies.Mutation,
    inventory.Mutation,
    jobs.Mutation,
    lots.Mutation,
    manufacturing.Mutation,
    orders.Mutation,
    payables.Mutation,
    imports.Mutation,
    pipeline.Mutation,
    price_lists.Mutation,
    purchasing.Mutation,
    quotes.Mutation,
    segments.Mutation,
    returns.Mutation,
    service.Mutation,
    stock_counts.Mutation,
    tokens.Mutation,
    users.Mutation,
    webhooks.Mutation,
]

SUBSCRIPTION_ROOTS: list[type] = [events.Subscription]

# HTTP endpoints beside /graphql (contract §4.2).
ROUTES: list[BaseRoute] = [*lead_capture.ROUTES, *exports.ROUTES]
