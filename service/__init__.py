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

__version__ = "0.1.0"

from service.errors import AliasError  # noqa: E402
from service.match.index import Index  # noqa: E402
from service.match.matcher import Candidate, Result, resolve  # noqa: E402
from service.match.normalize import normalize  # noqa: E402
from service.store.build import build  # noqa: E402
from service.store.files import load_store  # noqa: E402

__all__ = ["AliasError", "Candidate", "Index", "Result", "__version__", "build", "load_store", "normalize",
           "resolve"]
