"""An ADI-shaped WebADI workbook, generated, so payment tests need no finance template.

It has what the payment code relies on in the finance team's template: a macro-enabled
package (`xl/vbaProject.bin`, which `keep_vba` must carry through byte for byte), a
ribbon (`customUI/`) whose images are named `*.JPG`, the visible `WebADI` sheet with
the journal cells, and the three very hidden support sheets. The VBA project is a
placeholder (an OLE header and filler): openpyxl copies it without reading it.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.packaging import manifest
from openpyxl.writer.excel import ExcelWriter

SUPPORT_SHEETS = ("BneWorkBookProperties", "BneLog", "BneRibbonProperties")
# The OLE compound-file signature, then filler: enough to be recognisably a VBA part.
VBA_PROJECT = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(range(256)) * 16
RIBBON_IMAGES = ("UPLOAD.JPG", "DOWNLOAD.JPG")
# Rows around the journal cells that the writer must leave alone.
LEDGER = ("E8", "LEDGER_OF_THE_TESTS")
DEBIT_ACCOUNT = ("E19", 1234567890)
CREDIT_LINE = ("L20", "Test Bank Account")

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>
<Default Extension="JPG" ContentType="image/jpeg"/>
<Override PartName="/xl/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/>
</Types>"""
_CUSTOM_UI = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<customUI xmlns="http://schemas.microsoft.com/office/2006/01/customui">
<ribbon><tabs><tab id="webadi" label="Journal">
<group id="transfer" label="Transfer">
<button id="upload" label="Upload" image="upload" onAction="BneUpload"/>
<button id="download" label="Download" image="download" onAction="BneDownload"/>
</group></tab></tabs></ribbon></customUI>"""
_CUSTOM_UI_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="upload" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="images/UPLOAD.JPG"/>
<Relationship Id="download" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="images/DOWNLOAD.JPG"/>
</Relationships>"""
_ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="ribbon" Type="http://schemas.microsoft.com/office/2006/relationships/ui/extensibility" Target="customUI/customUI.xml"/>
</Relationships>"""
# Start and end of image markers: an empty JPEG, enough for a manifest entry.
_JPEG = bytes.fromhex("ffd8ffd9")


def _macro_parts() -> zipfile.ZipFile:
    """The parts openpyxl keeps from a macro-enabled package it loaded."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as parts:
        parts.writestr("[Content_Types].xml", _CONTENT_TYPES)
        parts.writestr("_rels/.rels", _ROOT_RELS)
        parts.writestr("xl/vbaProject.bin", VBA_PROJECT)
        parts.writestr("customUI/customUI.xml", _CUSTOM_UI)
        parts.writestr("customUI/_rels/customUI.xml.rels", _CUSTOM_UI_RELS)
        for image in RIBBON_IMAGES:
            parts.writestr(f"customUI/images/{image}", _JPEG)
    return zipfile.ZipFile(buffer)


def adi_workbook_bytes() -> bytes:
    """The workbook: WebADI sheet with the journal's rows, macros, ribbon and hidden sheets."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "WebADI"
    for cell, value in (LEDGER, DEBIT_ACCOUNT, CREDIT_LINE):
        sheet[cell] = value
    for label_cell, label in (("D12", "Accounting Date"), ("D13", "Period"),
                              ("D14", "Journal Name"), ("D15", "Description")):  # fmt: skip
        sheet[label_cell] = label
    for name in SUPPORT_SHEETS:
        workbook.create_sheet(name).sheet_state = "veryHidden"
    workbook.vba_archive = _macro_parts()
    # as the journal writer does: openpyxl looks extensions up case-sensitively
    manifest.mimetypes.add_type("image/jpeg", ".JPG")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    return buffer.getvalue()


def write_adi_template(path: Path) -> Path:
    """Write the generated workbook to `path` (folders made) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(adi_workbook_bytes())
    return path
