"""The Python app's stack, asserted with aws_cdk.assertions as a Python user's tests would."""
import pytest
from aws_cdk import App
from aws_cdk.assertions import Match, Template

from orders_service import OrdersService


@pytest.fixture(scope="module")
def template() -> Template:
    return Template.from_stack(OrdersService(App(), "Orders"))


def functions(template: Template) -> dict:
    return template.find_resources("AWS::Lambda::Function")


def test_every_function_is_a_python_handler_on_arm64_with_tracing(template):
    """BP-F1, F2, F5: the library's defaults hold for Python code given as code + runtime + handler."""
    fns = functions(template)
    assert sorted(f["Properties"]["Handler"] for f in fns.values()) == [
        "fulfilment.handler",
        "nightly_report.handler",
        "orders_api.create_order",
        "orders_api.get_order",
    ]
    for f in fns.values():
        props = f["Properties"]
        assert props["Runtime"] == "python3.14"
        assert props["Architectures"] == ["arm64"]
        assert props["TracingConfig"] == {"Mode": "Active"}


def test_route_settings_given_to_add_route_reach_the_function(template):
    """The POST route's memory_size=512, a keyword argument of add_route."""
    memory = {f["Properties"]["Handler"]: f["Properties"]["MemorySize"] for f in functions(template).values()}
    assert memory["orders_api.create_order"] == 512
    assert memory["orders_api.get_order"] != 512


def test_top_level_struct_dicts_are_converted(template):
    """throttle={"rate_limit": 50, "burst_limit": 100}: jsii converts a top-level struct's snake_case keys."""
    template.has_resource_properties(
        "AWS::ApiGatewayV2::Stage",
        {"DefaultRouteSettings": {"ThrottlingRateLimit": 50, "ThrottlingBurstLimit": 100}},
    )


def test_the_queue_worker_reports_partial_batch_failures_on_the_alias(template):
    """BP-Q4, F8: the event source mapping targets the alias and reports batch item failures."""
    template.has_resource_properties(
        "AWS::Lambda::EventSourceMapping",
        {
            "FunctionResponseTypes": ["ReportBatchItemFailures"],
            "BatchSize": 10,
            "ScalingConfig": {"MaximumConcurrency": 5},
        },
    )
    (mapping,) = template.find_resources("AWS::Lambda::EventSourceMapping").values()
    assert "FulfilmentFunctionAlias" in str(mapping["Properties"]["FunctionName"])
    # BP-Q2: the visibility timeout is six times the function's 20 s timeout plus the batching window.
    queues = template.find_resources("AWS::SQS::Queue", {"Properties": {"RedrivePolicy": Match.any_value()}})
    assert [q["Properties"]["VisibilityTimeout"] for q in queues.values()] == [120]


def test_the_nightly_report_runs_in_berlin_time_against_the_alias(template):
    """BP-S1, S2: EventBridge Scheduler, a time zone, a dead-letter queue, the alias as target."""
    template.has_resource_properties(
        "AWS::Scheduler::Schedule",
        {
            "ScheduleExpression": "cron(30 2 * * ? *)",
            "ScheduleExpressionTimezone": "Europe/Berlin",
            "Target": {
                "Arn": {"Ref": Match.string_like_regexp("NightlyReportFunctionAlias")},
                "DeadLetterConfig": {"Arn": Match.any_value()},
            },
        },
    )


def test_every_alarm_notifies_the_alerts_topic(template):
    """BP-F15: every alarm of every function and of the API notifies the topic, on alarm and on recovery."""
    (topic,) = template.find_resources("AWS::SNS::Topic").keys()
    alarms = template.find_resources("AWS::CloudWatch::Alarm")
    assert len(alarms) >= 8
    for alarm in alarms.values():
        assert alarm["Properties"]["AlarmActions"] == [{"Ref": topic}]
        assert alarm["Properties"]["OKActions"] == [{"Ref": topic}]
