"""Pickers that stay small at any corpus size: a shortlist of options, and whatever is already picked.

Every option of a selectbox is sent to the browser on each run; at 10,000 articles the full lists of
actors, places or events were hundreds of kilobytes per page. A picker lists the best
``PICKER_OPTIONS`` and a search (or the map, or the sidebar) reaches the rest.
"""

from __future__ import annotations

from collections.abc import Sequence

PICKER_OPTIONS = 300


def shortlist(options: Sequence[str], current: str | None, limit: int = PICKER_OPTIONS) -> list[str]:
    """The first ``limit`` options, plus ``current`` when it is an option further down (so a pick made
    elsewhere, by a click or a link, stays picked)."""
    head = list(options[:limit])
    if current is not None and current not in head and current in options:
        head.append(current)
    return head


def matching_names(names: Sequence[str], query: str, limit: int = PICKER_OPTIONS) -> list[str]:
    """The first ``limit`` of ``names`` (kept in their order) containing ``query``, case-insensitively;
    names starting with it come first. An empty query keeps the first ``limit`` names."""
    wanted = query.strip().casefold()
    if not wanted:
        return list(names[:limit])
    hits = [n for n in names if wanted in n.casefold()]
    return sorted(hits, key=lambda n: not n.casefold().startswith(wanted))[:limit]
