"""The one ACLED taxonomy (extraction/events/taxonomy.toml): the cue file, the rules' constants and the
dashboard's colours agree with it, and a name it lacks fails at load with the file named."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from wirelens.extraction.events import taxonomy
from wirelens.extraction.events.cues import CUES_PATH, CuesError, load_cues
from wirelens.extraction.events.taxonomy import TAXONOMY, TaxonomyError, load_taxonomy

ROOM = Path(taxonomy.__file__).parent
LIB = ROOM.parents[1]


def test_acled_has_six_types_and_25_sub_types():
    assert len(TAXONOMY.types) == 6
    assert len(TAXONOMY.sub_types) == 25
    assert TAXONOMY.sub_types["Suicide bomb"] == "Explosions/Remote violence"


def test_every_sub_type_of_the_cue_file_is_in_the_taxonomy():
    cues = load_cues()
    assert cues.types == {name: TAXONOMY.sub_types[name] for name in cues.types}
    assert set(cues.phrases.values()) <= set(TAXONOMY.sub_types)
    assert {cues.captures, cues.regains} <= set(TAXONOMY.sub_types)
    assert cues.strict <= set(cues.types)


def test_every_sub_type_the_code_names_is_in_the_taxonomy():
    assert set(taxonomy.NAMED_IN_CODE) <= set(TAXONOMY.sub_types)


def _string_constants(path: Path) -> set[str]:
    return {
        n.value
        for n in ast.walk(ast.parse(path.read_text()))
        if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


@pytest.mark.parametrize(
    "path",
    [*sorted(ROOM.glob("*.py")), LIB / "dashboard" / "events_table.py", LIB / "exports" / "events.py"],
    ids=lambda p: p.name,
)
def test_no_taxonomy_name_is_hard_coded_outside_taxonomy_py(path):
    """Code names a type or sub-type through taxonomy's checked constants, never as a bare string."""
    if path.name == "taxonomy.py":
        return
    names = set(TAXONOMY.sub_types) | set(TAXONOMY.type_names)
    assert not _string_constants(path) & names


def test_every_type_has_its_own_colour_and_a_label():
    colours = [t.colour for t in TAXONOMY.types]
    assert len(set(colours)) == len(colours)
    assert TAXONOMY.other_colour not in colours
    assert all(t.label for t in TAXONOMY.types)


def test_the_map_reads_the_taxonomy():
    from wirelens.dashboard.events_table import EVENT_COLOURS, EVENT_LABELS, OTHER_COLOUR

    assert list(EVENT_COLOURS) == list(TAXONOMY.type_names)  # the legend keeps ACLED's order
    assert EVENT_COLOURS["Battles"] == list(TAXONOMY.types[0].colour)
    assert set(EVENT_LABELS) == set(TAXONOMY.type_names)
    assert OTHER_COLOUR == list(TAXONOMY.other_colour)


def test_a_name_the_taxonomy_lacks_fails_naming_the_file():
    with pytest.raises(TaxonomyError, match=r"'Armed clashes'.*taxonomy\.toml"):
        taxonomy.sub_type("Armed clashes")
    with pytest.raises(TaxonomyError, match=r"'Battle'.*taxonomy\.toml"):
        taxonomy.event_type("Battle")


def _cues_with(tmp_path: Path, old: str, new: str) -> Path:
    text = CUES_PATH.read_text()
    assert old in text
    path = tmp_path / "cues.toml"
    path.write_text(text.replace(old, new, 1))
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('name = "Suicide bomb"', 'name = "Suicide bombing"', r"#1 \('Suicide bombing'\): not a sub-event type"),
        ('name = "Suicide bomb"', 'name = "Suicide bomb"\ntype = "Battles"', r"unknown key\(s\) \['type'\].*taxonomy"),
        ('priority = 60\ncues = ["suicide bomb",', 'priority = 60\ncues = [3, "suicide bomb",', r"3 is no word"),
        (
            'captures = "Non-state actor overtakes territory"',
            'captures = "Rebels overtake territory"',
            r"\[territory\] captures = 'Rebels overtake territory'",
        ),
        ("\n[grammar]\n", "\n[grammer]\n", r"unknown section \[grammer\]"),
        ("modals = [", "modal = [", r"\[grammar\] unknown key 'modal'"),
    ],
)
def test_a_bad_cue_entry_fails_naming_file_and_entry(tmp_path, old, new, message):
    path = _cues_with(tmp_path, old, new)
    with pytest.raises(CuesError, match=message) as failure:
        load_cues(path)
    assert str(path) in str(failure.value)


def test_the_cue_file_is_checked_against_the_taxonomy_it_is_given(tmp_path):
    text = taxonomy.TAXONOMY_PATH.read_text().replace('"Grenade"]', "]").replace(', "Grenade"', "")
    path = tmp_path / "taxonomy.toml"
    path.write_text(text)
    smaller = load_taxonomy(path)
    assert "Grenade" not in smaller.sub_types
    with pytest.raises(CuesError, match=r"'Grenade'\): not a sub-event type of .*taxonomy\.toml"):
        load_cues(CUES_PATH, smaller)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("colour = [124, 58, 237, 200]", "colour = [185, 28, 28, 200]", "share a colour"),
        ("colour = [124, 58, 237, 200]", "colour = [124, 58, 237]", "four numbers"),
        ('"Mob violence"]', '"Mob violence", "Attack"]', "'Attack' is already under 'Violence against civilians'"),
    ],
)
def test_a_bad_taxonomy_fails_naming_the_file(tmp_path, old, new, message):
    text = taxonomy.TAXONOMY_PATH.read_text()
    assert old in text
    path = tmp_path / "taxonomy.toml"
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(TaxonomyError, match=message) as failure:
        load_taxonomy(path)
    assert str(path) in str(failure.value)
