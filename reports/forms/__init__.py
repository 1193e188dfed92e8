"""Forms of the annual report, one module per topic (sections: drafting; approval: the chair's)."""
