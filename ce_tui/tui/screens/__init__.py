"""One screen per user flow: progress, path, catalog, claims, help."""
