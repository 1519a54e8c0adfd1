"""GraphQL enums of leads, opportunities and the forecast (contract §4.1), each value described."""

from __future__ import annotations

from enum import Enum

from api.scalars import described_enum
from domain.pipeline.forecast import ForecastGroup
from domain.pipeline.models import LeadStatus
from domain.pipeline.stages import OpportunityStatus, Stage

__all__ = [
    "ForecastGroup",
    "LeadOrderField",
    "LeadStatus",
    "OpportunityOrderField",
    "OpportunityStatus",
    "Stage",
]

described_enum(
    Stage,
    name="OpportunityStage",
    description="The pipeline's stages in order, each with its default probability (§4.1). "
    "The two CLOSED stages are reached only by opportunityMarkWon / opportunityMarkLost.",
    values={
        "PROSPECTING": "First contact; default probability 10.",
        "QUALIFICATION": "Need and budget being confirmed; default probability 20.",
        "PROPOSAL": "An offer is out; default probability 50.",
        "NEGOTIATION": "Terms being agreed; default probability 80.",
        "CLOSED_WON": "Won and handed over as a sales order; probability 100.",
        "CLOSED_LOST": "Lost (see lostReason); probability 0.",
    },
)
described_enum(
    OpportunityStatus,
    name="OpportunityStatus",
    description="Whether a deal is still in play (§4.1).",
    values={
        "OPEN": "In one of the four open stages; counts in the forecast and openPipeline.",
        "WON": "Won: the DRAFT sales order exists (Opportunity.salesOrder).",
        "LOST": "Lost; lostReason says why.",
    },
)
described_enum(
    LeadStatus,
    name="LeadStatus",
    description="Where a lead stands before and after conversion (§4.1).",
    values={
        "NEW": "Captured, not looked at yet.",
        "QUALIFIED": "Worth pursuing; may be converted.",
        "DISQUALIFIED": "Not a prospect; cannot be converted.",
        "CONVERTED": "Turned into an account, a contact and maybe an opportunity (leadConvert).",
    },
)
described_enum(
    ForecastGroup,
    name="PipelineForecastGroupBy",
    description="How pipelineForecast buckets the open opportunities.",
    values={
        "MONTH": 'By the month of expectedCloseDate; bucket key "YYYY-MM".',
        "STAGE": "By stage, in pipeline order; bucket key the stage name.",
        "OWNER": "By owner (the key is the owner's User id), in the order users were created; "
        "deals without an owner last, under UNASSIGNED.",
    },
)


class LeadOrderField(Enum):
    CREATED_AT = "created_at"
    COMPANY_NAME = "company_name"


described_enum(
    LeadOrderField,
    name="LeadOrderField",
    description="What a lead list can be sorted by.",
    values={
        "CREATED_AT": "When the lead was captured.",
        "COMPANY_NAME": "The company name, A→Z.",
    },
)


class OpportunityOrderField(Enum):
    NAME = "name"
    AMOUNT = "amount"
    PROBABILITY = "probability"
    EXPECTED_CLOSE_DATE = "expected_close_date"
    CREATED_AT = "created_at"


described_enum(
    OpportunityOrderField,
    name="OpportunityOrderField",
    description="What an opportunity list can be sorted by.",
    values={
        "NAME": "The deal's name, A→Z.",
        "AMOUNT": "The amount, smallest first.",
        "PROBABILITY": "The probability percent.",
        "EXPECTED_CLOSE_DATE": "The expected close date; deals without one sort last "
        "ascending, first descending.",
        "CREATED_AT": "When the deal was created.",
    },
)
