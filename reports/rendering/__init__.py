"""Turning a frozen report revision (its snapshot dict) into PDF and Word files."""
