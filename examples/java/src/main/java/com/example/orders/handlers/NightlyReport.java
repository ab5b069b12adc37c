package com.example.orders.handlers;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/** The nightly report, invoked by EventBridge Scheduler at 02:30 Berlin time. */
public final class NightlyReport {
    /** Handler {@code com.example.orders.handlers.NightlyReport::handle}. */
    public Map<String, Object> handle(final Map<String, Object> event) {
        return Map.of("reportDate", LocalDate.now(ZoneId.of("Europe/Berlin")).minusDays(1).toString());
    }
}
