"""The FollowUpQueries half of SqlClaimRepository: what the task handlers need."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from hmpps_workers.adapters.sql.driver_reads import read
from hmpps_workers.adapters.sql.errors import translate_errors
from hmpps_workers.adapters.sql.prison_visits import follow_up_queries as q
from hmpps_workers.adapters.sql.prison_visits.acceptance_read import (
    read_accepted_claim_input,
)
from hmpps_workers.adapters.sql.prison_visits.rows import from_row
from hmpps_workers.core.prison_visits.claims.model import (
    ClaimBankDetail,
    ClaimDocument,
    ClaimExpense,
)
from hmpps_workers.core.prison_visits.claims.records import ClaimDeduction
from hmpps_workers.core.prison_visits.claims.views import (
    AcceptedClaimInput,
    BenefitPerson,
    ClaimantSummary,
    DwpCheckInput,
    RecoveredReference,
)


class FollowUpMixin:
    """Uploads, bank details, DWP input, auto-approval and notification reads."""

    engine: sa.Engine
    reads: sa.Engine  # `reader(engine)`: reads outside write transactions

    def external_documents(
        self, *, reference: str, eligibility_id: int, claim_id: int | None
    ) -> Sequence[ClaimDocument]:
        """Enabled ExtSchema documents: the claim's and its eligibility-level ones."""
        statement = q.external_documents(
            reference=reference, eligibility_id=eligibility_id, claim_id=claim_id
        )
        with translate_errors("read external documents"), self.reads.connect() as c:
            return [from_row(ClaimDocument, row) for row in c.execute(statement)]

    def external_bank_detail(self, claim_id: int) -> ClaimBankDetail | None:
        """The new bank details a claimant sent for an IntSchema claim."""
        with translate_errors("read new bank details"), self.reads.connect() as c:
            row = c.execute(q.external_bank_detail(claim_id)).first()
        return None if row is None else from_row(ClaimBankDetail, row)

    def dwp_check_input(
        self, *, reference: str, eligibility_id: int, claim_id: int
    ) -> DwpCheckInput | None:
        """Whom to ask the DWP checker about, for a claim."""
        params = {
            "reference": reference,
            "eligibility_id": eligibility_id,
            "claim_id": claim_id,
        }
        with translate_errors("read DWP check input"), self.reads.connect() as c:
            row = read(c, q.dwp_check_input(), params).first()
        if row is None:
            return None
        m = row._mapping  # noqa: SLF001
        holder = None
        if m["holder_last_name"] is not None:
            holder = BenefitPerson(
                last_name=m["holder_last_name"],
                national_insurance_number=m["holder_nino"],
                date_of_birth=m["holder_date_of_birth"],
            )
        return DwpCheckInput(
            visitor_id=m["VisitorId"],
            email_address=m["EmailAddress"],
            benefit=m["Benefit"],
            benefit_owner=m["BenefitOwner"],
            visitor=BenefitPerson(
                last_name=m["visitor_last_name"],
                national_insurance_number=m["visitor_nino"],
                date_of_birth=m["visitor_date_of_birth"],
            ),
            benefit_holder=holder,
        )

    def claim_expenses(self, claim_id: int) -> Sequence[ClaimExpense]:
        """Every expense of a claim, disabled and rejected ones included."""
        with translate_errors("read claim expenses"), self.reads.connect() as c:
            rows = read(c, q.all_claim_expenses(), {"claim_id": claim_id})
            return [from_row(ClaimExpense, row) for row in rows]

    def latest_claim_statuses(
        self, reference: str, *, excluding_claim_id: int, limit: int
    ) -> Sequence[str]:
        """Statuses of a reference's other claims, newest submission first."""
        statement = q.latest_claim_statuses(limit)
        params = {"reference": reference, "claim_id": excluding_claim_id}
        with translate_errors("read recent claim statuses"), self.reads.connect() as c:
            return list(c.execute(statement, params).scalars())

    def recover_reference(
        self, *, email_address: str, prison_number: str
    ) -> RecoveredReference | None:
        """The newest reference whose visitor and prisoner match, if any."""
        statement = q.recover_reference(
            email_address=email_address, prison_number=prison_number
        )
        with translate_errors("recover a reference"), self.reads.connect() as c:
            row = c.execute(statement).first()
        return None if row is None else from_row(RecoveredReference, row)

    def claimant_summary(self, claim_id: int) -> ClaimantSummary | None:
        """What the notification emails need about a claim and its visitor."""
        with translate_errors("read a claimant summary"), self.reads.connect() as c:
            row = read(c, q.claimant_summary(), {"claim_id": claim_id}).first()
        return None if row is None else from_row(ClaimantSummary, row)

    def accepted_claim_input(self, claim_id: int) -> AcceptedClaimInput | None:
        """The claimant summary, every expense and the enabled deductions; one read."""
        with translate_errors("read an accepted claim"), self.reads.connect() as c:
            return read_accepted_claim_input(c, claim_id)

    def bank_detail(self, claim_id: int) -> ClaimBankDetail | None:
        """An IntSchema claim's bank details."""
        with translate_errors("read bank details"), self.reads.connect() as c:
            row = c.execute(q.internal_bank_detail(claim_id)).first()
        return None if row is None else from_row(ClaimBankDetail, row)

    def enabled_deductions(self, claim_id: int) -> Sequence[ClaimDeduction]:
        """The deductions taken off a claim's payment."""
        with translate_errors("read deductions"), self.reads.connect() as c:
            rows = read(c, q.enabled_deductions(), {"claim_id": claim_id})
            return [from_row(ClaimDeduction, row) for row in rows]
