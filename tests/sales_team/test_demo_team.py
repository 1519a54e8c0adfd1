"""The demo company's sales team (§13): users, owners, overdue follow-ups, two campaigns with
budgets and won deals, so every insight shows non-trivial figures."""

from __future__ import annotations

from decimal import Decimal

from domain.accounts.models import Account
from domain.activities.models import Activity
from domain.campaigns.models import Campaign
from domain.campaigns.stats import campaign_counts, compute_stats
from domain.demo import seed_demo
from domain.demo.context import ANCHOR_AT
from domain.pipeline.models import Lead, Opportunity
from domain.service.models import Case
from domain.users.models import User

D = Decimal


async def test_the_demo_has_a_sales_team_and_campaigns_that_returned(database: str) -> None:
    await seed_demo()

    assert await User.all().count() == 7  # 4 account managers, 2 service agents, 1 manager
    tiers = ["ENTERPRISE", "MID_MARKET", "SMB"]
    assert await Account.filter(tier__in=tiers, owner_id__isnull=True).count() == 0
    assert await Account.filter(tier__in=tiers).count() == 44
    assert await Opportunity.filter(owner_id__isnull=True).count() == 0
    assert await Lead.filter(owner_id__isnull=True).count() == 0
    assert await Case.filter(assignee_id__isnull=True).count() == 0
    # A third of the open deals' next steps are past due at the demo's "now".
    overdue = await Activity.filter(completed_at__isnull=True, due_at__lt=ANCHOR_AT).count()
    assert overdue == 17

    campaigns = await Campaign.all().order_by("id")
    counts = await campaign_counts([c.id for c in campaigns])
    stats = [compute_stats(c.budget, counts[c.id]) for c in campaigns]
    assert [(c.name, c.budget) for c in campaigns] == [
        ("Spring Fleet Expo", D("12000.00")),
        ("E-bike Commuter Webinar", D("2500.00")),
    ]
    assert [(s.leads, s.opportunities, s.won_opportunities, s.won_amount) for s in stats] == [
        (3, 20, 4, D("28549.20")),
        (4, 20, 3, D("16192.40")),
    ]
    # 12000 / 3 = 4000; 28549.20 / 12000 = 2.37910 → 2.3791.
    assert (stats[0].cost_per_lead, stats[0].return_on_spend) == (D("4000.00"), D("2.3791"))
    # 2500 / 4 = 625; 16192.40 / 2500 = 6.47696 → 6.4770.
    assert (stats[1].cost_per_lead, stats[1].return_on_spend) == (D("625.00"), D("6.4770"))
