"""Dashboard panels: each app registers "what is waiting for me" for the roles it serves.

A provider takes a BoardAccess and returns a Panel or None (nothing for this person).
"""

from dataclasses import dataclass, field


@dataclass
class Panel:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 50


_PROVIDERS = []


def register(provider):
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def panels_for(access):
    panels = [panel for provider in _PROVIDERS if (panel := provider(access)) is not None]
    return sorted(panels, key=lambda p: p.order)
