"""`python -m hmpps_workers.runners` is the same as the `hmpps-workers` command."""

from hmpps_workers.runners.cli import main

raise SystemExit(main())
