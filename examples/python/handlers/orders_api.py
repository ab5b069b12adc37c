"""The orders API's two routes (API Gateway HTTP API, payload format 2.0)."""
import json
import logging
import os
import uuid

logger = logging.getLogger()
logger.setLevel(os.environ.get("LOG_LEVEL", "INFO"))


def _response(status: int, body: dict) -> dict:
    return {"statusCode": status, "headers": {"content-type": "application/json"}, "body": json.dumps(body)}


def get_order(event, context):
    """GET /orders/{id}."""
    order_id = (event.get("pathParameters") or {}).get("id", "")
    if not order_id:
        return _response(400, {"message": "the order id is missing"})
    logger.info("get order %s", order_id)
    return _response(200, {"orderId": order_id, "status": "RECEIVED"})


def create_order(event, context):
    """POST /orders: a JSON body with a positive ``amount``."""
    try:
        body = json.loads(event.get("body") or "{}")
    except json.JSONDecodeError:
        return _response(400, {"message": "the body is not JSON"})
    amount = body.get("amount")
    if not isinstance(amount, (int, float)) or isinstance(amount, bool) or amount <= 0:
        return _response(400, {"message": "amount must be a positive number"})
    order_id = str(uuid.uuid4())
    logger.info("created order %s for %s", order_id, amount)
    return _response(201, {"orderId": order_id, "amount": amount})
