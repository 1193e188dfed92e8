"""Every form answers hostile input without a server error (hypothesis; rows from the matrix).

LSCB_FUZZ_EXAMPLES sets the examples per form (5 here; `make security-report` uses more)."""

import pytest

from lscb import fuzz
from lscb.tests.test_permission_matrix import ROWS

FUZZ_ROWS = fuzz.fuzz_rows(ROWS)


def test_there_are_forms_to_fuzz():
    assert any(row.method == "post" for row in FUZZ_ROWS)


@pytest.mark.parametrize("row", FUZZ_ROWS, ids=[str(row) for row in FUZZ_ROWS])
def test_no_input_gives_a_server_error(row, world, client_for):
    persona, targets = fuzz.targets_for(row, world, client_for)
    stats = fuzz.FuzzStats()
    for url, names in targets:
        fuzz.fuzz_target(client_for, persona, url, names, stats, fuzz.example_count())
    fuzz.write_stats(stats)
    assert stats.server_errors == [], stats.server_errors[:5]
