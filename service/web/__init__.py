"""The HTTP edge: the app factory (app), the request context (context), the v1 API (api), pages, reconciliation
routes (reconcile), the admin route (admin), live reload (live), metrics, and the production server (server,
wsgi). It translates library errors to HTTP and decides nothing."""
