"""The project's exceptions. Each carries the HTTP status the edges translate it to.

    AliasError (500)
    ├── BadRequest (400)            a query or parameter that cannot be served as given
    │   └── QueryTooLong (400)
    ├── NotFound (404)              an unknown entity id
    ├── PayloadTooLarge (413)       a batch or body over its documented limit
    ├── StoreError (500)            aliases/ cannot be read or is invalid
    ├── DatabaseError (503)         the built SQLite store is missing, corrupt or of another version
    └── Overloaded (503)            a request past its deadline: retry after `retry_after` seconds

The CLI turns them into `click.ClickException`; the HTTP app into `{"error": {"code", "message"}}`.
"""

from __future__ import annotations


class AliasError(Exception):
    status = 500
    code = "internal_error"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class BadRequest(AliasError):
    status = 400
    code = "bad_request"


class QueryTooLong(BadRequest):
    code = "query_too_long"


class NotFound(AliasError):
    status = 404
    code = "not_found"


class PayloadTooLarge(AliasError):
    status = 413
    code = "payload_too_large"


class StoreError(AliasError):
    status = 500
    code = "store_error"


class DatabaseError(AliasError):
    status = 503
    code = "database_unavailable"


class Overloaded(AliasError):
    status = 503
    code = "deadline_exceeded"

    def __init__(self, message: str, retry_after: int = 5):
        super().__init__(message)
        self.retry_after = retry_after
