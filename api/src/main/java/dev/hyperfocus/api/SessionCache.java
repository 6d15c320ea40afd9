package dev.hyperfocus.sessions;

import dev.hyperfocus.api.Session;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recently read sessions by id, so that the check every logged interruption makes
 * ({@code sessions.get}) needs no database round trip. The sessions verticle is the only writer
 * of its table, so the cache stays exact: an ended session replaces its active self, a purged
 * user's sessions leave, and a read that was under way across a purge is not kept. Used on the
 * verticle's event loop only.
 */
final class SessionCache {
  static final int CAPACITY = 100_000;

  private final Map<Long, Session> byId = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Session> eldest) {
      return size() > CAPACITY;
    }
  };
  private long generation;

  Session get(long id) {
    return byId.get(id);
  }

  /** The current generation; a read that started in an older one is not cached. */
  long generation() {
    return generation;
  }

  /** Keeps a session read from the database, unless a newer version or a purge came meanwhile. */
  void read(Session session, long readGeneration) {
    if (readGeneration == generation) {
      byId.putIfAbsent(session.id(), session);
    }
  }

  /** A session as just committed. */
  void written(Session session) {
    byId.put(session.id(), session);
  }

  void purge(long userId) {
    generation++;
    byId.values().removeIf(session -> session.userId() == userId);
  }
}
