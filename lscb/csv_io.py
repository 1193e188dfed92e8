"""CSV in and out: exports that are safe to open in a spreadsheet, uploads checked row by row.

Exports: `csv_response(filename, header, rows)`. A cell that starts with = + - @ (or a tab or
carriage return) would be run as a formula by Excel/LibreOffice ("CSV injection"), so such
cells get a leading apostrophe. Numbers are written as numbers: only text is neutralised.

Uploads: `parse_csv_upload(uploaded_file, columns)` reads a UTF-8 (optionally with BOM) CSV
whose first row is a header naming the columns, and returns (clean_rows, errors). Each error
is (row_number, message) where row_number is the spreadsheet row (the header is row 1), so a
business manager can find it. The caller saves nothing when `errors` is not empty.
"""

import csv
import datetime
import decimal
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator
from django.http import HttpResponse
from django.utils.text import get_valid_filename

from lscb.sanitise import NOT_XML

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_UPLOAD_BYTES = 1024 * 1024  # 1 MB: tens of thousands of rows, far more than a board needs
MAX_UPLOAD_ROWS = 10_000
MAX_ERRORS = 200  # past this the file is clearly wrong; listing more helps nobody


def safe_cell(value):
    """A value as written to a CSV cell, neutralised if a spreadsheet would run it as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float | decimal.Decimal):
        return value
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def csv_response(filename: str, header: Iterable, rows: Iterable[Iterable]) -> HttpResponse:
    """An attachment download of `rows` under `header`, every cell passed through safe_cell."""
    name = get_valid_filename(filename)
    if not name.endswith(".csv"):
        name += ".csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # BOM: Excel then reads UTF-8 (e.g. "Children's Services – North") correctly
    writer = csv.writer(response)
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return response


class CellError(ValueError):
    """Raised by a column parser with a message for the person who uploaded the file."""


@dataclass(frozen=True)
class Column:
    """One expected column: its header name, how to turn the text into a value, required or not.

    `parse(text) -> value` raises CellError (or ValueError) with a plain message when the text
    is wrong. Blank optional cells give `default` without calling `parse`.
    """

    name: str
    parse: Callable[[str], object] = str
    required: bool = True
    default: object = None


def parse_date(text: str) -> datetime.date:
    """Dates as 2025-06-30 or 30/06/2025."""
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007 (a date, no time zone)
        except ValueError:
            continue
    raise CellError(f"“{text}” is not a date (use 2025-06-30 or 30/06/2025)")


def parse_decimal(text: str) -> decimal.Decimal:
    cleaned = text.replace(",", "").replace("£", "").strip()
    try:
        value = decimal.Decimal(cleaned)
    except decimal.InvalidOperation as exc:
        raise CellError(f"“{text}” is not a number") from exc
    if not value.is_finite():
        raise CellError(f"“{text}” is not a number")
    return value


def parse_decimal_for(field) -> Callable[[str], decimal.Decimal]:
    """A parser for a column saved to the model DecimalField `field`: a number it can store (its
    digits and decimal places), so an oversized number is a row error, not a database error.
    Whether the number makes sense (not negative, a percentage up to 100) is the caller's check."""
    fits = DecimalValidator(field.max_digits, field.decimal_places)

    def parse(text: str) -> decimal.Decimal:
        value = parse_decimal(text)
        try:
            fits(value)
        except ValidationError as exc:
            raise CellError(f"“{text}”: " + " ".join(exc.messages)) from exc
        return value

    return parse


def parse_choice(choices) -> Callable[[str], str]:
    """A parser accepting a TextChoices value or its label, case-insensitively."""
    lookup = {}
    for value, label in choices.choices:
        lookup[str(value).lower()] = value
        lookup[str(label).lower()] = value

    def parse(text: str) -> str:
        try:
            return lookup[text.strip().lower()]
        except KeyError:
            allowed = ", ".join(str(label) for _, label in choices.choices)
            raise CellError(f"“{text}” is not one of: {allowed}") from None

    return parse


def _read_text(uploaded_file, max_bytes: int) -> str:
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > max_bytes:
        raise CellError(f"The file is larger than {max_bytes // 1024} KB")
    raw = uploaded_file.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise CellError(f"The file is larger than {max_bytes // 1024} KB")
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CellError("The file is not a UTF-8 CSV file (save it as “CSV UTF-8” and try again)") from exc


def parse_csv_upload(
    uploaded_file,
    columns: Iterable[Column | str],
    *,
    max_bytes: int = MAX_UPLOAD_BYTES,
    max_rows: int = MAX_UPLOAD_ROWS,
) -> tuple[list[dict], list[tuple[int, str]]]:
    """Parse an uploaded CSV into dicts keyed by column name.

    Returns (clean_rows, errors). Row numbers count the header as row 1. A file-level problem
    (too big, not UTF-8, missing columns) is reported as row 0 or 1 and gives no rows. Header
    names match case-insensitively and ignore surrounding spaces; extra columns are ignored.
    Completely blank lines are skipped.
    """
    columns = [c if isinstance(c, Column) else Column(c) for c in columns]
    try:
        text = _read_text(uploaded_file, max_bytes)
    except CellError as exc:
        return [], [(0, str(exc))]

    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return [], [(0, "The file is empty")]
    except csv.Error as exc:
        return [], [(1, f"The header row cannot be read: {exc}")]
    positions = {name.strip().lower(): i for i, name in enumerate(header)}
    missing = [c.name for c in columns if c.name.lower() not in positions]
    if missing:
        return [], [(1, "Missing column(s): " + ", ".join(missing))]

    clean_rows: list[dict] = []
    errors: list[tuple[int, str]] = []
    row_number = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors.append((reader.line_num, f"The row cannot be read: {exc}"))
            break
        row_number += 1
        if not any(cell.strip() for cell in cells):
            continue
        if len(clean_rows) + len(errors) >= max_rows:
            errors.append((row_number, f"The file has more than {max_rows} rows"))
            break
        row, row_errors = {}, []
        for column in columns:
            position = positions[column.name.lower()]
            cell = cells[position].strip() if position < len(cells) else ""
            if NOT_XML.search(cell):
                # A NUL byte or another control character: no database column or report keeps it.
                row_errors.append(f"{column.name} holds a control character (such as NUL) that cannot be stored")
                continue
            if not cell:
                if column.required:
                    row_errors.append(f"{column.name} is blank")
                else:
                    row[column.name] = column.default
                continue
            try:
                row[column.name] = column.parse(cell)
            except (CellError, ValueError, TypeError) as exc:
                row_errors.append(f"{column.name}: {exc}")
        if row_errors:
            errors.append((row_number, "; ".join(row_errors)))
            if len(errors) >= MAX_ERRORS:
                errors.append((row_number, f"Stopped after {MAX_ERRORS} rows with errors"))
                break
        else:
            row["_row_number"] = row_number
            clean_rows.append(row)
    return clean_rows, errors
