"""A module-level WSGI app for WSGI servers other than `aliases serve` (e.g. `gunicorn service.web.wsgi:app`,
`granian --interface wsgi service.web.wsgi:app`). Configuration comes from ALIASES_* environment variables.

`aliases serve` is the supported way to run the service: it runs granian on this module with the settings of
service.web.server (header read timeout, worker respawn, the store watched and kept).
"""

from __future__ import annotations

import sys

from service.errors import AliasError
from service.web.app import create_app
from service.web.asgi import WholeRequests
from service.web.server import configure_logging, reload_on_sighup, tune_collector

configure_logging()
try:
    app = create_app()
except AliasError as exc:  # a bad setting or database: its message, not a traceback
    raise SystemExit(f"Error: {exc.message}") from None
reload_on_sighup(app)
asgi = WholeRequests(app, threads=int(app.config["THREADS"]))  # what `aliases serve` runs (service.web.asgi)
# A thread that waits for the interpreter (the event loop answering /healthz, a lookup) gets it after 1 ms of a
# batch's matching rather than 5: measured with benchmarks/chaos.py --only cpu (docs/robustness.md).
sys.setswitchinterval(0.001)
tune_collector()  # last: everything made at start-up is frozen out of the collector's reach
