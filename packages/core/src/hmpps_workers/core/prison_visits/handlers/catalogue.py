"""The whole task catalogue: every task type's handler, built from its ports."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

import attrs

from hmpps_workers.core.clock import Clock
from hmpps_workers.core.prison_visits.approval.config import AutoApprovalDefaults
from hmpps_workers.core.prison_visits.benefits.ports import BenefitChecker
from hmpps_workers.core.prison_visits.claims.ports import ClaimArchive, ClaimRepository
from hmpps_workers.core.prison_visits.distance.ports import DistanceCalculator
from hmpps_workers.core.prison_visits.email.ports import EmailSender
from hmpps_workers.core.prison_visits.email.templates import Template
from hmpps_workers.core.prison_visits.handlers.approval import AutoApprovalCheck
from hmpps_workers.core.prison_visits.handlers.archive import (
    ArchiveClaim,
    ArchiveOldClaims,
    TaskQueue,
)
from hmpps_workers.core.prison_visits.handlers.benefits import DwpCheck
from hmpps_workers.core.prison_visits.handlers.common import Mailer, StepType
from hmpps_workers.core.prison_visits.handlers.complete_claim import CompleteClaim
from hmpps_workers.core.prison_visits.handlers.information_response import (
    RequestInformationResponse,
)
from hmpps_workers.core.prison_visits.handlers.notifications import (
    CLAIM_STATUS_TASKS,
    AcceptedClaimNotification,
    AdvanceReminderNotification,
    ClaimStatusNotification,
)
from hmpps_workers.core.prison_visits.handlers.ports import ClaimUpdates
from hmpps_workers.core.prison_visits.handlers.pricing import PriceCarJourneys
from hmpps_workers.core.prison_visits.handlers.requests import (
    MalwareAlert,
    ReferenceRecovery,
    TechnicalHelp,
)
from hmpps_workers.core.prison_visits.helpdesk.ports import Helpdesk
from hmpps_workers.core.prison_visits.notifications.content import Links
from hmpps_workers.core.prison_visits.pricing import PricingSettings
from hmpps_workers.core.prison_visits.prisons import PrisonDirectory
from hmpps_workers.core.prison_visits.task_types import TaskType
from hmpps_workers.core.tasks.registry import Handler, HandlerRegistry


@attrs.frozen(kw_only=True)
class HandlerPorts:
    """Everything the prison-visits handlers use, built by the runner (or a test)."""

    claims: ClaimRepository
    updates: ClaimUpdates
    tasks: TaskQueue
    email: EmailSender
    benefits: BenefitChecker
    distance: DistanceCalculator | None
    helpdesk: Helpdesk
    archive: ClaimArchive | None = None
    clock: Clock
    prisons: PrisonDirectory
    templates: Mapping[Template, str] = attrs.field(factory=dict)
    links: Links = attrs.field(factory=Links)
    approval_defaults: AutoApprovalDefaults = attrs.field(factory=AutoApprovalDefaults)
    pricing: PricingSettings = attrs.field(factory=PricingSettings)
    helpdesk_test_mode: bool = True
    archive_after: timedelta = timedelta(days=365)


def handlers(ports: HandlerPorts) -> dict[str, Handler]:
    """A handler for each of the 17 task types and this worker's two steps."""
    mailer = Mailer(sender=ports.email, templates=ports.templates)
    found: dict[str, Handler] = {
        task_type: ClaimStatusNotification(
            task_type=task_type,
            claims=ports.claims,
            updates=ports.updates,
            mailer=mailer,
            links=ports.links,
            clock=ports.clock,
        )
        for task_type in CLAIM_STATUS_TASKS
    }
    found |= {
        TaskType.ACCEPT_CLAIM_NOTIFICATION: AcceptedClaimNotification(
            claims=ports.claims, mailer=mailer, prisons=ports.prisons
        ),
        TaskType.ADVANCE_CLAIM_EVIDENCE_REMINDER_NOTIFICATION: (
            AdvanceReminderNotification(
                claims=ports.claims, mailer=mailer, links=ports.links
            )
        ),
        TaskType.COMPLETE_CLAIM: CompleteClaim(
            claims=ports.claims, clock=ports.clock, pricing=ports.pricing
        ),
        StepType.PRICE_CAR_JOURNEYS: PriceCarJourneys(
            claims=ports.claims,
            updates=ports.updates,
            distance=ports.distance,
            prisons=ports.prisons,
            defaults=ports.approval_defaults,
            pricing=ports.pricing,
            clock=ports.clock,
        ),
        TaskType.DWP_CHECK: DwpCheck(
            claims=ports.claims,
            updates=ports.updates,
            checker=ports.benefits,
            clock=ports.clock,
        ),
        StepType.AUTO_APPROVAL_CHECK: AutoApprovalCheck(
            claims=ports.claims,
            updates=ports.updates,
            defaults=ports.approval_defaults,
            clock=ports.clock,
        ),
        TaskType.REQUEST_INFORMATION_RESPONSE: RequestInformationResponse(
            claims=ports.claims, updates=ports.updates, clock=ports.clock
        ),
        TaskType.SEND_MALWARE_ALERT: MalwareAlert(mailer=mailer),
        TaskType.TECHNICAL_HELP_SUBMITTED: TechnicalHelp(
            helpdesk=ports.helpdesk, test_mode=ports.helpdesk_test_mode
        ),
        TaskType.REFERENCE_RECOVERY: ReferenceRecovery(
            claims=ports.claims, mailer=mailer, links=ports.links
        ),
        TaskType.ARCHIVE_OLD_CLAIMS: ArchiveOldClaims(
            claims=ports.claims,
            tasks=ports.tasks,
            clock=ports.clock,
            archive_after=ports.archive_after,
        ),
        TaskType.ARCHIVE_CLAIM: ArchiveClaim(archive=ports.archive),
    }
    return {str(task_type): handler for task_type, handler in found.items()}


def prison_visits_registry(ports: HandlerPorts) -> HandlerRegistry:
    """The registry the prison-visits worker runs."""
    return HandlerRegistry(handlers(ports))
