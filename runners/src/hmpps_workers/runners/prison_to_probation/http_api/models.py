"""The JSON bodies the service answers with, as pydantic models for the contract."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Status(BaseModel):
    """UP or DOWN."""

    status: Literal["UP", "DOWN"]


class Component(BaseModel):
    """One health component and what it reported."""

    status: Literal["UP", "DOWN"]
    details: dict[str, Any] = Field(default_factory=dict)


class Health(BaseModel):
    """Every component; UP only when each one is."""

    status: Literal["UP", "DOWN"]
    components: dict[str, Component]


class App(BaseModel):
    """The application's name and build."""

    name: str
    version: str


class Info(BaseModel):
    """`/info`."""

    app: App


class Completed(BaseModel):
    """Processed status changes."""

    total: int
    success: int
    rejected: int


class Waiting(BaseModel):
    """Unprocessed status changes still inside the SLA."""

    total: int
    new: int
    retry: int
    category: dict[str, int]


class Late(BaseModel):
    """Unprocessed status changes past the SLA."""

    total: int
    category: dict[str, int]


class MatchSummary(BaseModel):
    """The imprisonment-status matching summary."""

    model_config = ConfigDict(populate_by_name=True)

    total: int
    completed: Completed
    waiting: Waiting
    exceeded_sla: Late = Field(alias="exceeded-sla")


class Redriven(BaseModel):
    """One dead-letter queue's redrive."""

    redriven: int
    parked: int


class DlqRedriven(Redriven):
    """A redrive, naming its dead-letter queue."""

    dlq: str


class Purged(BaseModel):
    """How many messages a purge removed."""

    messagesPurged: int


class DlqMessage(BaseModel):
    """One dead-letter message."""

    messageId: str | None
    body: str | None


class DlqMessages(BaseModel):
    """A peek at a dead-letter queue."""

    messagesFoundCount: int
    messagesReturnedCount: int
    messages: list[DlqMessage]


class ParkedMoved(BaseModel):
    """How many parked messages went back to the queue."""

    moved: int
