package dev.hyperfocus.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** {@link Spans} of one user in memory: for {@link UserStats}, the pure form the tests exercise. */
final class MemorySpans implements Spans {
  private final Map<Long, SessionSpan> sessions = new HashMap<>();
  private final Map<Long, InterruptionSpan> interruptions = new HashMap<>();
  private final Map<Long, Set<Long>> bySession = new HashMap<>();
  private final TreeMap<Long, Integer> starts = new TreeMap<>();

  @Override
  public SessionSpan session(long id) {
    return sessions.get(id);
  }

  @Override
  public InterruptionSpan interruption(long id) {
    return interruptions.get(id);
  }

  @Override
  public List<InterruptionSpan> interruptionsOf(long sessionId) {
    List<InterruptionSpan> list = new ArrayList<>();
    for (long id : bySession.getOrDefault(sessionId, Set.of())) {
      list.add(interruptions.get(id));
    }
    list.sort(Comparator.comparingLong(InterruptionSpan::startMillis).thenComparingLong(InterruptionSpan::id));
    return list;
  }

  @Override
  public Long firstStart(long userId) {
    return starts.isEmpty() ? null : starts.firstKey();
  }

  @Override
  public void putSession(long userId, SessionSpan session) {
    removeSession(session.id());
    sessions.put(session.id(), session);
    starts.merge(session.startMillis(), 1, Integer::sum);
  }

  @Override
  public void removeSession(long id) {
    SessionSpan old = sessions.remove(id);
    if (old != null) {
      starts.computeIfPresent(old.startMillis(), (start, n) -> n == 1 ? null : n - 1);
    }
  }

  @Override
  public void putInterruption(long userId, InterruptionSpan interruption) {
    removeInterruption(interruption.id());
    interruptions.put(interruption.id(), interruption);
    bySession.computeIfAbsent(interruption.sessionId(), id -> new LinkedHashSet<>()).add(interruption.id());
  }

  @Override
  public void removeInterruption(long id) {
    InterruptionSpan old = interruptions.remove(id);
    if (old != null) {
      Set<Long> ids = bySession.get(old.sessionId());
      ids.remove(id);
      if (ids.isEmpty()) {
        bySession.remove(old.sessionId());
      }
    }
  }

  int sessionCount() {
    return sessions.size();
  }

  int interruptionCount() {
    return interruptions.size();
  }
}
