package com.example.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cdkserverlesspatterns.ApiRouteProps;
import io.github.cdkserverlesspatterns.ServerlessApi;
import io.github.cdkserverlesspatterns.ServerlessFunction;
import io.github.cdkserverlesspatterns.ServerlessFunctionProps;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Runtime;

/**
 * What only Java shows: builders, null for an unset prop, structs inside a map, getters, and the library's errors
 * arriving as Java exceptions with the library's message.
 */
class JavaSpellingTest {
    private static final Code CODE = Code.fromInline("exports.handler = async () => ({ statusCode: 200 });");

    private static ServerlessFunctionProps.Builder node() {
        return ServerlessFunctionProps.builder().code(CODE).runtime(Runtime.NODEJS_24_X).handler("index.handler");
    }

    @Test
    void routesGivenAsAMapOfStructsReachTheirFunctions() {
        // A struct inside a collection (Map<String, ApiRouteProps>): jsii serializes each value as the struct it is.
        Stack stack = new Stack(new App(), "Routes");
        Map<String, ApiRouteProps> routes = new LinkedHashMap<>();
        routes.put("GET /items", ApiRouteProps.builder().code(CODE).runtime(Runtime.NODEJS_24_X).handler("index.handler")
                .memorySize(256).build());
        routes.put("POST /items", ApiRouteProps.builder().code(CODE).runtime(Runtime.NODEJS_24_X).handler("index.handler")
                .memorySize(2048).timeout(Duration.seconds(5)).build());
        ServerlessApi.Builder.create(stack, "Api").routes(routes).build();
        Template template = Template.fromStack(stack);
        template.resourceCountIs("AWS::ApiGatewayV2::Route", 2);
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("MemorySize", 256));
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("MemorySize", 2048, "Timeout", 5));
    }

    @Test
    void nullIsAnUnsetProp() {
        // A Java caller may pass null for an optional prop: it is the default, never an error or the value "null".
        Stack stack = new Stack(new App(), "Nulls");
        ServerlessFunction fn = ServerlessFunction.Builder.create(stack, "Fn").code(CODE).runtime(Runtime.NODEJS_24_X)
                .handler("index.handler").memorySize(null).timeout(null).description(null).build();
        ServerlessFunction plain = ServerlessFunction.Builder.create(stack, "Plain").code(CODE)
                .runtime(Runtime.NODEJS_24_X).handler("index.handler").build();
        assertEquals(plain.getMemorySize(), fn.getMemorySize());
        assertEquals(plain.getTimeout().toSeconds(), fn.getTimeout().toSeconds());
    }

    @Test
    void addRouteReturnsTheRoutesFunctionWithItsAlias() {
        Stack stack = new Stack(new App(), "AddRoute");
        ServerlessApi api = ServerlessApi.Builder.create(stack, "Api").build();
        ServerlessFunction fn = api.addRoute("GET /health", ApiRouteProps.builder().code(CODE)
                .runtime(Runtime.NODEJS_24_X).handler("index.handler").build());
        assertEquals("live", fn.getAlias().getAliasName());
        Template.fromStack(stack).hasResourceProperties("AWS::ApiGatewayV2::Integration",
                Map.of("IntegrationUri", Map.of("Ref", Match.stringLikeRegexp("ApiGEThealthAlias"))));
    }

    @Test
    void aBadValueIsTheLibrarysMessageAsAJavaException() {
        // BP-F3 (memory range) from Java: the message names the prop, the value, what is allowed and the fix.
        Stack stack = new Stack(new App(), "Bad");
        RuntimeException error = assertThrows(RuntimeException.class, () -> ServerlessFunction.Builder
                .create(stack, "Fn").code(CODE).runtime(Runtime.NODEJS_24_X).handler("index.handler")
                .memorySize(64).build());
        String message = error.getMessage();
        assertTrue(message.contains("memorySize"), message);
        assertTrue(message.contains("64"), message);
        assertTrue(message.contains("128"), message);
    }

    @Test
    void aBadValueInsideAStructInAMapNamesItsRoute() {
        Stack stack = new Stack(new App(), "BadRoute");
        Map<String, ApiRouteProps> routes = Map.of("GET /items", ApiRouteProps.builder().code(CODE)
                .runtime(Runtime.NODEJS_24_X).handler("index.handler").timeout(Duration.seconds(60)).build());
        RuntimeException error = assertThrows(RuntimeException.class,
                () -> ServerlessApi.Builder.create(stack, "Api").routes(routes).build());
        String message = error.getMessage();
        assertTrue(message.contains("GET /items"), message);
        assertTrue(message.contains("timeout"), message);
    }

    @Test
    void functionDefaultsAreMergedIntoEveryRoute() {
        Stack stack = new Stack(new App(), "Defaults");
        ServerlessApi api = ServerlessApi.Builder.create(stack, "Api")
                .functionDefaults(node().environment(Map.of("TABLE", "orders")).build()).build();
        api.addRoute("GET /a", ApiRouteProps.builder().code(CODE).runtime(Runtime.NODEJS_24_X).handler("index.handler")
                .environment(Map.of("ROUTE", "a")).build());
        Template.fromStack(stack).hasResourceProperties("AWS::Lambda::Function", Map.of("Environment",
                Map.of("Variables", Match.objectLike(Map.of("TABLE", "orders", "ROUTE", "a")))));
    }
}
