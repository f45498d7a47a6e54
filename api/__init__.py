"""HTTP endpoints outside Dash: health probes and the open data API (/api/v1)."""
