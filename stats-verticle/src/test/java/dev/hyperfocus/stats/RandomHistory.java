package dev.hyperfocus.stats;

import dev.hyperfocus.api.InterruptionType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded random history of one user around DST transitions: sessions crossing midnight and
 * transitions, zero-length ones, an active one, interruptions reaching outside their session or
 * ahead of now, orphans, and the updates that produce it interleaved at random with stale versions,
 * repeats and deletions (each row's own updates stay in order, as a domain publishes them).
 */
final class RandomHistory {
  static final List<ZoneId> ZONES = List.of(
      ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"),
      ZoneId.of("Asia/Kolkata"), ZoneId.of("Australia/Lord_Howe"));
  private static final List<LocalDate> TRANSITION_DAYS = List.of(
      LocalDate.parse("2026-03-08"), LocalDate.parse("2026-03-29"), LocalDate.parse("2026-04-05"),
      LocalDate.parse("2026-10-04"), LocalDate.parse("2026-10-25"), LocalDate.parse("2026-11-01"),
      LocalDate.parse("2026-07-15"));
  private static final long MINUTE = 60_000;
  private static final long HOUR = 60 * MINUTE;

  /** One update of the aggregate; the current rows follow the same update. */
  sealed interface Op {
    void apply(UserStats stats, Map<Long, RawSession> sessions, Map<Long, RawInterruption> interruptions);
  }

  record PutSession(RawSession row) implements Op {
    @Override
    public void apply(UserStats stats, Map<Long, RawSession> sessions, Map<Long, RawInterruption> interruptions) {
      stats.putSession(row.id(), row.start(), row.end(), row.zone());
      sessions.put(row.id(), row);
    }
  }

  record RemoveSession(long id) implements Op {
    @Override
    public void apply(UserStats stats, Map<Long, RawSession> sessions, Map<Long, RawInterruption> interruptions) {
      stats.removeSession(id);
      sessions.remove(id);
    }
  }

  record PutInterruption(RawInterruption row) implements Op {
    @Override
    public void apply(UserStats stats, Map<Long, RawSession> sessions, Map<Long, RawInterruption> interruptions) {
      stats.putInterruption(row.id(), row.sessionId(), row.start(), row.end(), row.type(), row.durationSeconds());
      interruptions.put(row.id(), row);
    }
  }

  record RemoveInterruption(long id) implements Op {
    @Override
    public void apply(UserStats stats, Map<Long, RawSession> sessions, Map<Long, RawInterruption> interruptions) {
      stats.removeInterruption(id);
      interruptions.remove(id);
    }
  }

  final List<Op> ops = new ArrayList<>();
  final Instant now;
  final ZoneId userZone;

  private final Random random;
  private final List<Deque<Op>> queues = new ArrayList<>();
  private long nextInterruptionId = 1000;

  RandomHistory(long seed) {
    random = new Random(seed);
    userZone = pick(ZONES);
    boolean traveller = random.nextInt(5) == 0;
    LocalDate day = pick(TRANSITION_DAYS).minusDays(random.nextInt(4));
    long t = day.atStartOfDay(userZone).toInstant().toEpochMilli() + random.nextInt(24) * HOUR + random.nextInt(1000);
    int count = 1 + random.nextInt(9);
    boolean lastActive = random.nextBoolean();
    long end = t;
    for (long id = 1; id <= count; id++) {
      t = end + gap();
      end = t + length();
      boolean active = lastActive && id == count;
      RawSession session = new RawSession(
          id, Instant.ofEpochMilli(t), active ? null : Instant.ofEpochMilli(end),
          traveller ? pick(ZONES) : userZone);
      queues.add(sessionUpdates(session));
      int interruptions = random.nextInt(5);
      for (int i = 0; i < interruptions; i++) {
        queues.add(interruptionUpdates(interruption(id, t, end)));
      }
    }
    if (random.nextInt(4) == 0) {
      queues.add(interruptionUpdates(interruption(count + 1, t, end)));
    }
    now = Instant.ofEpochMilli(end + (random.nextInt(3) == 0 ? 0 : random.nextInt(48) * HOUR + random.nextInt(3_600_000)));
    interleave();
  }

  Instant laterNow() {
    return now.plusMillis(random.nextInt(6 * 3_600_000));
  }

  Range randomRange() {
    return Range.ofDays(1 + random.nextInt(400));
  }

  private Deque<Op> sessionUpdates(RawSession session) {
    Deque<Op> updates = new ArrayDeque<>();
    switch (random.nextInt(6)) {
      case 0 -> updates.add(new PutSession(new RawSession(session.id(), session.start(), null, session.zone())));
      case 1 -> updates.add(new PutSession(session));
      case 2 -> {
        updates.add(new PutSession(session));
        updates.add(new RemoveSession(session.id()));
        return updates;
      }
      case 3 -> updates.add(new PutSession(new RawSession(
          session.id(), session.start().minusMillis(random.nextInt(7_200_000)),
          session.start().plusMillis(random.nextInt(7_200_000)), pick(ZONES))));
      case 4 -> {
        updates.add(new PutSession(session));
        updates.add(new RemoveSession(session.id()));
      }
      default -> { }
    }
    updates.add(new PutSession(session));
    return updates;
  }

  private Deque<Op> interruptionUpdates(RawInterruption interruption) {
    Deque<Op> updates = new ArrayDeque<>();
    switch (random.nextInt(6)) {
      case 0 -> updates.add(new PutInterruption(interruption));
      case 1 -> {
        updates.add(new PutInterruption(interruption));
        updates.add(new RemoveInterruption(interruption.id()));
        return updates;
      }
      case 2 -> updates.add(new PutInterruption(RawInterruption.of(
          interruption.id(), interruption.sessionId() + 1, interruption.start().minusMillis(HOUR),
          interruption.end(), pick(List.of(InterruptionType.values())))));
      default -> { }
    }
    updates.add(new PutInterruption(interruption));
    return updates;
  }

  private RawInterruption interruption(long sessionId, long sessionStart, long sessionEnd) {
    long start = sessionStart - 30 * MINUTE + (long) (random.nextDouble() * (sessionEnd - sessionStart + 60 * MINUTE));
    long end = start + 1000 + random.nextInt(random.nextBoolean() ? 600_000 : 5_400_000);
    return RawInterruption.of(nextInterruptionId++, sessionId, Instant.ofEpochMilli(start),
        Instant.ofEpochMilli(end), pick(List.of(InterruptionType.values())));
  }

  private long gap() {
    return switch (random.nextInt(5)) {
      case 0 -> 0;
      case 1 -> random.nextInt(30) * HOUR + random.nextInt(3_600_000);
      default -> random.nextInt(240) * MINUTE + random.nextInt(60_000);
    };
  }

  private long length() {
    return switch (random.nextInt(10)) {
      case 0 -> 0;
      case 1 -> 3 * HOUR + random.nextInt(27) * HOUR + random.nextInt(3_600_000);
      default -> MINUTE + random.nextInt(180) * MINUTE + random.nextInt(60_000);
    };
  }

  private void interleave() {
    List<Deque<Op>> pending = new ArrayList<>(queues);
    while (!pending.isEmpty()) {
      int index = random.nextInt(pending.size());
      Deque<Op> queue = pending.get(index);
      ops.add(queue.removeFirst());
      if (queue.isEmpty()) {
        pending.remove(index);
      }
    }
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** Applies the ops from {@code from} to {@code to} to the aggregate and to the current rows. */
  static void apply(List<Op> ops, int from, int to, UserStats stats,
      Map<Long, RawSession> sessions, Map<Long, RawInterruption> interruptions) {
    for (Op op : ops.subList(from, to)) {
      op.apply(stats, sessions, interruptions);
    }
  }
}
