"""S3 Monitor presentation: pages, components, pure figure builders and the i18n catalogue."""
