package dev.hyperfocus.stats;

import dev.hyperfocus.api.Interruption;
import dev.hyperfocus.api.Session;
import java.time.ZoneId;

/** A user whose aggregates are in memory: the current zone, the aggregate and the active session row. */
final class LoadedUser {
  private final long id;
  private final UserStats stats = new UserStats();
  private ZoneId zone;
  private Session active;

  LoadedUser(long id, ZoneId zone) {
    this.id = id;
    this.zone = zone;
  }

  long id() {
    return id;
  }

  ZoneId zone() {
    return zone;
  }

  void zone(ZoneId zone) {
    this.zone = zone;
  }

  UserStats stats() {
    return stats;
  }

  /** The active session as clients see it, or null. */
  Session active() {
    return active;
  }

  void put(Session session) {
    stats.putSession(session.id(), session.startTime(), session.endTime(), ZoneId.of(session.timezone()));
    if (session.active()) {
      active = session;
    } else if (active != null && active.id() == session.id()) {
      active = null;
    }
  }

  void put(Interruption interruption) {
    stats.putInterruption(interruption.id(), interruption.sessionId(), interruption.startTime(),
        interruption.endTime(), interruption.type(), interruption.duration());
  }

  void remove(Interruption interruption) {
    stats.removeInterruption(interruption.id());
  }
}
