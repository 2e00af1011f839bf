"""The shipped prisons directory is the original's full list; a file may replace it.

The counts and the sample were verified against the original worker's
`app/constants/prisons-enum.js` on its main branch (commit 8ef130d, 2025-02-27:
160 prisons). `test_same_as_the_original_enum` re-reads that enum from a fetched
mirror of the original when one is present on this machine, and skips otherwise:
the pinned figures above are what hold the list in CI.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from hmpps_workers.core.prison_visits.prisons import Prison, shipped_prisons
from hmpps_workers.runners.prison_visits.handler_config import prisons_from_env

MIRROR = Path(
    "/work/.mirror/ministryofjustice+help-with-prison-visits-asynchronous-worker/repo"
)
ENTRY = re.compile(
    r"value: '([^']*)',\s*displayName: '([^']*)',\s*region: '([^']*)',"
    r"\s*postcode: '([^']*)'"
)
SAMPLE = [
    Prison(value="altcourse", display_name="Altcourse", region="ENG/WAL", postcode="L9 7LH"),
    Prison(value="hewell", display_name="Hewell", region="ENG/WAL", postcode="B97 6QS"),
    Prison(value="belmarsh", display_name="Belmarsh", region="ENG/WAL", postcode="SE28 0EB"),
    Prison(value="magilligan", display_name="Magilligan", region="NI", postcode="BT49 OLR"),
    Prison(value="la-moye", display_name="La Moye", region="JSY", postcode=""),
    Prison(value="les-nicolles", display_name="Les Nicolles", region="GSY", postcode=""),
]  # fmt: skip


class TestShippedPrisons:
    """The list in the package, against the figures read from the original."""

    def test_size_and_regions_match_the_original(self):
        """160 prisons: 128 England and Wales, 17 Scotland, 3 NI, 10 YCS, 2 islands."""
        regions = Counter(prison.region for prison in shipped_prisons())
        expected = {"ENG/WAL": 128, "SCO": 17, "NI": 3, "YCS": 10, "JSY": 1, "GSY": 1}
        assert (160, expected) == (len(shipped_prisons()), dict(regions))

    def test_sample_entries_are_the_original_values(self):
        """Names, regions and postcodes of a sample, quirks included."""
        by_value = {prison.value: prison for prison in shipped_prisons()}
        assert [by_value[prison.value] for prison in SAMPLE] == SAMPLE

    def test_slugs_are_unique_and_only_the_islands_lack_a_postcode(self):
        """Every slug once; every mainland prison can be priced to."""
        prisons = shipped_prisons()
        no_postcode = {p.value for p in prisons if not p.postcode}
        assert (len({p.value for p in prisons}), no_postcode) == (
            len(prisons),
            {"la-moye", "les-nicolles"},
        )

    def test_same_as_the_original_enum(self):
        """Entry by entry the original's enum, when a mirror of it is present."""
        if not MIRROR.is_dir():
            pytest.skip("no mirror of the original worker on this machine")
        source = subprocess.run(
            [
                "git",
                f"--git-dir={MIRROR}",
                "show",
                "HEAD:app/constants/prisons-enum.js",
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        expected = [
            Prison(value=v, display_name=n, region=r, postcode=p)
            for v, n, r, p in ENTRY.findall(source)
        ]
        assert expected == list(shipped_prisons())


class TestRunnerDirectory:
    """What the worker uses: the shipped list, unless APVS_PRISONS_FILE names one."""

    def test_without_a_file_the_full_list_is_used(self):
        """Every shipped prison is found with its postcode."""
        directory = prisons_from_env({})
        assert all(
            directory.postcode(p.value) == (p.postcode or None)
            for p in shipped_prisons()
        )

    def test_a_file_replaces_the_shipped_list(self, tmp_path):
        """Only the file's prisons (and the Channel Islands) are known."""
        path = tmp_path / "prisons.json"
        entry = {"value": "new-jail", "displayName": "New Jail", "postcode": "AA1 1AA"}
        path.write_text(json.dumps([entry]), encoding="utf-8")
        directory = prisons_from_env({"APVS_PRISONS_FILE": str(path)})
        assert (directory.postcode("new-jail"), directory.find("hewell")) == (
            "AA1 1AA",
            None,
        )
