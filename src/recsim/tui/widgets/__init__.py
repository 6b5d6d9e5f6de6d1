"""Small reusable widgets (each may carry a short DEFAULT_CSS)."""
