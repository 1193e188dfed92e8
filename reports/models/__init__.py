"""Annual report models. `report` holds the report, its sections and revisions; `rendering`
holds render jobs and the PDFs they produce."""

from reports.models.rendering import *  # noqa: F403
from reports.models.report import *  # noqa: F403
