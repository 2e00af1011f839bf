"""What each notification task emails: the template and its personalisation."""
