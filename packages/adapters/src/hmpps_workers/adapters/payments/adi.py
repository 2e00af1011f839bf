"""OpenpyxlJournalWriter: the ADI journal (§8.5), filled into the finance template.

The template carries Oracle WebADI's macros and hidden sheets; openpyxl keeps them
with `keep_vba=True`. Document properties are pinned to the run's instant, so a
resumed payment run writes the same workbook again.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import attrs
import openpyxl
from openpyxl.packaging import manifest
from openpyxl.writer.excel import ExcelWriter

from hmpps_workers.core.clock import to_uk_wall, to_utc_naive
from hmpps_workers.core.errors import ConfigurationError

DEFAULT_TEMPLATE = "/app/app/templates/adi_template.xlsm"
_MONTHS: tuple[str, ...] = ("Jan", "Feb", "Mar", "Apr", "May", "Jun")
_MONTHS += ("Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@attrs.frozen(kw_only=True)
class AdiSettings:
    """`APVS_ADI_*`: the template, its sheet and cells, and the journal name parts."""

    template_path: Path
    sheet: str = "WebADI"
    total_cell: str = "K20"
    debit_cell: str = "J19"
    accounting_date_cell: str = "E12"
    period_cell: str = "E13"
    journal_name_cell: str = "E14"
    journal_description_cell: str = "E15"
    journal_prefix: str = "578/APVU/"
    journal_suffix: str = "/EB"

    def check(self) -> None:
        """Fail clearly when the template is not where the configuration says."""
        if not self.template_path.is_file():
            raise ConfigurationError(
                f"APVS_ADI_TEMPLATE_PATH: no ADI journal template at"
                f" {self.template_path}; set it to the finance team's"
                " adi_template.xlsm (the payment run cannot build the journal"
                " without it)"
            )


def journal_name(settings: AdiSettings, at: datetime) -> str:
    """`578/APVU/` + the UK date as DDMMYY + `/EB`."""
    day = to_uk_wall(at)
    return f"{settings.journal_prefix}{day:%d%m%y}{settings.journal_suffix}"


def accounting_date(at: datetime) -> str:
    """The UK date as `DD-MMM-YYYY`, e.g. `16-Sep-2021`, in English whatever locale."""
    day = to_uk_wall(at)
    month = _MONTHS[day.month - 1]
    return f"{day.day:02d}-{month}-{day.year}"


@attrs.define
class OpenpyxlJournalWriter:
    """The JournalWriter port over openpyxl and the template file."""

    settings: AdiSettings

    def render(self, *, total: Decimal, at: datetime) -> bytes:
        """Fill the six cells and return the .xlsm bytes, macros kept."""
        self.settings.check()
        # the template's ribbon images are named *.JPG; openpyxl looks extensions
        # up case-sensitively when it writes the manifest
        manifest.mimetypes.add_type("image/jpeg", ".JPG")
        workbook = openpyxl.load_workbook(self.settings.template_path, keep_vba=True)
        try:
            sheet = workbook[self.settings.sheet]
        except KeyError:
            raise ConfigurationError(
                "APVS_ADI_JOURNAL_SHEET: the template has no sheet of that name"
            ) from None
        name = journal_name(self.settings, at)
        sheet[self.settings.debit_cell] = total
        sheet[self.settings.total_cell] = total
        sheet[self.settings.accounting_date_cell] = accounting_date(at)
        sheet[self.settings.period_cell] = ""
        sheet[self.settings.journal_name_cell] = name
        sheet[self.settings.journal_description_cell] = name
        workbook.properties.created = to_utc_naive(at)  # openpyxl: naive means UTC
        workbook.properties.modified = to_utc_naive(at)
        buffer = io.BytesIO()
        # ExcelWriter, unlike workbook.save, leaves the modified time as set above
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            ExcelWriter(workbook, archive).write_data()
        return _pin_timestamps(buffer.getvalue(), to_uk_wall(at))


def _pin_timestamps(data: bytes, instant: datetime) -> bytes:
    """Rewrite the archive with every entry dated `instant`: same run, same bytes."""
    stamp = instant.timetuple()[:6]
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            pinned = zipfile.ZipInfo(info.filename, date_time=stamp)
            pinned.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(pinned, source.read(info.filename))
    return buffer.getvalue()
