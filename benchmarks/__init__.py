"""`nox -s bench`: throughput figures side by side, measured in one run."""
