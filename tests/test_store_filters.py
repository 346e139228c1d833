"""One filter builder: rows of (column, operator, value) become a WHERE clause whose values are parameters."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from wirelens.store.filters import Filters, where

DAY = dt.date(2016, 10, 4)


@pytest.mark.parametrize(
    ("conditions", "sql", "params"),
    [
        ([], "TRUE", []),
        ([("a.date", ">=", None)], "TRUE", []),  # None: no restriction
        ([("a.date", ">=", DAY), ("a.date", "<=", DAY)], "TRUE AND a.date >= ? AND a.date <= ?", [DAY, DAY]),
        ([("a.id", "in", ("x", "y"))], "TRUE AND a.id IN (SELECT unnest(?))", [["x", "y"]]),
        ([("a.id", "in", ())], "TRUE AND a.id IN (SELECT unnest(?))", [[]]),  # empty: matches nothing
        ([("ev.actors", "has", "Russia")], "TRUE AND list_contains(ev.actors, ?)", ["Russia"]),
        ([(("i.source", "i.target"), "=", "Russia")], "TRUE AND (i.source = ? OR i.target = ?)", ["Russia"] * 2),
        (
            [(("q.text", "q.speaker"), "contains", "kerry")],
            "TRUE AND (contains(lower(coalesce(q.text, '')), ?) OR contains(lower(coalesce(q.speaker, '')), ?))",
            ["kerry"] * 2,
        ),
        ([("ev.aggregate", "is not true", True)], "TRUE AND NOT coalesce(ev.aggregate, FALSE)", []),
        ([("ev.aggregate", "is not true", False)], "TRUE", []),  # a flag that is off restricts nothing
        ([("e.actor", "is not null", True)], "TRUE AND e.actor IS NOT NULL", []),
        ([("p.lat", "near", 36.2)], "TRUE AND abs(p.lat - ?) < 1e-9", [36.2]),
        ([('q."end"', ">=", 3)], 'TRUE AND q."end" >= ?', [3]),
    ],
)
def test_conditions_become_sql_and_parameters(conditions, sql, params):
    assert where(conditions) == (sql, params)


def test_the_shared_filters_are_a_filter_table():
    filters = Filters(article_ids=("a1",), date_from=DAY, actors=("John Kerry",))
    sql, params = filters.article_where("art")
    assert sql == (
        "TRUE AND art.id IN (SELECT unnest(?)) AND art.date >= ? AND art.id IN "
        "(SELECT article_id FROM entities_corrected WHERE actor IN (SELECT unnest(?)))"
    )
    assert params == [["a1"], DAY, ["John Kerry"]]
    assert Filters().article_where() == ("TRUE", [])


HOSTILE = [
    "x' OR '1'='1",
    "'; DROP TABLE articles; --",
    'Robert"); DROP TABLE t;--',
    "?",
    "%_*",
    "\x00",
]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("operator", ["=", "has", "contains", "in"])
def test_injection_looking_values_stay_parameters(value, operator):
    column = "t.tags" if operator == "has" else "t.name"
    given = [value] if operator == "in" else value
    sql, params = where([(column, operator, given)])
    assert sql == where([(column, operator, ["benign"] if operator == "in" else "benign")])[0]  # value-blind SQL
    assert params[0] == given
    con = duckdb.connect()
    con.execute("CREATE TABLE t (name VARCHAR, tags VARCHAR[])")
    con.execute("INSERT INTO t VALUES ('kept', ['a']), (?, [?])", [value, value])
    matched = con.execute(f"SELECT name FROM t WHERE {sql}", params).fetchall()
    assert con.execute("SELECT count(*) FROM t").fetchone()[0] == 2  # nothing ran but the query
    if operator != "contains":
        assert matched == [(value,)]  # matched as the literal text it is


@pytest.mark.parametrize("column", ["a.id; DROP TABLE articles", "a.id OR 1=1", "lower(a.id)", "", 'a."id" --'])
def test_columns_must_be_plain_names(column):
    with pytest.raises(ValueError, match="not a column name"):
        where([(column, "=", "x")])


@pytest.mark.parametrize("operator", ["LIKE", "= ? OR TRUE --", "", "IN"])
def test_operators_must_be_known(operator):
    with pytest.raises(ValueError, match="unknown filter operator"):
        where([("a.id", operator, "x")])


def test_background_events_are_left_out_unless_asked(store):
    """Issue 17: an event more than a year before its article is kept, exported, and hidden by default."""
    import datetime as dt

    from wirelens.extraction.articles import make_article
    from wirelens.extraction.pipeline import Extraction
    from wirelens.extraction.records import Event, Sentence

    article = make_article("Rebels shelled Aleppo in 2011, and again today.", title="t", date=dt.date(2016, 10, 4))
    common = dict(
        cue="shelled",
        sent_start=0,
        sent_end=len(article.text),
        sentence=article.text,
        type="Explosions/Remote violence",
        sub_type="Shelling/artillery/missile attack",
        date_inferred=False,
        place=None,
        lat=None,
        lon=None,
        country_code=None,
        place_type=None,
        place_inferred=False,
        actors=[],
        actor1=None,
        actor2=None,
        fatalities=None,
        fatalities_text=None,
        civilian_targeting=False,
        aggregate=False,
        period=None,
    )
    old = Event(start=7, end=14, date=dt.date(2011, 1, 1), background=True, **common)
    new = Event(start=40, end=45, date=dt.date(2016, 10, 4), background=False, **common)
    store.add(Extraction(article, [Sentence(0, len(article.text))], [], layers={"events": [old, new]}))
    assert store.events(Filters())["start"].tolist() == [40]
    assert sorted(store.events(Filters(background_events=True))["start"].tolist()) == [7, 40]
    assert Filters().event_conditions() == [("ev.background", "is not true", True)]
