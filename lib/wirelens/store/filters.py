"""Filters as data: rows of (column, operator, value) become one WHERE clause and its parameters.

Every query that narrows rows builds its condition here, so a value a visitor typed (an actor
name, a search, a place) is only ever a parameter, and column names and operators come from
the code: a column that is not a plain identifier, or an operator not in ``OPERATORS``, is
refused instead of being pasted into SQL.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

Column = str | tuple[str, ...]  # a tuple: the condition holds if it holds for any of its columns
Condition = tuple[Column, str, object]

# Each operator's SQL, ``{col}`` the column; a ``?`` takes the value. Operators without ``?``
# (flags) take a bool: True applies them, False leaves the rows alone.
OPERATORS = {
    "=": "{col} = ?",
    ">=": "{col} >= ?",
    "<=": "{col} <= ?",
    "in": "{col} IN (SELECT unnest(?))",  # value: a list (an empty one matches nothing)
    "has": "list_contains({col}, ?)",  # a list column holding the value
    "contains": "contains(lower(coalesce({col}, '')), ?)",  # value: lower-case text
    "near": "abs({col} - ?) < 1e-9",  # a coordinate, to the float
    "names actor in": "{col} IN (SELECT article_id FROM entities_corrected WHERE actor IN (SELECT unnest(?)))",
    "is not null": "{col} IS NOT NULL",
    "is not true": "NOT coalesce({col}, FALSE)",
}
_IDENTIFIER = re.compile(r'^(?:[A-Za-z_][A-Za-z0-9_]*\.)?(?:[A-Za-z_][A-Za-z0-9_]*|"end")$')


def where(conditions: Iterable[Condition]) -> tuple[str, list[object]]:
    """``conditions`` ANDed into a SQL condition and its parameters; ``TRUE`` when none applies.

    A value of None means "no restriction": that row is skipped.
    """
    clauses, params = ["TRUE"], []
    for column, operator, value in conditions:
        if operator not in OPERATORS:
            raise ValueError(f"unknown filter operator {operator!r}")
        columns = column if isinstance(column, tuple) else (column,)
        for name in columns:
            if not _IDENTIFIER.match(name):
                raise ValueError(f"not a column name: {name!r}")
        template = OPERATORS[operator]
        takes_value = "?" in template
        if value is None or (not takes_value and not value):
            continue
        parts = [template.format(col=name) for name in columns]
        clauses.append(parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")")
        if takes_value:
            params += [list(value) if operator in ("in", "names actor in") else value] * len(parts)
    return " AND ".join(clauses), params


@dataclass(frozen=True)
class Filters:
    """The shared dashboard filters; None means "no restriction"."""

    article_ids: tuple[str, ...] | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    actors: tuple[str, ...] | None = None
    # Events more than a year before their article are history, not news of the day: event
    # queries leave them out unless asked (issue 17).
    background_events: bool = False

    def event_conditions(self, alias: str = "ev") -> list[Condition]:
        """The conditions these filters put on the events table (aliased ``alias``) itself."""
        return [(f"{alias}.background", "is not true", not self.background_events)]

    def where(self, *extra: Condition, alias: str = "a") -> tuple[str, list[object]]:
        """These filters on the articles table (aliased ``alias``) and ``extra`` conditions, as one WHERE."""
        return where([*self.conditions(alias), *extra])

    def article_where(self, alias: str = "a") -> tuple[str, list[object]]:
        """A SQL condition on the articles table (aliased ``alias``) and its parameters."""
        return where(self.conditions(alias))

    def conditions(self, alias: str = "a") -> list[Condition]:
        """The filter table these filters stand for, on the articles table aliased ``alias``."""
        return [
            (f"{alias}.id", "in", self.article_ids),
            (f"{alias}.date", ">=", self.date_from or None),
            (f"{alias}.date", "<=", self.date_to or None),
            (f"{alias}.id", "names actor in", self.actors),
        ]
