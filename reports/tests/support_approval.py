"""Test support for the approval helper's tests: fake generated-data sources and a few builders."""

import pytest

from lscb.permissions import BoardAccess


@pytest.fixture
def fake_sources(monkeypatch, settings, tmp_path):
    """Two generated sections offered by fake data apps (the real ones land separately):
    case reviews with lessons, and priorities with an area of little or no progress."""
    folder = tmp_path / "fake"
    folder.mkdir()
    (folder / "_reviews.html").write_text(
        "<h3>Learning products</h3><ul>{% for p in data.products %}<li>{{ p.title }}: {{ p.what_changed }}</li>"
        "{% endfor %}</ul>"
    )
    (folder / "_priorities.html").write_text(
        "<h3>Priorities</h3><ul>{% for p in data.priorities %}<li>{{ p.title }}</li>{% endfor %}</ul>"
        "{% for row in data.little_or_no_progress %}<p>Little progress: {{ row.title }}</p>{% endfor %}"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], str(tmp_path)]}]
    state = {
        # Learning products in the shape of reviews.report_data (learning by theme alongside).
        "reviews": [{"title": "Child A briefing", "what_changed": "Hear the child's voice"}],
        # Priorities in the shape of boards.report_data_plan.
        "priorities": [
            {
                "title": "Neglect",
                "description": "Graded care profile used in every locality.",
                "hwb_strategy_priority": "Start well",
                "rag_counts": {"green": 2, "amber": 0, "red": 0, "complete": 1},
                "actions": [{"title": "Train staff", "updates": [{"evidence_of_impact": "Fewer repeat referrals."}]}],
            },
            {"title": "Exploitation", "description": "", "rag_counts": {}, "actions": []},
        ],
        "little_or_no_progress": [{"title": "Transitions to adult services"}],
        "calls": [],
    }

    def reviews(board, financial_year):
        state["calls"].append(("case_reviews_learning", board.pk, financial_year))
        products = list(state["reviews"])
        return {
            "total_reviews": len(products),
            "learning_by_theme": [{"theme": "Voice of the child", "count": 2}] if products else [],
            "products": products,
            "recommendations": 3 if products else 0,
        }

    def priorities(board, financial_year):
        state["calls"].append(("priorities_progress", board.pk, financial_year))
        return {
            "priorities": list(state["priorities"]),
            "little_or_no_progress": list(state["little_or_no_progress"]),
            "totals": {"actions": 3, "complete": 1},
            "key_figures": [{"label": "Actions completed", "value": 12}],
        }

    registry = {
        "case_reviews_learning": {
            "title": "Learning from case reviews",
            "source": "Case reviews recorded for the board, with their learning points",
            "data": reviews,
            "template": "fake/_reviews.html",
        },
        "priorities_progress": {
            "title": "Priorities",
            "source": "The business plan's priorities and actions",
            "data": priorities,
            "template": "fake/_priorities.html",
        },
    }
    monkeypatch.setattr("reports.generated.registry", lambda: registry)
    return state


def access_for(world, persona, board=None):
    return BoardAccess.for_user(world.user(persona), board or world.board)


@pytest.fixture
def frameworks(db):
    """The frameworks and requirements of migration 0004, loaded again (idempotent): a
    transactional test (browser, worker) that ran earlier empties every table, data included."""
    from importlib import import_module  # noqa: PLC0415

    from django.apps import apps  # noqa: PLC0415

    import_module("reports.migrations.0004_frameworks_data").load(apps, None)
    # ... and "easy to read" measured by reading age, as migration 0008 makes it.
    import_module("reports.migrations.0008_reading_age_rule").measure_easy_to_read(apps, None)
