"""SqsConsumer: long-poll an SQS queue in batches and acknowledge only what succeeded.

Each message is handed to a callable. Success deletes it (in one batch call per
receive); a retryable failure makes it visible again after a back-off chosen by its
receive count; a permanent failure (a malformed envelope) makes it visible at once, so
it reaches the dead-letter queue after the queue's receive limit without waiting, and
the last attempt is logged with the reason. A body over the size cap is never handed
on: it fails permanently with that reason. Stopping finishes the message in hand and
hands the rest of the batch straight back.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import attrs
from botocore.exceptions import BotoCoreError, ClientError

from hmpps_workers.adapters.aws.errors import translate
from hmpps_workers.core.errors import PermanentError, WorkerError

if TYPE_CHECKING:
    from mypy_boto3_sqs import SQSClient
    from mypy_boto3_sqs.type_defs import MessageTypeDef

log = logging.getLogger(__name__)

DEFAULT_MAX_BODY_BYTES = 64 * 1024


@attrs.frozen(kw_only=True)
class BatchReport:
    """What one receive did."""

    received: int = 0
    succeeded: int = 0
    failed: int = 0
    returned: int = 0


def receive_count(message: MessageTypeDef) -> int:
    """SQS's ApproximateReceiveCount (1 on first delivery)."""
    return int(message.get("Attributes", {}).get("ApproximateReceiveCount", "1"))


@attrs.define
class SqsConsumer:
    """One queue, one handler; `run` until `stop`.

    Give `queue_url`, or `queue_name` alone: then the URL is looked up on the first
    call (when the service starts), so building a consumer touches no network.
    """

    client: SQSClient
    queue_url: str = ""
    handle: Callable[[str], object] = attrs.field(kw_only=True)
    queue_name: str = attrs.field(default="", kw_only=True)
    wait_seconds: int = 20
    batch_size: int = attrs.field(default=10, validator=attrs.validators.le(10))
    error_visibility: Sequence[int] = (10, 30, 60)
    max_receive_count: int | None = None
    max_body_bytes: int = attrs.field(
        default=DEFAULT_MAX_BODY_BYTES, validator=attrs.validators.ge(1)
    )
    _stop: threading.Event = attrs.field(factory=threading.Event, init=False)
    _queue_reachable: bool = attrs.field(default=True, init=False)

    def _call(self, operation: str, method: Any, **kwargs: Any) -> Any:  # noqa: ANN401
        try:
            if not self.queue_url:
                self.queue_url = self.client.get_queue_url(QueueName=self.queue_name)[
                    "QueueUrl"
                ]
            return method(QueueUrl=self.queue_url, **kwargs)
        except (ClientError, BotoCoreError) as error:
            raise translate(error, f"SQS {operation}") from None

    def receive_limit(self) -> int | None:
        """The redrive policy's maxReceiveCount (looked up once; None without DLQ)."""
        if self.max_receive_count is None:
            attributes = self._call(
                "GetQueueAttributes",
                self.client.get_queue_attributes,
                AttributeNames=["RedrivePolicy"],
            ).get("Attributes", {})
            policy = attributes.get("RedrivePolicy")
            if policy:
                self.max_receive_count = int(json.loads(policy)["maxReceiveCount"])
        return self.max_receive_count

    def stop(self) -> None:
        """Finish the message in hand, return the rest, and leave `run`."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        """True once `stop` was called."""
        return self._stop.is_set()

    @property
    def receiving(self) -> bool:
        """True unless stopping or the last poll could not reach the queue."""
        return self._queue_reachable and not self.stopping

    def run(self) -> None:
        """Poll until stopped; SQS outages are logged and waited out."""
        while not self._stop.is_set():
            try:
                self.poll_once()
            except WorkerError as error:
                self._queue_reachable = False
                log.warning("queue unavailable", extra={"error": str(error)})
                self._stop.wait(5)
            else:
                self._queue_reachable = True

    def poll_once(self) -> BatchReport:
        """One long poll and the handling of whatever it brought."""
        messages = self._call(
            "ReceiveMessage",
            self.client.receive_message,
            MaxNumberOfMessages=self.batch_size,
            WaitTimeSeconds=self.wait_seconds,
            AttributeNames=["ApproximateReceiveCount"],
            MessageAttributeNames=["All"],
        ).get("Messages", [])
        done: list[MessageTypeDef] = []
        failed = returned = 0
        for message in messages:
            if self._stop.is_set():
                self._set_visibility(message, 0)
                returned += 1
            elif self._handle(message):
                done.append(message)
            else:
                failed += 1
        self._delete(done)
        return BatchReport(
            received=len(messages),
            succeeded=len(done),
            failed=failed,
            returned=returned,
        )

    def _handle(self, message: MessageTypeDef) -> bool:
        count = receive_count(message)
        fields: dict[str, object] = {
            "sqs_message_id": message.get("MessageId"),
            "receive_count": count,
        }
        body = message.get("Body", "")
        if len(body.encode()) > self.max_body_bytes:
            reason = f"message body is over {self.max_body_bytes} bytes: refused"
            self._failed(message, count, reason, fields, visibility=0)
            return False
        try:
            self.handle(body)
        except PermanentError as error:
            self._failed(message, count, str(error), fields, visibility=0)
            return False
        except Exception as error:  # noqa: BLE001 - any failure means redelivery
            reason = str(error) if isinstance(error, WorkerError) else ""
            reason = reason or type(error).__name__
            back_off = self.error_visibility[min(count, len(self.error_visibility)) - 1]
            self._failed(message, count, reason, fields, visibility=back_off)
            return False
        return True

    def _failed(
        self,
        message: MessageTypeDef,
        count: int,
        reason: str,
        fields: dict[str, object],
        *,
        visibility: int,
    ) -> None:
        limit = self.receive_limit()
        if limit is not None and count >= limit:
            log.error(
                "message failed for the last time: SQS moves it to the dead-letter"
                " queue on its next receive",
                extra={**fields, "reason": reason, "receive_limit": limit},
            )
        else:
            log.warning(
                "message failed, will be redelivered",
                extra={**fields, "reason": reason, "visible_in": visibility},
            )
        self._set_visibility(message, visibility)

    def _set_visibility(self, message: MessageTypeDef, seconds: int) -> None:
        try:
            self._call(
                "ChangeMessageVisibility",
                self.client.change_message_visibility,
                ReceiptHandle=message["ReceiptHandle"],
                VisibilityTimeout=seconds,
            )
        except WorkerError as error:
            log.warning("visibility not changed", extra={"error": str(error)})

    def _delete(self, messages: list[MessageTypeDef]) -> None:
        if not messages:
            return
        result = self._call(
            "DeleteMessageBatch",
            self.client.delete_message_batch,
            Entries=[
                {"Id": str(n), "ReceiptHandle": m["ReceiptHandle"]}
                for n, m in enumerate(messages)
            ],
        )
        for failure in result.get("Failed", ()):
            log.warning(
                "processed message not deleted: it will be delivered again",
                extra={"code": failure.get("Code"), "entry": failure.get("Id")},
            )
