"""Rich text is sanitised again where it is shown (`|rich_text`), whatever path stored it."""

from django.template import Context, Template
from django.urls import reverse

from reports.tests.factories import ReportSectionFactory

HOSTILE = '<p>Kept</p><script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a>'


def test_filter_keeps_safe_markup_and_drops_script():
    html = Template("{% load lscb_html %}{{ value|rich_text }}").render(Context({"value": HOSTILE}))
    assert "<p>Kept</p>" in html
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html


def test_section_page_sanitises_html_that_bypassed_the_form(world, client_for):
    section = ReportSectionFactory(report__board=world.board, html=HOSTILE)
    url = reverse("reports:section_detail", args=[world.board.slug, section.report_id, section.pk])
    body = client_for("business_manager").get(url).content.decode()
    assert "<p>Kept</p>" in body
    assert "alert(1)" not in body and "onerror" not in body and "javascript:alert" not in body
