"""GraphQL enums of the front office, shared by the pipeline types and the Account mixin."""

from __future__ import annotations

import strawberry

from domain.pipeline.forecast import ForecastGroup
from domain.pipeline.models import LeadStatus as DomainLeadStatus
from domain.pipeline.stages import OpportunityStatus as DomainOpportunityStatus
from domain.pipeline.stages import Stage

OpportunityStage = strawberry.enum(
    Stage, name="OpportunityStage", description="Pipeline stages, in order (§4.1)."
)
OpportunityStatus = strawberry.enum(DomainOpportunityStatus, name="OpportunityStatus")
LeadStatus = strawberry.enum(DomainLeadStatus, name="LeadStatus")
PipelineForecastGroupBy = strawberry.enum(ForecastGroup, name="PipelineForecastGroupBy")
