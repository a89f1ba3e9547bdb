"""Bulk normalization: CSV rows streamed through the matcher, distinct values resolved once (csvnorm); the same
on a Dask cluster (dasknorm)."""
