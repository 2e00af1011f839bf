"""Contract suites: one set of tests per port, run against the fake and every adapter.

Subclass a contract in a pytest module and provide its fixture; see each class.
"""
