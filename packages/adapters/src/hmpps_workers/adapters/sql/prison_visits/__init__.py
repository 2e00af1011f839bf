"""The Help with Prison Visits claims database: tables, queries and repositories."""
