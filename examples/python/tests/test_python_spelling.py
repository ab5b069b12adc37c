"""Issue #13, from Python: a setting written the Python way is never silently lost.

jsii converts the keyword arguments of a struct it passes directly (``throttle={"rate_limit": 5}``, or
``add_route("GET /x", memory_size=256)``), and Python itself refuses a misspelled one. A struct inside a dict or
list is different: the jsii kernel keeps only the keys the struct declares, so ``{"memory_size": 256}`` inside
``routes`` would arrive as ``{}``. The library therefore refuses ``routes`` and provisioned-concurrency
``schedules`` from Python, naming the method that takes the same settings as keyword arguments.
"""
import pytest
from aws_cdk import App, Duration, Stack
from aws_cdk import aws_applicationautoscaling as appscaling
from aws_cdk import aws_lambda as lambda_
from aws_cdk.assertions import Template

from cdk_serverless_patterns import ApiAuthorization, ApiRouteProps, ServerlessApi, ServerlessFunction, ServerlessRestApi

CODE = lambda_.Code.from_inline("def handler(event, context):\n    return {}\n")
RUNTIME = lambda_.Runtime.PYTHON_3_14
PYTHON_CODE = {"code": CODE, "runtime": RUNTIME, "handler": "index.handler"}
PEAK = appscaling.Schedule.cron(hour="8", minute="0")


def new_stack(name: str = "Spelling") -> Stack:
    return Stack(App(), name)


def resources(stack: Stack, kind: str) -> list:
    return list(Template.from_stack(stack).find_resources(kind).values())


@pytest.mark.parametrize(
    "routes",
    [
        {"GET /x": {**PYTHON_CODE, "memory_size": 256}},  # the trap of the issue: would arrive as 1,024 MB
        {"GET /x": {**PYTHON_CODE, "memorySize": 256}},  # right keys, but the library cannot tell it from the above
        {"GET /x": ApiRouteProps(**PYTHON_CODE, memory_size=256)},
    ],
    ids=["snake_case dict", "camelCase dict", "struct class"],
)
def test_X1_routes_given_from_python_are_refused_with_the_method_to_use(routes):
    with pytest.raises(RuntimeError) as refused:
        ServerlessApi(new_stack(), "Api", routes=routes)
    message = str(refused.value)
    assert message.startswith("[X1] Spelling/Api: routes is given from Python")
    assert 'api.add_route("GET /orders/{id}", code=..., memory_size=..., authorization=...)' in message


def test_X1_add_route_takes_the_settings_as_keyword_arguments():
    stack = new_stack()
    api = ServerlessApi(stack, "Api")
    api.add_route("GET /x", **PYTHON_CODE, memory_size=384, reserved_concurrent_executions=3)
    api.add_route("GET /health", **PYTHON_CODE, authorization=ApiAuthorization.none("load balancer health check"))
    settings = sorted((f["Properties"]["MemorySize"], f["Properties"].get("ReservedConcurrentExecutions")) for f in resources(stack, "AWS::Lambda::Function"))
    assert settings == [(384, 3), (1024, None)]
    routes = {r["Properties"]["RouteKey"]: r["Properties"]["AuthorizationType"] for r in resources(stack, "AWS::ApiGatewayV2::Route")}
    assert routes == {"GET /x": "AWS_IAM", "GET /health": "NONE"}


def test_X1_the_rest_api_refuses_routes_and_add_route_takes_keyword_arguments():
    with pytest.raises(RuntimeError, match=r"^\[X1\] Spelling/Rest: routes is given from Python"):
        ServerlessRestApi(new_stack(), "Rest", routes={"GET /x": {**PYTHON_CODE, "memory_size": 256}})
    stack = new_stack()
    api = ServerlessRestApi(stack, "Rest")
    api.add_route("GET /x", **PYTHON_CODE, memory_size=384, throttle={"rate_limit": 5, "burst_limit": 10})
    api.add_route("GET /health", **PYTHON_CODE, authorization=ApiAuthorization.none("load balancer health check"))
    assert sorted(f["Properties"]["MemorySize"] for f in resources(stack, "AWS::Lambda::Function")) == [384, 1024]
    methods = {m["Properties"]["HttpMethod"] + " " + m["Properties"]["AuthorizationType"] for m in resources(stack, "AWS::ApiGateway::Method")}
    assert methods == {"GET AWS_IAM", "GET NONE"}
    settings = resources(stack, "AWS::ApiGateway::Stage")[0]["Properties"]["MethodSettings"]
    assert {"HttpMethod": "GET", "ResourcePath": "/~1x", "ThrottlingRateLimit": 5, "ThrottlingBurstLimit": 10}.items() <= settings[1].items()
    with pytest.raises(TypeError, match="memory_sise"):
        api.add_route("GET /y", **PYTHON_CODE, memory_sise=384)


def test_X1_a_lambda_authorizer_from_python():
    stack = new_stack()
    api = ServerlessApi(stack, "Http", authorization=ApiAuthorization.lambda_authorizer(function_props={**PYTHON_CODE, "memory_size": 256}))
    api.add_route("GET /x", **PYTHON_CODE)
    authorizer = resources(stack, "AWS::ApiGatewayV2::Authorizer")[0]["Properties"]
    assert authorizer["EnableSimpleResponses"] is True and authorizer["AuthorizerResultTtlInSeconds"] == 300
    assert sorted(f["Properties"]["MemorySize"] for f in resources(stack, "AWS::Lambda::Function")) == [256, 1024]


def test_X1_a_misspelled_setting_of_add_route_is_a_python_type_error():
    api = ServerlessApi(new_stack(), "Api")
    with pytest.raises(TypeError, match="memory_sise"):
        api.add_route("GET /x", **PYTHON_CODE, memory_sise=384)


def test_X1_a_dict_passed_to_add_route_instead_of_keyword_arguments_is_refused():
    api = ServerlessApi(new_stack(), "Api")
    with pytest.raises(TypeError):
        api.add_route("GET /x", {**PYTHON_CODE, "memory_size": 384})


def test_X1_schedules_from_python_are_refused_and_the_method_adds_them():
    with pytest.raises(RuntimeError) as refused:
        ServerlessFunction(
            new_stack(),
            "Fn",
            **PYTHON_CODE,
            provisioned_concurrency={
                "min_capacity": 1,
                "max_capacity": 10,
                "schedules": [{"name": "peak", "schedule": PEAK, "min_capacity": 5, "time_zone": "Europe/Berlin"}],
            },
        )
    assert "provisionedConcurrency.schedules (Python: provisioned_concurrency.schedules) is given from Python" in str(refused.value)
    assert "fn.add_provisioned_concurrency_schedule(name=..., schedule=..., min_capacity=..., time_zone=...)" in str(refused.value)

    stack = new_stack()
    fn = ServerlessFunction(stack, "Fn", **PYTHON_CODE, provisioned_concurrency={"min_capacity": 1, "max_capacity": 10})
    fn.add_provisioned_concurrency_schedule(name="peak", schedule=PEAK, min_capacity=5)
    (target,) = resources(stack, "AWS::ApplicationAutoScaling::ScalableTarget")
    (action,) = target["Properties"]["ScheduledActions"]
    assert action["ScalableTargetAction"] == {"MinCapacity": 5}


def test_top_level_struct_dicts_are_converted_and_checked_by_python():
    """jsii converts a struct passed directly: snake_case keys work, a misspelled one is a TypeError."""
    stack = new_stack()
    ServerlessFunction(stack, "Fn", **PYTHON_CODE, alarms={"errors_threshold": 3})
    errors = [a for a in resources(stack, "AWS::CloudWatch::Alarm") if a["Properties"]["MetricName"] == "Errors"]
    assert [a["Properties"]["Threshold"] for a in errors] == [3]
    with pytest.raises(TypeError, match="errors_treshold"):
        ServerlessFunction(new_stack(), "Fn", **PYTHON_CODE, alarms={"errors_treshold": 3})


def test_X4_errors_reach_python_with_the_library_message():
    """A bad value gets the library's message (rule, path, prop, value, allowed, fix), not a JavaScript error."""
    with pytest.raises(RuntimeError) as refused:
        ServerlessFunction(new_stack(), "Fn", **PYTHON_CODE, timeout=Duration.minutes(16))
    message = str(refused.value)
    assert message.startswith("[F4] Spelling/Fn: timeout is 960 s; allowed: a whole number from 1 to 900 s.")
    assert "Fix:" in message


def test_X4_errors_name_the_prop_as_python_spells_it():
    with pytest.raises(RuntimeError) as refused:
        ServerlessFunction(new_stack(), "Fn", **PYTHON_CODE, memory_size=20000)
    assert str(refused.value).startswith("[F3] Spelling/Fn: memorySize (Python: memory_size) is 20,000 MB")
