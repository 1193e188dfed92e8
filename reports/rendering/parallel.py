"""Placeholder: filled in below."""


def default_parts(sections):
    return 1
