"""One table of actor types: the lexicons, the colours and the reader's badges all follow it."""

from __future__ import annotations

import pytest

from wirelens.dashboard.figures import ACTOR_TYPE_COLOURS
from wirelens.dashboard.markdown import TYPE_COLOURS
from wirelens.dashboard.timeline import TYPE_ORDER
from wirelens.extraction.actor_types import ACTOR_TYPES, actor_types


def test_every_view_colours_exactly_the_table_s_types():
    assert set(ACTOR_TYPE_COLOURS) == set(ACTOR_TYPES) == set(TYPE_COLOURS) - {None}
    assert TYPE_ORDER[: len(ACTOR_TYPES)] == ACTOR_TYPES
    assert len(set(ACTOR_TYPE_COLOURS.values())) == len(ACTOR_TYPES)  # no two types share a colour


def test_every_shipped_lexicon_entry_has_a_type_of_the_table(lexicon):
    assert {entry.type for entry in lexicon.entries.values()} <= set(ACTOR_TYPES)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('[[type]]\nname = "person"\ncolour = "#000000"\n', "lacks 'badge'"),
        ('[[type]]\nname = "person"\ncolour = "#000000"\nbadge = "pink"\n', "badge 'pink' is not one of"),
        (
            '[[type]]\nname = "a"\ncolour = "#0"\nbadge = "red"\n[[type]]\nname = "a"\ncolour = "#1"\nbadge = "red"\n',
            "listed twice",
        ),
    ],
)
def test_a_bad_table_names_the_file_and_the_entry(tmp_path, table, message):
    path = tmp_path / "actor_types.toml"
    path.write_text(table, encoding="utf-8")
    with pytest.raises(ValueError, match=message) as info:
        actor_types(path)
    assert str(path) in str(info.value)
