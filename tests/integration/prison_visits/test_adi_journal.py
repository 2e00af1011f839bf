"""The ADI journal filled into the real WebADI template, read back cell by cell."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from decimal import Decimal

import openpyxl
import pytest

from hmpps_workers.adapters.payments.adi import AdiSettings, OpenpyxlJournalWriter
from hmpps_workers.core.errors import ConfigurationError
from support.adi_workbook import CREDIT_LINE, DEBIT_ACCOUNT, LEDGER

# 09:00 on 16 September 2021, UK summer time: the original's example date
AT = datetime(2021, 9, 16, 8, 0, tzinfo=UTC)


# the rows around the journal cells, as each template has them
UNTOUCHED = {
    "original": ("MOJ_SOP_SOB", 5224102023, "APVU Bank Account"),
    "generated": (LEDGER[1], DEBIT_ACCOUNT[1], CREDIT_LINE[1]),
}


@pytest.fixture(params=["generated", "original"])
def kind(request):
    """The project's generated ADI-shaped workbook, and the finance team's original."""
    return request.param


@pytest.fixture
def template(kind, request):
    root = request.getfixturevalue(
        "samples_dir" if kind == "generated" else "shared_dir"
    )
    return root / "fixtures" / "payments" / "adi_template.xlsm"


@pytest.fixture
def workbook_bytes(template) -> bytes:
    writer = OpenpyxlJournalWriter(AdiSettings(template_path=template))
    return writer.render(total=Decimal("1481.08"), at=AT)


class TestAdiJournal:
    """The six cells of §8.5, with the template's macros and hidden sheets kept."""

    def test_the_six_cells_hold_the_total_date_and_journal_name(self, workbook_bytes):
        """Debit and credit carry the total; the name is prefix, DDMMYY, suffix."""
        sheet = openpyxl.load_workbook(io.BytesIO(workbook_bytes))["WebADI"]
        cells = {c: sheet[c].value for c in ("J19", "K20", "E12", "E14", "E15")}
        assert cells == {
            "J19": 1481.08,
            "K20": 1481.08,
            "E12": "16-Sep-2021",
            "E14": "578/APVU/160921/EB",
            "E15": "578/APVU/160921/EB",
        }
        assert sheet["E13"].value in {None, ""}

    def test_the_template_rows_around_the_cells_are_untouched(
        self, workbook_bytes, kind
    ):
        """Ledger, accounts and line descriptions stay as the template has them."""
        sheet = openpyxl.load_workbook(io.BytesIO(workbook_bytes))["WebADI"]
        assert (sheet["E8"].value, sheet["E19"].value, sheet["L20"].value) == (
            UNTOUCHED[kind]
        )

    def test_macros_ribbon_and_hidden_sheets_are_kept(self, workbook_bytes, template):
        """The VBA project is byte-identical; the WebADI support sheets stay hidden."""
        written = zipfile.ZipFile(io.BytesIO(workbook_bytes))
        original = zipfile.ZipFile(template)
        assert written.read("xl/vbaProject.bin") == original.read("xl/vbaProject.bin")
        assert "customUI/customUI.xml" in written.namelist()
        book = openpyxl.load_workbook(io.BytesIO(workbook_bytes), keep_vba=True)
        states = {name: book[name].sheet_state for name in book.sheetnames}
        assert states == {
            "BneWorkBookProperties": "veryHidden",
            "BneLog": "veryHidden",
            "BneRibbonProperties": "veryHidden",
            "WebADI": "visible",
        }

    def test_the_same_run_renders_the_same_bytes(self, template, workbook_bytes):
        """A resumed payment run uploads an identical journal."""
        writer = OpenpyxlJournalWriter(AdiSettings(template_path=template))
        assert writer.render(total=Decimal("1481.08"), at=AT) == workbook_bytes

    def test_a_missing_template_names_the_variable(self, tmp_path):
        """With no template the run says which setting to fix."""
        writer = OpenpyxlJournalWriter(
            AdiSettings(template_path=tmp_path / "absent.xlsm")
        )
        with pytest.raises(ConfigurationError, match="APVS_ADI_TEMPLATE_PATH"):
            writer.render(total=Decimal(1), at=AT)
