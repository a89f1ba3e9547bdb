"""A module-level WSGI app for WSGI servers other than `aliases serve` (e.g. `gunicorn service.wsgi:app`,
`granian --interface wsgi service.wsgi:app`). Configuration comes from ALIASES_* environment variables.

`aliases serve` is the supported way to run the service: it adds store reloads on SIGHUP to every worker.
"""

from __future__ import annotations

from .app import create_app
from .server import configure_logging

configure_logging()
app = create_app()
