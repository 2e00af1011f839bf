"""Zendesk tickets over its REST API."""

from hmpps_workers.adapters.zendesk.helpdesk import ZendeskHelpdesk, ZendeskSettings

__all__ = ["ZendeskHelpdesk", "ZendeskSettings"]
