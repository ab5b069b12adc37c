package com.example.orders.handlers;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The orders API's two routes (API Gateway HTTP API, payload format 2.0). Lambda's Java runtime calls these plain
 * methods with the event as a {@code Map} (handler {@code com.example.orders.handlers.OrdersApi::getOrder}); no
 * library is needed.
 */
public final class OrdersApi {
    private static final Pattern AMOUNT = Pattern.compile("\"amount\"\\s*:\\s*(-?\\d+(?:\\.\\d+)?)");

    /** GET /orders/{id}. */
    public Map<String, Object> getOrder(final Map<String, Object> event) {
        Object params = event.get("pathParameters");
        Object id = params instanceof Map ? ((Map<?, ?>) params).get("id") : null;
        if (id == null || id.toString().isEmpty()) {
            return response(400, "{\"message\":\"the order id is missing\"}");
        }
        return response(200, "{\"orderId\":\"" + id + "\",\"status\":\"RECEIVED\"}");
    }

    /** POST /orders: a JSON body with a positive {@code amount}. */
    public Map<String, Object> createOrder(final Map<String, Object> event) {
        Object body = event.get("body");
        Matcher amount = AMOUNT.matcher(body == null ? "" : body.toString());
        if (!amount.find() || Double.parseDouble(amount.group(1)) <= 0) {
            return response(400, "{\"message\":\"amount must be a positive number\"}");
        }
        return response(201, "{\"orderId\":\"" + UUID.randomUUID() + "\",\"amount\":" + amount.group(1) + "}");
    }

    static Map<String, Object> response(final int status, final String json) {
        return Map.of("statusCode", status, "headers", Map.of("content-type", "application/json"), "body", json);
    }
}
