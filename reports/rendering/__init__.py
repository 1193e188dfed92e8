"""Turning a frozen report revision (its snapshot dict) into PDF and Word files.

The snapshot (schema 1), agreed with the report workflow (issue 5):
{"schema": 1, "title": str, "board": {"name", "areas": [str], "arrangement"}, "financial_year",
 "framework": {"code", "name"}, "revision_number": int, "approved_at": ISO str | None,
 "approved_by": str | None, "sections": [{"key", "number", "title", "kind": narrative | agency |
 generated, "agency": str | None, "boxed": bool, "html": sanitised HTML}],
 "executive_summary": {"html"}}
approved_at None means a draft: it renders with a DRAFT watermark.

- `pdf`: render_pdf / render_summary_pdf (WeasyPrint, PDF/UA-1)
- `fetcher`: the deny-by-default URL fetcher (the app's static files only)
- `docx`: render_docx (python-docx)
- `demo`: demo snapshots of a chosen size (benchmark and tests)
"""
