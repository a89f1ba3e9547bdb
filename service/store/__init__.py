"""The curated store: the model (model), reading and lint of the entity files (files), the build to SQLite
(build). Everything downstream reads the store only through the database this part builds."""
