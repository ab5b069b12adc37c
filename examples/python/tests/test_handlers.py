"""The plain Python handlers, called as Lambda calls them."""
import json

import fulfilment
import nightly_report
import orders_api


def test_get_order_returns_the_order_of_the_path():
    response = orders_api.get_order({"pathParameters": {"id": "o-1"}}, None)
    assert response["statusCode"] == 200
    assert json.loads(response["body"]) == {"orderId": "o-1", "status": "RECEIVED"}
    assert orders_api.get_order({}, None)["statusCode"] == 400


def test_create_order_refuses_what_it_cannot_charge():
    assert orders_api.create_order({"body": "not json"}, None)["statusCode"] == 400
    for amount in (0, -3, "12", True, None):
        assert orders_api.create_order({"body": json.dumps({"amount": amount})}, None)["statusCode"] == 400
    created = orders_api.create_order({"body": json.dumps({"amount": 12.5})}, None)
    assert created["statusCode"] == 201
    assert json.loads(created["body"])["amount"] == 12.5


def test_fulfilment_reports_only_the_failed_messages():
    """BP-Q4: one bad message is reported by id; the batch is not failed."""
    event = {
        "Records": [
            {"messageId": "m-1", "body": json.dumps({"orderId": "o-1"})},
            {"messageId": "m-2", "body": "{broken"},
            {"messageId": "m-3", "body": json.dumps({"orderId": ""})},
            {"messageId": "m-4", "body": json.dumps({"orderId": "o-4"})},
        ]
    }
    assert fulfilment.handler(event, None) == {
        "batchItemFailures": [{"itemIdentifier": "m-2"}, {"itemIdentifier": "m-3"}]
    }
    assert fulfilment.handler({"Records": []}, None) == {"batchItemFailures": []}


def test_nightly_report_reports_done():
    assert nightly_report.handler({"report": "daily-orders"}, None) == {"report": "daily-orders", "status": "done"}
