package dev.hyperfocus.stats;

import dev.hyperfocus.api.InterruptionType;
import java.time.Instant;

/** An interruption row as the interruptions domain stores it ({@code durationSeconds} unclipped). */
public record RawInterruption(
    long id, long sessionId, Instant start, Instant end, InterruptionType type, long durationSeconds) {

  /** With the duration the server computes: whole seconds between start and end. */
  public static RawInterruption of(long id, long sessionId, Instant start, Instant end, InterruptionType type) {
    return new RawInterruption(id, sessionId, start, end, type, Math.floorDiv(end.toEpochMilli() - start.toEpochMilli(), 1000));
  }
}
