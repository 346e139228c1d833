"""The corpus store: one DuckDB file of articles, what was extracted from them, and corrections."""

from wirelens.store.database import (
    EXPORTED,
    TABLES,
    CorpusSummary,
    Filters,
    Store,
    StoreBusy,
    StoreMissing,
    extraction_tables,
)

__all__ = ["EXPORTED", "TABLES", "CorpusSummary", "Filters", "Store", "StoreBusy", "StoreMissing", "extraction_tables"]
