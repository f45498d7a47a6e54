"""S3 Monitor data layer: models, session, queries, importers, exporters, seed, CLI."""
