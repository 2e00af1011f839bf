"""Configuration of the scheduled runners, from the original's variable names."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path

import attrs

from hmpps_workers.adapters.payments.adi import DEFAULT_TEMPLATE, AdiSettings
from hmpps_workers.core.prison_visits.daily.rules import DailySettings
from hmpps_workers.runners.env import Env

_DAYS = 3650


def _text(env: Mapping[str, str], name: str, default: str) -> str:
    return Env(env).text(name, default)


def _int(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    return Env(env).integer(name, default, low, high)


@attrs.frozen(kw_only=True)
class ScheduledConfig:
    """The daily thresholds, the payment-file retention and the ADI template."""

    daily: DailySettings
    payment_file_retention: timedelta
    adi: AdiSettings

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> ScheduledConfig:
        """Read and check every variable; ConfigurationError names the bad one."""

        def days(name: str, default: int, low: int = 0) -> int:
            return _int(env, name, default, low, _DAYS)

        daily = DailySettings(
            first_advance_reminder_days=days(
                "APVS_NUMBER_OF_DAYS_AFTER_DATE_OF_JOURNEY_FOR_ADVANCE_REMINDER", 1
            ),
            second_advance_reminder_days=days(
                "APVS_NUMBER_OF_DAYS_AFTER_DATE_OF_JOURNEY_FOR_SECOND_ADVANCE_REMINDER",
                7,
            ),
            pending_days_for_reminder=days(
                "APVS_NUMBER_OF_DAYS_PENDING_FOR_FINAL_REMINDER", 35
            ),
            days_after_reminder_for_rejection=days(
                "APVS_NUMBER_OF_DAYS_AFTER_FINAL_REMINDER_FOR_REJECTION", 7
            ),
            overpayment_days=days("APVS_MARK_AS_OVERPAYMENT_DAYS", 10),
            external_data_days=days(
                "APVS_EXTERNAL_MAX_DAYS_BEFORE_DELETE_OLD_DATA", 30, 1
            ),
            archive_after_days=days("APVS_ARCHIVE_CLAIMS_AFTER_DAYS", 365, 1),
            archive_max_per_run=_int(
                env, "APVS_ARCHIVE_CLAIMS_MAX_PER_RUN", 1000, 0, 1_000_000
            ),
            catch_up_days=days("APVS_DAILY_CATCH_UP_DAYS", 7, 1),
        )
        adi = AdiSettings(
            template_path=Path(_text(env, "APVS_ADI_TEMPLATE_PATH", DEFAULT_TEMPLATE)),
            sheet=_text(env, "APVS_ADI_JOURNAL_SHEET", "WebADI"),
            total_cell=_text(env, "APVS_ADI_TOTAL_CELL", "K20"),
            debit_cell=_text(env, "APVS_ADI_DEBIT_CELL", "J19"),
            accounting_date_cell=_text(env, "APVS_ADI_ACCOUNTING_DATE_CELL", "E12"),
            period_cell=_text(env, "APVS_ADI_PERIOD_CELL", "E13"),
            journal_name_cell=_text(env, "APVS_ADI_JOURNAL_NAME_CELL", "E14"),
            journal_description_cell=_text(
                env, "APVS_ADI_JOURNAL_DESCRIPTION_CELL", "E15"
            ),
            journal_prefix=_text(env, "APVS_ADI_JOURNAL_PREFIX", "578/APVU/"),
            journal_suffix=_text(env, "APVS_ADI_JOURNAL_SUFFIX", "/EB"),
        )
        return cls(
            daily=daily,
            payment_file_retention=timedelta(
                days=days("APVS_PAYMENT_CLEANUP_FILE_NUMBER_OF_DAYS", 28, 1)
            ),
            adi=adi,
        )
