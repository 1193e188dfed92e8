"""A cycle as a Word document: every return this person may read, standard by standard, so a
board keeps its records in a format of its own whatever happens to this service."""

import io

from django.utils.html import strip_tags

from assurance.choices import RATING_LABELS

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def cycle_docx(cycle, returns) -> bytes:
    """The cycle's summary and, for each return (answers and actions prefetched), its ratings,
    accounts, agreed ratings and action plan."""
    import docx  # noqa: PLC0415  (loaded only for an export)

    document = docx.Document()
    document.core_properties.title = cycle.title
    document.add_heading(cycle.title, level=0)
    document.add_paragraph(
        f"{cycle.library} · {cycle.get_round_type_display()} round · period {cycle.period_start:%-d %B %Y} "
        f"to {cycle.period_end:%-d %B %Y} · returns due {cycle.due_date:%-d %B %Y}"
    )
    received = sum(1 for r in returns if r.is_received)
    document.add_paragraph(f"Returns received: {received} of {len(returns)}.")
    for return_record in returns:
        document.add_heading(f"{return_record.agency.name}: {return_record.get_status_display()}", level=1)
        table = document.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("Standard", "Agency's rating", "Agreed rating"), strict=True):
            cell.text = text
        for answer in return_record.answers.all():
            row = table.add_row().cells
            row[0].text = f"{answer.standard.number}. {answer.standard.title}"
            row[1].text = answer.rating_label + (f" ({answer.not_applicable_reason})" if answer.not_applicable else "")
            row[2].text = RATING_LABELS.get(answer.agreed_rating, "")
        for answer in return_record.answers.all():
            if answer.narrative:
                document.add_heading(f"{answer.standard.number}. {answer.standard.title}", level=2)
                document.add_paragraph(" ".join(strip_tags(answer.narrative).split()))
        actions = list(return_record.action_items.all())
        if actions:
            document.add_heading("Action plan", level=2)
            for action in actions:
                document.add_paragraph(
                    f"{action.description} — due {action.due_date:%-d %B %Y}, {action.get_status_display().lower()}"
                    + (f": {action.progress}" if action.progress else ""),
                    style="List Bullet",
                )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
