"""Operations that change the annual report's state, one module per topic (STYLE.md: permission → status → atomic → audit → on_commit)."""
