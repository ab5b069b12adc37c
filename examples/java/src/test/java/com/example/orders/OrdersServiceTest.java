package com.example.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The Java app's stack, asserted with aws-cdk-lib's assertions as a Java user's tests would. */
class OrdersServiceTest {
    private static Template template;

    @BeforeAll
    static void synthesize() {
        template = Template.fromStack(new OrdersService(new App(), "Orders"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> functionProperties() {
        Map<String, Map<String, Object>> byHandler = new TreeMap<>();
        for (Object resource : template.findResources("AWS::Lambda::Function").values()) {
            Map<String, Object> props = (Map<String, Object>) ((Map<String, Object>) resource).get("Properties");
            byHandler.put((String) props.get("Handler"), props);
        }
        return byHandler;
    }

    @Test
    void everyFunctionIsAJavaHandlerOnArm64WithTracing() {
        // BP-F1, F2, F5: the library's defaults hold for Java code given as code + runtime + handler.
        Map<String, Map<String, Object>> fns = functionProperties();
        assertEquals(List.of(
                "com.example.orders.handlers.Fulfilment::handle",
                "com.example.orders.handlers.NightlyReport::handle",
                "com.example.orders.handlers.OrdersApi::createOrder",
                "com.example.orders.handlers.OrdersApi::getOrder"), List.copyOf(fns.keySet()));
        for (Map<String, Object> props : fns.values()) {
            assertEquals("java25", props.get("Runtime"));
            assertEquals(List.of("arm64"), props.get("Architectures"));
            assertEquals(Map.of("Mode", "Active"), props.get("TracingConfig"));
        }
    }

    @Test
    void javaFunctionsGetSnapStartOnThePublishedVersionTheAliasPointsAt() {
        // BP-F18: SnapStart is free for Java and on by default; it applies to published versions, which the alias uses.
        template.allResourcesProperties("AWS::Lambda::Function",
                Map.of("SnapStart", Map.of("ApplyOn", "PublishedVersions")));
        template.resourceCountIs("AWS::Lambda::Version", 4);
        template.resourceCountIs("AWS::Lambda::Alias", 4);
    }

    @Test
    void routeSettingsGivenToAddRouteReachTheFunction() {
        Map<String, Map<String, Object>> fns = functionProperties();
        assertEquals(2048, ((Number) fns.get("com.example.orders.handlers.OrdersApi::createOrder").get("MemorySize")).intValue());
        assertNotEquals(2048, ((Number) fns.get("com.example.orders.handlers.OrdersApi::getOrder").get("MemorySize")).intValue());
    }

    @Test
    void theStageIsThrottledAsTheBuilderSaid() {
        // BP-A4: ApiThrottleOptions.builder().rateLimit(50).burstLimit(100).
        template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of("DefaultRouteSettings",
                Map.of("ThrottlingRateLimit", 50, "ThrottlingBurstLimit", 100)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theQueueWorkerReportsPartialBatchFailuresOnTheAlias() {
        // BP-Q4, F8: the event source mapping targets the alias and reports batch item failures.
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                "BatchSize", 10,
                "ScalingConfig", Map.of("MaximumConcurrency", 5)));
        Map<String, Object> mapping = (Map<String, Object>) template.findResources("AWS::Lambda::EventSourceMapping")
                .values().iterator().next();
        assertTrue(String.valueOf(((Map<String, Object>) mapping.get("Properties")).get("FunctionName"))
                .contains("FulfilmentFunctionAlias"));
        // BP-Q2: the visibility timeout is six times the function's 20 s timeout plus the batching window.
        List<Object> timeouts = template.findResources("AWS::SQS::Queue",
                        Map.of("Properties", Map.of("RedrivePolicy", Match.anyValue())))
                .values().stream()
                .map(q -> ((Map<String, Object>) ((Map<String, Object>) q).get("Properties")).get("VisibilityTimeout"))
                .collect(Collectors.toList());
        assertEquals(List.of(120), timeouts);
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlyThePostRouteMaySendToTheFulfilmentQueue() {
        // The wiring recipe: grantSendMessages on the route's ServerlessFunction (an IGrantable) gives its role alone.
        String queue = template.findResources("AWS::SQS::Queue", Map.of("Properties",
                Map.of("RedrivePolicy", Match.anyValue()))).keySet().iterator().next();
        List<String> sendersRoles = new ArrayList<>();
        for (Object policy : template.findResources("AWS::IAM::Policy").values()) {
            Map<String, Object> props = (Map<String, Object>) ((Map<String, Object>) policy).get("Properties");
            for (Object statement : (List<Object>) ((Map<String, Object>) props.get("PolicyDocument")).get("Statement")) {
                Map<String, Object> st = (Map<String, Object>) statement;
                if (String.valueOf(st.get("Action")).contains("sqs:SendMessage")
                        && String.valueOf(st.get("Resource")).contains(queue)) {
                    sendersRoles.add(String.valueOf(props.get("Roles")));
                }
            }
        }
        assertEquals(1, sendersRoles.size(), sendersRoles.toString());
        assertTrue(sendersRoles.get(0).contains("OrdersApiPOSTorders"), sendersRoles.toString());
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler",
                "com.example.orders.handlers.OrdersApi::createOrder", "Environment", Map.of("Variables",
                Match.objectLike(Map.of("QUEUE_URL", Map.of("Ref", queue))))));
    }

    @Test
    void theNightlyReportRunsInBerlinTimeAgainstTheAlias() {
        // BP-S1, S2: EventBridge Scheduler, a time zone, a dead-letter queue, the alias as target.
        template.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "ScheduleExpression", "cron(30 2 * * ? *)",
                "ScheduleExpressionTimezone", "Europe/Berlin",
                "Target", Match.objectLike(Map.of(
                        "Arn", Map.of("Ref", Match.stringLikeRegexp("NightlyReportFunctionAlias")),
                        "DeadLetterConfig", Map.of("Arn", Match.anyValue())))));
    }
}
