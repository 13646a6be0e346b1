"""`career export --format xlsx`: the competencies as an Excel workbook in the layout `career import` reads
(exports/ladder_sheet.py), one sheet, with a frozen header and wrapped statements.

openpyxl is imported only here, when the format is asked for. Every cell is written as text: a statement that starts
with `=` stays a statement, never a formula.
"""
from __future__ import annotations

import io
from typing import TYPE_CHECKING

from ..core.audience import Audience
from ..core.framework import Framework
from ..core.text import Language
from .ladder_sheet import COLUMNS, sheet_rows

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

#: The sheet's name in each language (an import reads the first sheet whatever its name).
SHEET_NAME: dict[Language, str] = {"ko": "역량", "en": "Competencies"}
#: Column widths, in characters: the layout's columns, then every level's.
WIDTHS = {"area": 22, "group": 26, "id": 24, "kind": 11, "description": 60}
LEVEL_WIDTH = 42


def xlsx_bytes(fw: Framework, audience: Audience, lang: Language) -> bytes:
    """The workbook's bytes: the layout's rows from `fw` (already filtered for `audience`) in `lang`."""
    from openpyxl import Workbook  # noqa: PLC0415 - loaded only for this format
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415

    rows = sheet_rows(fw, lang)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET_NAME[lang]
    wrap, bold = Alignment(wrap_text=True, vertical="top"), Font(bold=True)
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            if not value:
                continue
            cell = ws.cell(row=r, column=c)
            cell.value = value
            cell.data_type = "s"  # text, even when it starts with `=` (openpyxl would read it as a formula)
            cell.alignment = wrap
            if r == 1:
                cell.font = bold
    _layout(ws, len(rows[0]))
    wb.properties.creator = "career export"
    wb.properties.title = f"{fw.meta.name.get(lang)} ({audience})"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _layout(ws: Worksheet, columns: int) -> None:
    """Widths per column, the header row and the area and group columns frozen, a filter on the header."""
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    widths = [WIDTHS[c] for c in COLUMNS if c != "description"]
    widths += [LEVEL_WIDTH] * (columns - len(widths) - 1) + [WIDTHS["description"]]
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{get_column_letter(columns)}1"
