"""The claim graph as values: one class per table row.

Field names are the columns' names in snake case (`From` and `To` are `travel_from`
and `travel_to`). ExtSchema rows leave the IntSchema-only fields at None. Instants are
aware datetimes, dates of birth are dates, money is Decimal.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import attrs


@attrs.frozen(kw_only=True)
class Eligibility:
    """One claimant and prisoner pairing, with its 7-character reference."""

    eligibility_id: int
    reference: str
    date_created: datetime
    status: str
    date_submitted: datetime | None = None
    reference_disabled: int | None = None
    untrusted_reason: str | None = None
    disabled_reason: str | None = None
    re_enabled_reason: str | None = None
    untrusted_date: datetime | None = None
    is_trusted: bool | None = None


@attrs.frozen(kw_only=True)
class Prisoner:
    """The prisoner visited."""

    prisoner_id: int
    eligibility_id: int
    reference: str
    first_name: str
    last_name: str
    date_of_birth: date
    prison_number: str
    name_of_prison: str
    nomis_check: str | None = None
    release_date_is_set: bool | None = None
    release_date: datetime | None = None


@attrs.frozen(kw_only=True)
class Visitor:
    """The claimant."""

    visitor_id: int
    eligibility_id: int
    reference: str
    first_name: str
    last_name: str
    national_insurance_number: str
    house_number_and_street: str
    town: str
    county: str
    country: str
    post_code: str
    email_address: str
    date_of_birth: date
    relationship: str
    phone_number: str | None = None
    benefit: str | None = None
    benefit_owner: str | None = None
    dwp_benefit_checker_result: str | None = None
    dwp_check: str | None = None
    benefit_expiry_date: datetime | None = None


@attrs.frozen(kw_only=True)
class Benefit:
    """The benefit holder, when that is not the visitor."""

    benefit_id: int
    eligibility_id: int
    reference: str
    first_name: str
    last_name: str
    national_insurance_number: str
    date_of_birth: date


@attrs.frozen(kw_only=True)
class EligibleChild:
    """A child the eligibility covers."""

    eligible_child_id: int
    eligibility_id: int
    reference: str
    first_name: str
    last_name: str
    date_of_birth: date
    child_relationship: str
    parent_first_name: str
    parent_last_name: str
    house_number_and_street: str
    town: str
    county: str
    country: str
    post_code: str


@attrs.frozen(kw_only=True)
class Claim:
    """One claim for one visit."""

    claim_id: int
    eligibility_id: int
    reference: str
    status: str
    date_of_journey: datetime
    date_created: datetime
    date_submitted: datetime | None = None
    assisted_digital_caseworker: str | None = None
    claim_type: str | None = None
    is_advance_claim: bool | None = None
    payment_method: str | None = None
    rejection_reason_id: int | None = None
    is_overpaid: bool | None = None
    reminder_sent: bool | None = None
    visit_confirmation_check: str | None = None
    caseworker: str | None = None
    payment_status: str | None = None
    reason: str | None = None
    note: str | None = None
    overpayment_reason: str | None = None
    assigned_to: str | None = None
    payment_amount: Decimal | None = None
    total_amount: Decimal | None = None
    manually_processed_amount: Decimal | None = None
    overpayment_amount: Decimal | None = None
    remaining_overpayment_amount: Decimal | None = None
    date_reviewed: datetime | None = None
    payment_date: datetime | None = None
    date_approved: datetime | None = None
    assignment_expiry: datetime | None = None
    date_reminder_sent: datetime | None = None
    last_updated: datetime | None = None
    is_included_in_audit: bool | None = None


@attrs.frozen(kw_only=True)
class ClaimExpense:
    """One journey or cost claimed."""

    claim_expense_id: int
    eligibility_id: int
    claim_id: int
    reference: str
    expense_type: str
    cost: Decimal
    travel_time: str | None = None
    travel_from: str | None = None
    travel_to: str | None = None
    ticket_type: str | None = None
    return_time: str | None = None
    is_return: bool | None = None
    duration_of_travel: int | None = None
    ticket_owner: str | None = None
    is_enabled: bool | None = True
    from_post_code: str | None = None
    to_post_code: str | None = None
    distance: Decimal | None = None
    approved_cost: Decimal | None = None
    status: str | None = None


@attrs.frozen(kw_only=True)
class ClaimBankDetail:
    """Where a bank payment goes."""

    claim_bank_detail_id: int
    eligibility_id: int
    claim_id: int
    reference: str
    name_on_account: str
    account_number: str | None = None
    sort_code: str | None = None
    roll_number: str | None = None


@attrs.frozen(kw_only=True)
class ClaimDocument:
    """Evidence; claim-level, or eligibility-level when `claim_id` is None."""

    claim_document_id: int
    eligibility_id: int
    reference: str
    document_type: str
    document_status: str
    claim_id: int | None = None
    claim_expense_id: int | None = None
    filepath: str | None = None
    date_submitted: datetime | None = None
    is_enabled: bool | None = True
    caseworker: str | None = None
    status: str | None = None


@attrs.frozen(kw_only=True)
class ClaimChild:
    """A child who went on the visit."""

    claim_child_id: int
    eligibility_id: int
    claim_id: int
    reference: str
    first_name: str
    last_name: str
    date_of_birth: date
    relationship: str
    is_enabled: bool | None = True


@attrs.frozen(kw_only=True)
class ClaimEscort:
    """An escort who went on the visit."""

    claim_escort_id: int
    eligibility_id: int
    claim_id: int
    reference: str
    first_name: str
    last_name: str
    date_of_birth: date
    is_enabled: bool | None = True


@attrs.frozen(kw_only=True)
class ContactDetailUpdate:
    """New contact details sent with a repeat claim (ExtSchema only)."""

    eligibility_visitor_update_contact_detail_id: int
    eligibility_id: int
    reference: str
    email_address: str
    date_submitted: datetime
    phone_number: str | None = None
