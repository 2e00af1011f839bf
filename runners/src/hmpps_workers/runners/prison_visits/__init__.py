"""Prison visits: configuration, one bootstrap, the commands and the demo."""

EMBEDDED = "HMPPS_WORKERS_EMBEDDED"
"""Set true: with no database configured, the embedded SQLite database and fakes.

Here rather than in `config` so the command line names it without importing
SQLAlchemy (`config` re-exports it).
"""
