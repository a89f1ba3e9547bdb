"""Normalization past one machine: the same per-value Normalizer as the CLI, over a Dask dataframe.

    import dask.dataframe as dd
    from service.bulk.dasknorm import normalize_dataframe
    ddf = dd.read_csv("names-*.csv", dtype=str, keep_default_na=False)
    out = normalize_dataframe(ddf, ["name"], "aliases.db", types={"name": "person"})
    out.to_csv("normalized-*.csv", index=False)

Each worker process opens the database once (read-only) and keeps its own cache of distinct values. Dask is an
optional extra: pip install '.[dask]'. Nothing here is imported by the rest of the package.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from service.bulk.csvnorm import OUTPUT_SUFFIXES, Normalizer, check_columns
from service.match.index import Index

_normalizers: dict[tuple[str, float, str | None], Normalizer] = {}  # per worker process


def _normalizer(db_path: str, threshold: float, as_of: str | None) -> Normalizer:
    key = (db_path, threshold, as_of)
    if key not in _normalizers:
        _normalizers[key] = Normalizer(Index.open(db_path), threshold=threshold, as_of=as_of)
    return _normalizers[key]


def normalize_partition(pdf: pd.DataFrame, columns: list[str], db_path: str, types: dict[str, str],
                        threshold: float, as_of: str | None) -> pd.DataFrame:
    """One pandas partition in, the same rows with COL_id, COL_name, COL_status, COL_score appended."""
    normalizer = _normalizer(db_path, threshold, as_of)
    out = pdf.copy()
    for col in columns:
        cells = [normalizer.cell("" if pd.isna(v) else str(v), types.get(col)) for v in pdf[col]]
        for k, suffix in enumerate(OUTPUT_SUFFIXES):
            out[f"{col}_{suffix}"] = pd.Series([c[k] for c in cells], index=pdf.index, dtype=object)
    return out


def normalize_dataframe(ddf: Any, columns: list[str], db_path: str | Path, *, types: dict[str, str] | None = None,
                        threshold: float = 90.0, as_of: str | None = None) -> Any:
    """A Dask dataframe with the new columns; lazy until computed or written."""
    types = types or {}
    check_columns(list(ddf.columns), columns, types)
    Index.open(db_path)  # refuse a bad database here, before any worker tries
    meta = normalize_partition(ddf._meta, columns, str(db_path), types, threshold, as_of)
    return ddf.map_partitions(normalize_partition, columns, str(db_path), types, threshold, as_of, meta=meta)
