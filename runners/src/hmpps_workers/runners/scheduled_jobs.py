"""The scheduled runners' jobs on the real database, S3 and the ADI template."""

from __future__ import annotations

from collections.abc import Callable, Mapping

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
from hmpps_workers.runners.progress import choose_progress
from hmpps_workers.runners.scheduled_bootstrap import ScheduledServices

Jobs = Mapping[str, Callable[[], Mapping[str, int]]]


def payment_jobs(services: ScheduledServices) -> Jobs:
    """Direct payments, then the clean-up of old payment files."""
    config = services.config
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


def daily_jobs(services: ScheduledServices) -> Jobs:
    """The §7 jobs and archiving, each on its own."""
    daily = DailyJobs(
        store=SqlDailyJobStore(services.engine, archive=services.archive),
        history=SqlJobHistory(services.engine),
        files=services.files,
        clock=services.clock,
        settings=services.config.daily,
        progress=choose_progress(),
    )
    return daily.jobs()


def approval_jobs(services: ScheduledServices) -> Jobs:
    """The deferred auto-approvals."""
    approvals = DeferredApprovals(
        store=SqlDeferredApprovalStore(services.engine),
        approve=DeferredApprover(SqlClaimUpdates(services.engine)),
        clock=services.clock,
        progress=choose_progress(),
    )
    return {"deferred-auto-approval": approvals.run}


BUILDERS: dict[str, Callable[[ScheduledServices], Jobs]] = {
    "payment-run": payment_jobs,
    "daily-tasks": daily_jobs,
    "auto-approval": approval_jobs,
}
