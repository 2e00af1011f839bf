"""SQL Server in production, PostgreSQL and SQLite elsewhere, via SQLAlchemy Core."""
