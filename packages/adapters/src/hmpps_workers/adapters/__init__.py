"""Adapters: the ports of hmpps_workers.core implemented on real technology."""
