"""Put built claim graphs into a database: for integration tests and the demo."""

from __future__ import annotations

import sqlalchemy as sa

from hmpps_workers.adapters.sql.prison_visits.graph_writer import insert_graph
from hmpps_workers.adapters.sql.prison_visits.tables import CLAIM_TABLES
from hmpps_workers.core.prison_visits.claims.records import ClaimData
from hmpps_workers.core.tasks.model import Schema


def seed_claim(engine: sa.Engine, schema: Schema, data: ClaimData) -> ClaimData:
    """Insert `data` into `schema` in one transaction; returns it with stored ids.

    Into ExtSchema the identities allocate the ids, as for a claimant's submission;
    into IntSchema the graph's own ids are kept, as after a claim move.
    """
    with engine.begin() as connection:
        return insert_graph(connection, CLAIM_TABLES[schema], data)
