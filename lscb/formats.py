"""How the service writes dates, money and counts: one rule each, for pages, PDF, Word and e-mail.

Dates are en-GB and spelt out ("30 November 2025"; "30 Nov 2025" where a table is narrow), never
ISO. Money is pounds with thousands separators and pence only when there are any ("£329,550",
"£1,250.50"). A count the board does not know is None and reads "not known", never 0.

The generated sections' data dicts keep ISO dates and money strings ("329550.00") because they are
JSON in the frozen snapshot; the templates format them with the filters in
lscb/templatetags/lscb_format.py, which call these functions.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

NOT_KNOWN = "not known"


def as_date(value) -> datetime.date | None:
    """A date from a date, a datetime or an ISO string ("2025-11-30"); None for anything else."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and value:
        try:
            return datetime.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def long_date(value) -> str:
    """ "30 November 2025"; "" for no date; a string that is not a date is returned unchanged."""
    day = as_date(value)
    if day is None:
        return "" if value in (None, "") else str(value)
    return f"{day.day} {day:%B %Y}"


def short_date(value) -> str:
    """ "30 Nov 2025", for narrow table columns."""
    day = as_date(value)
    if day is None:
        return "" if value in (None, "") else str(value)
    return f"{day.day} {day:%b %Y}"


def as_decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value).replace(",", "").replace("£", "").strip())
    except InvalidOperation:
        return None


def money(value, *, symbol: bool = True) -> str:
    """ "£329,550", "£1,250.50", "−£200"; "" for no amount. Pence only when there are any."""
    amount = as_decimal(value)
    if amount is None:
        return "" if value in (None, "") else str(value)
    amount = amount.quantize(Decimal("0.01"))
    sign = "−" if amount < 0 else ""
    amount = abs(amount)
    text = f"{amount:,.2f}" if amount != amount.to_integral_value() else f"{amount:,.0f}"
    return f"{sign}{'£' if symbol else ''}{text}"


def number(value) -> str:
    """A measured value as charts and tables show it: at most two decimals, no trailing zeros."""
    if value is None:
        return "—"
    quantised = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{quantised:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def count(value) -> str:
    """A whole number with thousands separators, or "not known" for None."""
    if value is None or value == "":
        return NOT_KNOWN
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return str(value)


def plural(value, singular: str, plural_form: str = "") -> str:
    """ "1 review", "3 reviews", "an unknown number of reviews" (None)."""
    many = plural_form or singular + "s"
    if value is None:
        return f"an unknown number of {many}"
    return f"{count(value)} {singular if value == 1 else many}"
