"""The scheduled runners' jobs on the database, S3 and the ADI template."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import attrs

from hmpps_workers.adapters.payments.adi import OpenpyxlJournalWriter
from hmpps_workers.adapters.sql.prison_visits.claim_updates import SqlClaimUpdates
from hmpps_workers.adapters.sql.prison_visits.daily_store import (
    SqlDailyJobStore,
    SqlDeferredApprovalStore,
    SqlJobHistory,
)
from hmpps_workers.adapters.sql.prison_visits.payment_store import SqlPaymentStore
from hmpps_workers.core.prison_visits.daily.approval import DeferredApprovals
from hmpps_workers.core.prison_visits.daily.approve import DeferredApprover
from hmpps_workers.core.prison_visits.daily.jobs import DailyJobs
from hmpps_workers.core.prison_visits.payments.run import (
    PaymentFileCleanup,
    PaymentRun,
)
from hmpps_workers.runners.prison_visits.bootstrap import Services
from hmpps_workers.runners.prison_visits.scheduled_config import ScheduledConfig
from hmpps_workers.runners.progress import choose_progress

Jobs = Mapping[str, Callable[[], Mapping[str, int]]]


def payment_jobs(services: Services, config: ScheduledConfig) -> Jobs:
    """Direct payments, then the clean-up of old payment files."""
    config.adi.check()  # say so before anything is selected
    store = SqlPaymentStore(services.engine, checkpoint=services.checkpoint)
    run = PaymentRun(
        store=store,
        files=services.files,
        journal=OpenpyxlJournalWriter(config.adi),
        clock=services.clock,
        progress=choose_progress(),
    )
    cleanup = PaymentFileCleanup(
        store=store,
        files=services.files,
        clock=services.clock,
        keep_for=config.payment_file_retention,
    )
    return {"direct-payments": run.run, "payment-file-clean-up": cleanup.run}


def daily_jobs(services: Services, config: ScheduledConfig) -> Jobs:
    """The §7 jobs and archiving, each on its own.

    Archiving is off unless its database is configured (the original has not
    scheduled it since 2019): archive-old-claims then archives nothing.
    """
    archive = services.archive()
    settings = config.daily
    if archive is None:
        settings = attrs.evolve(settings, archive_max_per_run=0)
    daily = DailyJobs(
        store=SqlDailyJobStore(services.engine, archive=archive),
        history=SqlJobHistory(services.engine),
        files=services.files,
        clock=services.clock,
        settings=settings,
        progress=choose_progress(),
    )
    return daily.jobs()


def approval_jobs(services: Services, config: ScheduledConfig) -> Jobs:
    """The deferred auto-approvals."""
    del config  # nothing to set
    approvals = DeferredApprovals(
        store=SqlDeferredApprovalStore(services.engine),
        approve=DeferredApprover(SqlClaimUpdates(services.engine)),
        clock=services.clock,
        progress=choose_progress(),
    )
    return {"deferred-auto-approval": approvals.run}


BUILDERS: dict[str, Callable[[Services, ScheduledConfig], Jobs]] = {
    "payment-run": payment_jobs,
    "daily-tasks": daily_jobs,
    "auto-approval": approval_jobs,
}
