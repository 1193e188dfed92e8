"""The one date filter and the one money filter (lscb/formats.py), for every template.

{{ value|en_date }}          30 November 2025   (a date, datetime or ISO string)
{{ value|en_date:"short" }}  30 Nov 2025        (narrow table columns)
{{ value|money }}            £329,550 / £1,250.50
{{ value|known }}            1,204 / not known  (a count that may be None)
"""

from django import template

from lscb import formats

register = template.Library()


@register.filter
def en_date(value, style="long"):
    return formats.short_date(value) if style == "short" else formats.long_date(value)


@register.filter
def money(value):
    return formats.money(value)


@register.filter
def known(value):
    return formats.count(value)
