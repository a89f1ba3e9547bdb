"""The W3C Reconciliation API, 0.2 and 1.0-draft, without Flask: batches checked against the specification's
schemas (schemas/), turned into matcher queries and answered (protocol)."""
