package dev.hyperfocus.runtime;

import dev.hyperfocus.api.Session;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Recently seen sessions by id, kept exact by their single writer's news. The sessions verticle
 * keeps one of what it reads and writes, so that {@code sessions.get} needs no database round
 * trip; the interruptions verticle keeps one fed by {@code sessions.events}, so that logging an
 * interruption needs no {@code sessions.get} at all once its session is known. A newer version
 * replaces an older one; a purged user's sessions leave and none of that user's is kept again
 * (user ids are never reused), so neither a read that was under way across the purge nor a late
 * event brings one back. Used on one context only.
 */
public final class SessionCache {
  public static final int CAPACITY = 100_000;

  private final Map<Long, Session> byId = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Session> eldest) {
      return size() > CAPACITY;
    }
  };
  private final Set<Long> purgedUsers = Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
      return size() > CAPACITY;
    }
  });

  public Session get(long id) {
    return byId.get(id);
  }

  /** Keeps a session read from its source, unless a newer version came meanwhile or its user was purged. */
  public void read(Session session) {
    if (!purgedUsers.contains(session.userId())) {
      byId.putIfAbsent(session.id(), session);
    }
  }

  /** A session as just committed. */
  public void written(Session session) {
    if (!purgedUsers.contains(session.userId())) {
      byId.put(session.id(), session);
    }
  }

  public void purge(long userId) {
    purgedUsers.add(userId);
    byId.values().removeIf(session -> session.userId() == userId);
  }
}
