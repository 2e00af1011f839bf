"""SqsConsumer: long-poll an SQS queue in batches and acknowledge only what succeeded.

Each message is handed to a callable. Success deletes it (in one batch call per
receive). With a redelivery policy (the service's default), a retryable failure
re-sends the message with a growing delay and deletes the original, so an outage never
burns the queue's receive limit; a message failing for longer than the policy's age,
or failing permanently (a malformed envelope), is sent to the dead-letter queue at
once (see `sqs_redelivery`). Without one, a retryable failure makes the message
visible again after a back-off chosen by its receive count, and a permanent one at
once. A body over the size cap is never handed on: it fails permanently with that
reason. Stopping finishes the message in hand and hands the rest of the batch back.
"""

from __future__ import annotations

import enum
import json
import logging
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import attrs
from botocore.exceptions import BotoCoreError, ClientError

from hmpps_workers.adapters.aws.errors import translate
from hmpps_workers.adapters.aws.sqs_redelivery import Redeliverer, RedeliveryPolicy
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
    redelivered: int = 0
    parked: int = 0


class _Fate(enum.Enum):
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"  # left on the queue to be received again
    REDELIVERED = "REDELIVERED"  # re-sent with a delay; the original is deleted
    PARKED = "PARKED"  # sent to the dead-letter queue; the original is deleted


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
    redelivery: RedeliveryPolicy | None = None
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    _dead_letter_url: str | None = attrs.field(default=None, init=False)
    _stop: threading.Event = attrs.field(factory=threading.Event, init=False)
    _queue_reachable: bool = attrs.field(default=True, init=False)

    def _call(self, operation: str, method: Any, **kwargs: Any) -> Any:  # noqa: ANN401
        return self._call_on(self.url(), operation, method, **kwargs)

    def url(self) -> str:
        """The queue's URL (looked up by name on first use when not given)."""
        if not self.queue_url:
            try:
                self.queue_url = self.client.get_queue_url(QueueName=self.queue_name)[
                    "QueueUrl"
                ]
            except (ClientError, BotoCoreError) as error:
                raise translate(error, "SQS GetQueueUrl") from None
        return self.queue_url

    def _call_on(self, url: str, operation: str, method: Any, **kwargs: Any) -> Any:  # noqa: ANN401
        try:
            return method(QueueUrl=url, **kwargs)
        except (ClientError, BotoCoreError) as error:
            raise translate(error, f"SQS {operation}") from None

    def _redrive_policy(self) -> dict[str, Any]:
        attributes = self._call(
            "GetQueueAttributes",
            self.client.get_queue_attributes,
            AttributeNames=["RedrivePolicy"],
        ).get("Attributes", {})
        policy = attributes.get("RedrivePolicy")
        return json.loads(policy) if policy else {}

    def receive_limit(self) -> int | None:
        """The redrive policy's maxReceiveCount (looked up once; None without DLQ)."""
        if self.max_receive_count is None:
            policy = self._redrive_policy()
            if policy:
                self.max_receive_count = int(policy["maxReceiveCount"])
        return self.max_receive_count

    def dead_letter_url(self) -> str | None:
        """The dead-letter queue named by the redrive policy (looked up once)."""
        if self._dead_letter_url is None:
            arn = self._redrive_policy().get("deadLetterTargetArn")
            if arn:
                name = str(arn).rsplit(":", 1)[-1]
                self._dead_letter_url = self.client.get_queue_url(QueueName=name)[
                    "QueueUrl"
                ]
        return self._dead_letter_url

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
        fates: dict[_Fate, int] = dict.fromkeys(_Fate, 0)
        returned = 0
        for message in messages:
            if self._stop.is_set():
                self._set_visibility(message, 0)
                returned += 1
                continue
            fate = self._handle(message)
            fates[fate] += 1
            if fate is not _Fate.FAILED:
                done.append(message)
        self._delete(done)
        return BatchReport(
            received=len(messages),
            succeeded=fates[_Fate.SUCCEEDED],
            failed=fates[_Fate.FAILED],
            returned=returned,
            redelivered=fates[_Fate.REDELIVERED],
            parked=fates[_Fate.PARKED],
        )

    def _handle(self, message: MessageTypeDef) -> _Fate:
        count = receive_count(message)
        fields: dict[str, object] = {
            "sqs_message_id": message.get("MessageId"),
            "receive_count": count,
        }
        body = message.get("Body", "")
        if len(body.encode()) > self.max_body_bytes:
            reason = f"message body is over {self.max_body_bytes} bytes: refused"
            return self._park(message, reason, fields) or self._failed(
                message, count, reason, fields, visibility=0
            )
        try:
            self.handle(body)
        except PermanentError as error:
            return self._park(message, str(error), fields) or self._failed(
                message, count, str(error), fields, visibility=0
            )
        except Exception as error:  # noqa: BLE001 - any failure means redelivery
            reason = str(error) if isinstance(error, WorkerError) else ""
            reason = reason or type(error).__name__
            back_off = self.error_visibility[min(count, len(self.error_visibility)) - 1]
            return self._redeliver(message, reason, fields) or self._failed(
                message, count, reason, fields, visibility=back_off
            )
        return _Fate.SUCCEEDED

    def _redeliver(
        self, message: MessageTypeDef, reason: str, fields: dict[str, object]
    ) -> _Fate | None:
        if self.redelivery is None:
            return None
        done = self._mover().redeliver(message, reason, fields)
        return None if done is None else _Fate[done]

    def _park(
        self, message: MessageTypeDef, reason: str, fields: dict[str, object]
    ) -> _Fate | None:
        if self.redelivery is None:
            return None
        return _Fate.PARKED if self._mover().park(message, reason, fields) else None

    def _mover(self) -> Redeliverer:
        assert self.redelivery is not None  # noqa: S101 - checked by the callers
        return Redeliverer(
            send=self._call_on,
            client=self.client,
            queue_url=self.url(),
            dead_letter_url=self.dead_letter_url,
            policy=self.redelivery,
            clock=self.clock,
        )

    def _failed(
        self,
        message: MessageTypeDef,
        count: int,
        reason: str,
        fields: dict[str, object],
        *,
        visibility: int,
    ) -> _Fate:
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
        return _Fate.FAILED

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
