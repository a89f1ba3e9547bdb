"""Matching: normalize (the one place transliteration lives), index (the built database, opened read-only),
matcher (candidates -> scores -> a decision with its reason), evaluate (quality on labelled files)."""
