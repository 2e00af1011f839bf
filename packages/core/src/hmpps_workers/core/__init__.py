"""The pure domain of hmpps-workers: rules and ports (stdlib and attrs only)."""
