"""Dead-letter queue administration: list, purge, and a bounded redrive.

Redrive moves each dead-letter message back to the queue with its message attributes
and a `redriveCount` attribute one higher. A message already redriven `max_redrives`
times goes to the parking queue instead, so a poison message is parked for a person
to look at rather than cycling queue → DLQ → queue every ten minutes forever (the
original's housekeeping did exactly that). Redrive is receive → send → delete, which
works on moto, LocalStack and AWS alike.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any

import attrs
from botocore.exceptions import BotoCoreError, ClientError

from hmpps_workers.core.errors import WorkerError
from hmpps_workers.core.prison_to_probation.ports import Telemetry

if TYPE_CHECKING:
    from mypy_boto3_sqs import SQSClient
    from mypy_boto3_sqs.type_defs import MessageTypeDef

log = logging.getLogger(__name__)

REDRIVE_COUNT = "redriveCount"


class QueueUnhealthyError(WorkerError):
    """The queue answers but its dead-letter queue is missing or unreadable."""

    def __init__(self, details: dict[str, object]) -> None:
        """Keep the details for /health."""
        super().__init__(str(details.get("dlqStatus", "dead-letter queue problem")))
        self.details = details


@attrs.frozen(kw_only=True)
class RedriveReport:
    """How many messages went back to the queue and how many were parked."""

    dlq: str
    redriven: int = 0
    parked: int = 0


def depth(client: SQSClient, url: str) -> dict[str, int]:
    """Visible and in-flight message counts."""
    attributes = client.get_queue_attributes(
        QueueUrl=url,
        AttributeNames=[
            "ApproximateNumberOfMessages",
            "ApproximateNumberOfMessagesNotVisible",
        ],
    )["Attributes"]
    return {
        "messages": int(attributes.get("ApproximateNumberOfMessages", 0)),
        "in_flight": int(attributes.get("ApproximateNumberOfMessagesNotVisible", 0)),
    }


@attrs.define
class QueueAdmin:
    """The prison-events queue, its DLQ and the parking queue."""

    client: SQSClient
    queue: str
    dlq: str
    parking_queue: str
    telemetry: Telemetry
    max_redrives: int = 3

    def url(self, name: str) -> str:
        """A queue's URL."""
        return self.client.get_queue_url(QueueName=name)["QueueUrl"]

    def ping(self) -> dict[str, object]:
        """The queue's depths and its DLQ's (QueueUnhealthyError without a DLQ)."""
        url = self.url(self.queue)
        counts = depth(self.client, url)
        redrive = (
            self.client.get_queue_attributes(
                QueueUrl=url, AttributeNames=["RedrivePolicy"]
            )
            .get("Attributes", {})
            .get("RedrivePolicy")
        )
        details: dict[str, object] = {
            "queueName": self.queue,
            "MessagesOnQueue": counts["messages"],
            "MessagesInFlight": counts["in_flight"],
            "dlqName": self.dlq,
        }
        if not redrive or not json.loads(redrive).get("deadLetterTargetArn"):
            details["dlqStatus"] = (
                "The queue does not have a dead letter queue attached"
            )
            raise QueueUnhealthyError(details)
        try:
            details["MessagesOnDLQ"] = depth(self.client, self.url(self.dlq))[
                "messages"
            ]
        except ClientError:
            details["dlqStatus"] = "The queue does not exist"
            raise QueueUnhealthyError(details) from None
        except (BotoCoreError, OSError):
            details["dlqStatus"] = "The queue cannot be interrogated"
            raise QueueUnhealthyError(details) from None
        details["dlqStatus"] = "UP"
        return details

    def depths(self) -> dict[str, int]:
        """Visible messages on the queue, its DLQ and the parking queue."""
        return {
            name: depth(self.client, self.url(name))["messages"]
            for name in (self.queue, self.dlq, self.parking_queue)
        }

    def dlq_names(self) -> list[str]:
        """The dead-letter queues this service administers."""
        return [self.dlq]

    def retry_dlq(self, name: str) -> RedriveReport:
        """Redrive what is on the DLQ now (not what arrives meanwhile)."""
        if name != self.dlq:
            raise KeyError(name)
        dlq_url = self.url(self.dlq)
        waiting = depth(self.client, dlq_url)["messages"]
        redriven = parked = 0
        while redriven + parked < waiting:
            messages = self.client.receive_message(
                QueueUrl=dlq_url,
                MaxNumberOfMessages=min(10, waiting - redriven - parked),
                WaitTimeSeconds=0,
                MessageAttributeNames=["All"],
            ).get("Messages", [])
            if not messages:
                break
            for message in messages:
                if self._move(dlq_url, message):
                    redriven += 1
                else:
                    parked += 1
        if waiting:
            self.telemetry.track_event(
                "TRANSFERRED_EVENT_DLQ", {"messages-on-queue": str(waiting)}
            )
        log.info(
            "dead-letter queue redriven",
            extra={"dlq": name, "redriven": redriven, "parked": parked},
        )
        return RedriveReport(dlq=name, redriven=redriven, parked=parked)

    def _move(self, dlq_url: str, message: MessageTypeDef) -> bool:
        attributes: dict[str, Any] = dict(message.get("MessageAttributes", {}))
        count = int(attributes.get(REDRIVE_COUNT, {}).get("StringValue", "0"))
        back = count < self.max_redrives
        attributes[REDRIVE_COUNT] = {
            "DataType": "Number",
            "StringValue": str(count + 1),
        }
        target = self.queue if back else self.parking_queue
        self.client.send_message(
            QueueUrl=self.url(target),
            MessageBody=message["Body"],
            MessageAttributes=attributes,
        )
        self.client.delete_message(
            QueueUrl=dlq_url, ReceiptHandle=message["ReceiptHandle"]
        )
        if not back:
            log.warning(
                "message parked after repeated redrives",
                extra={"sqs_message_id": message.get("MessageId"), "redrives": count},
            )
        return back

    def retry_all(self) -> list[RedriveReport]:
        """Redrive every dead-letter queue (the housekeeping job)."""
        return [self.retry_dlq(name) for name in self.dlq_names()]

    def purge(self, name: str) -> int:
        """Purge one of our queues; the number of messages it held."""
        if name not in {self.queue, self.dlq, self.parking_queue}:
            raise KeyError(name)
        url = self.url(name)
        waiting = depth(self.client, url)["messages"]
        if waiting:
            self.client.purge_queue(QueueUrl=url)
            self.telemetry.track_event(
                "PURGED_EVENT_DLQ", {"messages-on-queue": str(waiting)}
            )
        return waiting

    def list_dlq(self, name: str, max_messages: int = 100) -> dict[str, Any]:
        """Peek at dead-letter messages (hidden a moment, then released)."""
        if name not in {self.dlq, self.parking_queue}:
            raise KeyError(name)
        url = self.url(name)
        found = depth(self.client, url)["messages"]
        seen: list[MessageTypeDef] = []
        while len(seen) < min(found, max_messages):
            batch = self.client.receive_message(
                QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=0,
                VisibilityTimeout=5, MessageAttributeNames=["All"],
            ).get("Messages", [])  # fmt: skip
            if not batch:
                break
            seen.extend(batch)
        for message in seen:
            self.client.change_message_visibility(
                QueueUrl=url,
                ReceiptHandle=message["ReceiptHandle"],
                VisibilityTimeout=0,
            )
        return {
            "messagesFoundCount": found,
            "messagesReturnedCount": len(seen),
            "messages": [
                {"messageId": m.get("MessageId"), "body": m.get("Body")} for m in seen
            ],
        }
