"""The daily jobs (§7) and the deferred auto-approval run (§5.5)."""
