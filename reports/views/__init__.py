"""Pages of the annual report, one module per topic."""
