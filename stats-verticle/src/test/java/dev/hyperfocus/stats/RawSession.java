package dev.hyperfocus.stats;

import java.time.Instant;
import java.time.ZoneId;

/** A session row as the sessions domain stores it; {@code end} is null while it is active. */
public record RawSession(long id, Instant start, Instant end, ZoneId zone) {}
