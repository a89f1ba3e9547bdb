"""A module-level WSGI app for WSGI servers other than `aliases serve` (e.g. `gunicorn service.web.wsgi:app`,
`granian --interface wsgi service.web.wsgi:app`). Configuration comes from ALIASES_* environment variables.

`aliases serve` is the supported way to run the service: it adds store reloads on SIGHUP to every worker.
"""

from __future__ import annotations

from service.errors import AliasError
from service.web.app import create_app
from service.web.server import configure_logging

configure_logging()
try:
    app = create_app()
except AliasError as exc:  # a bad setting or database: its message, not a traceback
    raise SystemExit(f"Error: {exc.message}") from None
