"""Entity alias resolution: turn messy names into stable entity ids.

The package's folders are the product's parts, in the order data flows through them:

    aliases/ -> store (model, files, build) -> match (normalize, index, matcher, evaluate)
             -> web (HTTP API, pages) | bulk (CSV, Dask) | reconcile (W3C protocol) | curation (misses, suggest,
                diff, importers)

The core (store, match, bulk, reconcile, curation) never imports Flask or click; `service.web` and `service.cli`
are the edges, and they only translate. The public Python API:

    >>> from service import build, Index, resolve
    >>> index = Index.open(build("aliases", "aliases.db").path)
    >>> resolve(index, "Abu Mohammed al-Jolani").match.id
    'ahmed-al-sharaa'
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# Imported on first use (PEP 562), so that `import service.cli` costs milliseconds, not the third of a second
# sqlite-utils and the matcher take: `aliases serve` sets its signal handlers before that.
_EXPORTS = {"AliasError": "service.errors", "Index": "service.match.index", "Candidate": "service.match.matcher",
            "Result": "service.match.matcher", "resolve": "service.match.matcher",
            "normalize": "service.match.normalize", "build": "service.store.build",
            "load_store": "service.store.files"}
__all__ = ["AliasError", "Candidate", "Index", "Result", "__version__", "build", "load_store", "normalize",
           "resolve"]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'service' has no attribute {name!r}")
