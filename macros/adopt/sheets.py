"""Reading a spreadsheet file (CSV or XLSX) into rows of text cells, each with an address a person can find.

A CSV file is read with the standard library: UTF-8 (with or without the BOM Excel writes), else CP949 (what Korean
Excel saves as "CSV"), else UTF-16 when it starts with its BOM (Excel's "Unicode text"); the encoding used is
reported. The delimiter is a comma, or a tab or semicolon when the first line has more of those. An XLSX workbook is
read with openpyxl (read-only, cached values of formulas); its first sheet unless another is named.

Sizes are checked before and while reading, so a huge file is refused at once (`SheetLimits`). Every problem is a
`SheetError` whose message names the file (and the row, when there is one) in our own words.
"""
from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from ..core.files import display_path
from ..core.text import LIMITS


@dataclass(frozen=True)
class SheetLimits:
    """Past these sizes a spreadsheet is refused before it is read through (each from LIMITS in core/text.py).

    A row becomes at most one entity (an item, or a group with its behaviours), and an area file holds at most
    `LIMITS.entities` of them; `rows` leaves room for 80 full areas (the benchmark's 50x framework, 400 areas of about
    21 items, needs about 10,000 rows). Every column but the layout's five names a level (at most `LIMITS.levels`).
    A cell becomes one text, at most `LIMITS.paragraph` characters: the file limits follow from rows x columns of
    typical cells, and the unpacked size of a workbook from what openpyxl holds in memory."""

    rows: int = 80 * LIMITS.entities
    columns: int = LIMITS.levels + 10
    file_bytes: int = 20 * LIMITS.file_bytes
    unpacked_bytes: int = 100 * LIMITS.file_bytes


SHEET_LIMITS = SheetLimits()


class SheetError(Exception):
    """A spreadsheet that cannot be read; the message says which file, where and why."""


@dataclass(frozen=True)
class Sheet:
    """The cells of one sheet: `rows[i]` is row i + 1, each cell a string ("" when empty)."""

    file: str
    name: str | None  # the sheet's name in a workbook; None for CSV
    rows: tuple[tuple[str, ...], ...]
    encoding: str | None = None  # how a CSV file was decoded

    def at(self, row: int, col: int) -> str:
        """A cell's address: `ladder.xlsx:Sheet1!C4` in a workbook, `ladder.csv:4:3` (row, column) in CSV."""
        if self.name is None:
            return f"{self.file}:{row}:{col}"
        return f"{self.file}:{self.name}!{column_letter(col)}{row}"

    def row_at(self, row: int) -> str:
        """A row's address: `ladder.xlsx:Sheet1!4:4`, `ladder.csv:4`."""
        return f"{self.file}:{row}" if self.name is None else f"{self.file}:{self.name}!{row}:{row}"

    @property
    def described(self) -> str:
        """What was read: `Sheet1 of ladder.xlsx`, `ladder.csv (CP949)`."""
        return f"sheet '{self.name}' of {self.file}" if self.name is not None else f"{self.file} ({self.encoding})"


def column_letter(col: int) -> str:
    """1 -> A, 27 -> AA."""
    out = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        out = chr(65 + rest) + out
    return out


def read_sheet(path: Path, sheet: str | None = None, limits: SheetLimits = SHEET_LIMITS) -> Sheet:
    """The cells of a CSV file or of one sheet of an XLSX workbook (see the module docstring)."""
    shown = display_path(path)
    if not path.is_file():
        raise SheetError(f"{shown}: no such file" if not path.exists() else f"{shown}: not a file")
    size = path.stat().st_size
    if size > limits.file_bytes:
        raise SheetError(f"{shown}: the file is {size:,} bytes; a spreadsheet to import is at most {limits.file_bytes:,} "
                         "(split it into several files)")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv", ".txt"):
        if sheet is not None:
            raise SheetError(f"{shown}: --sheet names a sheet of a workbook; a CSV file has only one")
        return _read_csv(path.read_bytes(), shown, limits)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, shown, sheet, limits)
    if suffix == ".xls" or path.read_bytes()[:4] == b"\xd0\xcf\x11\xe0":
        raise SheetError(f"{shown}: an Excel 97-2003 workbook (.xls) cannot be read; save it as .xlsx or as CSV UTF-8")
    raise SheetError(f"{shown}: not a spreadsheet to import: give a .csv or .xlsx file")


# CSV ------------------------------------------------------------------------------------------
def decode(raw: bytes) -> tuple[str, str]:
    """(text, the encoding used): UTF-16 with its BOM, UTF-8 (BOM or not), else CP949."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            pass
    else:
        try:
            return raw.decode("utf-8-sig"), "UTF-8 with BOM" if raw.startswith(b"\xef\xbb\xbf") else "UTF-8"
        except UnicodeDecodeError:
            pass
        try:
            return raw.decode("cp949"), "CP949"
        except UnicodeDecodeError:
            pass
    raise ValueError("the file is neither UTF-8 nor CP949 (Korean Excel) text; in Excel, save it as 'CSV UTF-8'")


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def _read_csv(raw: bytes, shown: str, limits: SheetLimits) -> Sheet:
    try:
        text, encoding = decode(raw)
    except ValueError as exc:
        raise SheetError(f"{shown}: {exc}") from None
    if "\x00" in text:
        raise SheetError(f"{shown}: the file holds NUL characters: it is not CSV text (a workbook renamed to .csv?)")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[tuple[str, ...]] = []
    try:
        for record in reader:
            _count(len(rows) + 1, shown, limits)
            rows.append(tuple(_clean(cell) for cell in record))
    except csv.Error as exc:
        raise SheetError(f"{shown}:{len(rows) + 1}: not readable as CSV ({exc})") from None
    return Sheet(shown, None, tuple(rows), encoding)


def _count(row: int, shown: str, limits: SheetLimits) -> None:
    if row > limits.rows:
        raise SheetError(f"{shown}: more than {limits.rows:,} rows; a sheet to import holds at most {limits.rows:,} "
                         "(split it into several files)")


def _clean(value: str) -> str:
    """A cell's text: line breaks as `\\n`, surrounding spaces removed."""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


# XLSX -----------------------------------------------------------------------------------------
#: What openpyxl raises for a file that is not a workbook it can read (a damaged archive, missing or malformed parts,
#: XML that defusedxml refuses).
_UNREADABLE = (zipfile.BadZipFile, KeyError, ValueError, TypeError, IndexError, AttributeError, ParseError, OSError, EOFError)


def _read_xlsx(path: Path, shown: str, sheet: str | None, limits: SheetLimits) -> Sheet:
    _check_archive(path, shown, limits)
    from openpyxl import load_workbook  # noqa: PLC0415 - loaded only to read a workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except _UNREADABLE as exc:
        raise SheetError(f"{shown}: not a readable XLSX workbook ({_reason(exc)})") from None
    try:
        sheets = wb.worksheets
        if not sheets:
            raise SheetError(f"{shown}: the workbook has no worksheet")
        if sheet is None:
            ws = sheets[0]
        else:
            found = [s for s in sheets if s.title == sheet]
            if not found:
                raise SheetError(f"{shown}: no sheet '{sheet}' (sheets: {', '.join(s.title for s in sheets)})")
            ws = found[0]
        ws.reset_dimensions()  # ignore the size the file declares: read the rows it holds
        try:
            rows = tuple(_rows(ws.iter_rows(values_only=True), shown, limits))
        except _UNREADABLE as exc:
            raise SheetError(f"{shown}: sheet '{ws.title}' cannot be read ({_reason(exc)})") from None
        return Sheet(shown, ws.title, rows)
    finally:
        wb.close()


def _check_archive(path: Path, shown: str, limits: SheetLimits) -> None:
    """Refuse a file that is no zip archive, or one that unpacks to more than the limit (before openpyxl reads it)."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, EOFError):
        raise SheetError(f"{shown}: not an XLSX workbook (it is no zip archive); save it from Excel as .xlsx, "
                         "or as CSV UTF-8") from None
    if unpacked > limits.unpacked_bytes:
        raise SheetError(f"{shown}: the workbook unpacks to {unpacked:,} bytes; a workbook to import unpacks to at most "
                         f"{limits.unpacked_bytes:,}")


def _rows(values: Iterable[tuple[Any, ...]], shown: str, limits: SheetLimits) -> Iterator[tuple[str, ...]]:
    for n, row in enumerate(values, start=1):
        _count(n, shown, limits)
        cells = [_text(v) for v in row]
        while cells and not cells[-1]:
            cells.pop()
        yield tuple(cells)


def _text(value: Any) -> str:
    """A cell's value as the text it shows: 3.0 -> '3', a date -> '2025-01-31'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return _clean(str(value))


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text[:160]
