"""Internal app pages: one module per page, layout as a function of its URL."""
