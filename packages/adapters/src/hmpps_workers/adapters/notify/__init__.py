"""GOV.UK Notify, through notifications-python-client."""

from hmpps_workers.adapters.notify.sender import NotifyEmailSender

__all__ = ["NotifyEmailSender"]
