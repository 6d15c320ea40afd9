package dev.hyperfocus.stats;

import dev.hyperfocus.api.InterruptionType;

/** An interruption as the aggregates keep it: its stored, unclipped interval and duration. */
record InterruptionSpan(
    long id, long sessionId, long startMillis, long endMillis, InterruptionType type, long durationSeconds) {}
