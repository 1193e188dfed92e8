"""`{{ value|rich_text }}`: show a person's rich text as HTML, sanitised on the way out too.

Rich text is sanitised when a form saves it (lscb.forms.RichTextField), but a template cannot
see which path wrote a value; cleaning again here makes "only sanitised HTML is marked safe"
true for every page that uses the filter instead of `|safe`. nh3 is fast enough to run per render.
"""

from django import template
from django.utils.safestring import mark_safe

from lscb.sanitise import clean_html

register = template.Library()


@register.filter
def rich_text(value):
    return mark_safe(clean_html(str(value or "")))  # noqa: S308 (sanitised by nh3 on this line)  # nosec: B308, B703
