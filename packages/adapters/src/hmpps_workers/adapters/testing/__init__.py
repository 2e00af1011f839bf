"""Fake servers speaking the real protocols on loopback, for tests, e2e runs and demos.

Each fake is a small HTTP server in a thread: start it, point the real adapter at its
`url`, inspect what it received, tell it to fail. `hmpps-workers fakes` runs them.
"""
