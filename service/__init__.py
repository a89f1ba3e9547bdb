"""Entity alias resolution: turn messy names into stable entity ids.

The core library (normalize, store, build, index, matcher, evaluate, csvnorm) never imports Flask or click;
`service.app` and `service.cli` are the edges.
"""

__version__ = "0.1.0"
