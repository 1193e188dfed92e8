"""The annual report, its sections, comments, revisions, approval and distribution."""
