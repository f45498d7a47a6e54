"""The string catalogue, one module per feature; dashboard.i18n merges them."""
