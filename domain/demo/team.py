"""Demo sales team (§13): the people who own accounts, deals and cases, and two campaigns."""

from __future__ import annotations

from domain.auth.models import Role
from domain.campaigns.services import create_campaign
from domain.demo.context import DemoContext, day, money
from domain.demo.names import OWNERS
from domain.users.services import create_user

SERVICE_AGENTS = ("Sam Rivera", "Priya Nair")
MANAGER = "Morgan Lee"
# (name, channel, days from the anchor it starts and ends, budget): both brought won deals.
CAMPAIGNS = (
    ("Spring Fleet Expo", "event", -230, -227, money(12_000)),
    ("E-bike Commuter Webinar", "webinar", -150, -150, money(2_500)),
)


def email_of(name: str) -> str:
    return f"{name.lower().replace(' ', '.')}@tandem-bikes.example"


async def seed_team(ctx: DemoContext) -> None:
    """The four account managers (SALES), two service agents and a sales manager (ADMIN);
    then the campaigns, which leads and deals name later."""
    for name in OWNERS:
        ctx.user_ids[name] = (
            await create_user({"name": name, "email": email_of(name), "role": Role.SALES})
        ).id
    for name in SERVICE_AGENTS:
        user = await create_user({"name": name, "email": email_of(name), "role": Role.SERVICE})
        ctx.service_user_ids.append(user.id)
    await create_user({"name": MANAGER, "email": email_of(MANAGER), "role": Role.ADMIN})
    for name, channel, start, end, budget in CAMPAIGNS:
        campaign = await create_campaign(
            {
                "name": name,
                "channel": channel,
                "start_date": day(start),
                "end_date": day(end),
                "budget": budget,
            }
        )
        ctx.campaign_ids.append(campaign.id)
