"""boards models, one module per topic. Import from `boards.models`, not the modules."""

from boards.models.board import *  # noqa: F403
from boards.models.board import (  # noqa: F401
    financial_quarter,
    financial_year_bounds,
    financial_year_label,
    financial_year_start,
)
from boards.models.budget import *  # noqa: F403
from boards.models.meetings import *  # noqa: F403
from boards.models.performance import *  # noqa: F403
from boards.models.plan import *  # noqa: F403
