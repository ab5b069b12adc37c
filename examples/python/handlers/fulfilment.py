"""The fulfilment queue's worker: reports partial batch failures (BP-Q4), so one bad message is retried
alone and, after the queue's maxReceiveCount, moved to the dead-letter queue, never the whole batch."""
import json
import logging

logger = logging.getLogger()
logger.setLevel(logging.INFO)


def fulfil(order: dict) -> None:
    """Fulfils one order; raises for a message that cannot be processed."""
    if not isinstance(order.get("orderId"), str) or not order["orderId"]:
        raise ValueError("orderId is missing")
    logger.info("fulfilled order %s", order["orderId"])


def handler(event, context):
    failures = []
    for record in event.get("Records", []):
        try:
            fulfil(json.loads(record["body"]))
        except Exception:  # noqa: BLE001 - any failure of one message is reported, not raised
            logger.exception("message %s failed", record.get("messageId"))
            failures.append({"itemIdentifier": record["messageId"]})
    return {"batchItemFailures": failures}
