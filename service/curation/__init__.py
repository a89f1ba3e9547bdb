"""The curation loop: the miss log (misslog), drafts from misses (suggest), what a store change does (diff), and
names imported from third-party sources (importers)."""
