"""Apps register their top-level board pages here so the header needs no edits per app."""

from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    capability: str
    order: int = 50


_ITEMS: list[NavItem] = []


def register(label, url_name, capability, order=50):
    item = NavItem(label, url_name, capability, order)
    if item not in _ITEMS:
        _ITEMS.append(item)
        _ITEMS.sort(key=lambda i: i.order)


def registered_items():
    return tuple(_ITEMS)
