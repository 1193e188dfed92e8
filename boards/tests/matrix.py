from lscb.testing import OK, MatrixRow, everyone_on_board

ROWS = [
    MatrixRow("boards:dashboard", kwargs=lambda w: {"board_slug": w.board.slug}, expect=everyone_on_board(OK)),
]
