"""Runners for the prison-to-probation pipeline: the embedded default and its CLI."""
