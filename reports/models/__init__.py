"""Annual report models, one module per topic. Import from `reports.models`.

framework: StatutoryFramework, Requirement · report: AnnualReport, ReportSection (+ versions,
comments) · revision: ReportRevision (frozen snapshots) · distribution: who it was sent to ·
rendering: render jobs and the files they produce · imports: Word drafts being converted.
"""

from reports.models.distribution import *  # noqa: F403
from reports.models.framework import *  # noqa: F403
from reports.models.imports import *  # noqa: F403
from reports.models.rendering import *  # noqa: F403
from reports.models.report import *  # noqa: F403
from reports.models.revision import *  # noqa: F403
