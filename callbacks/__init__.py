"""S3 Monitor callbacks: one module per page, each exposing register(app) or render(view)."""
