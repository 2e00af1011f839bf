"""Clients of HMPPS Auth, prison-api, probation-offender-search and community-api."""
