"""A malformed Notify key is refused up front, naming the setting and never the value."""

from __future__ import annotations

import pytest

from hmpps_workers.adapters.notify.sender import check_api_key
from hmpps_workers.core.errors import ConfigurationError

SERVICE = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"


class TestNotifyKey:
    def test_a_key_in_notifys_format_passes(self):
        """`<name>-<service id>-<secret>` is accepted."""
        check_api_key(f"hwpv_live-{SERVICE}-{SECRET}")

    @pytest.mark.parametrize(
        "key",
        ["", "not-a-notify-key", SECRET, f"{SERVICE}-{SECRET}", f"x-{SERVICE}-short"],
        ids=["empty", "words", "secret-only", "no-name", "short-secret"],
    )
    def test_a_key_of_another_shape_names_the_setting_not_the_value(self, key):
        """The error names APVS_NOTIFY_API_KEY and does not echo the key."""
        with pytest.raises(ConfigurationError, match="APVS_NOTIFY_API_KEY") as raised:
            check_api_key(key)
        assert not key or key not in str(raised.value)
