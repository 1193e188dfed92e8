"""A Word draft converted by a real Celery worker process (Redis, PostgreSQL), in its capped child.

Needs PostgreSQL and REDIS_URL (`make test`); see conftest.celery_worker_process.
"""

import pytest

from reports.models import DocxImport, SectionVersion
from reports.rendering.choices import RenderState
from reports.tests.support_docx import table_docx, upload
from reports.tests.support_drafting import report_with_sections, url
from reports.tests.test_render_worker import private_root, wait_for  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_an_upload_is_converted_by_a_real_worker_and_saved_from_the_edit_form(
    private_root,  # noqa: F811
    celery_worker_process,
    world,
    client_for,
):
    report, (section,) = report_with_sections(world)
    client = client_for("agency_author")
    response = client.post(
        url("section_upload", section), {"version": "0", "document": upload(table_docx(header="bold"), "Police.docx")}
    )
    assert response.status_code == 302
    job = DocxImport.objects.get()
    assert job.celery_task_id  # sent through the broker after commit, not converted in the request
    wait_for(lambda: DocxImport.objects.get(pk=job.pk).state == RenderState.DONE, 120, "the worker to convert")
    page = client.get(response["Location"]).content.decode()
    assert "Check the text from “Police.docx”" in page and "Referrals by agency." in page
    job.refresh_from_db()
    assert '<th scope="col">' in job.html and not job.file
    assert not any(private_root.rglob("*.docx"))  # the upload is deleted once converted
    assert client.post(response["Location"], {"version": "0", "html": job.html}).status_code == 302
    assert SectionVersion.objects.get(section=section).source == SectionVersion.Source.DOCX
    assert any("convert_docx_import" in line and "succeeded" in line for line in celery_worker_process.worker_log)
