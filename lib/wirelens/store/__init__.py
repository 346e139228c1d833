"""The corpus store: one DuckDB file of articles, what was extracted from them, and corrections."""

from wirelens.store.database import (
    EXPORTED,
    SCHEMA_VERSION,
    TABLES,
    CorpusSummary,
    Filters,
    Store,
    StoreBusy,
    StoreMissing,
    StoreTooNew,
    extraction_tables,
)

__all__ = [
    "EXPORTED",
    "SCHEMA_VERSION",
    "TABLES",
    "CorpusSummary",
    "Filters",
    "Store",
    "StoreBusy",
    "StoreMissing",
    "StoreTooNew",
    "extraction_tables",
]
