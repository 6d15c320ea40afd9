package dev.hyperfocus.stats;

import dev.hyperfocus.api.Session;
import java.time.ZoneId;

/** A user whose rollups are in memory: the current zone, the rollups and the active session's row. */
final class LoadedUser {
  private final long id;
  private final UserRollups stats;
  private ZoneId zone;
  private Session active;
  private long accounted;

  LoadedUser(long id, ZoneId zone, RollupStore.Loaded loaded) {
    this.id = id;
    this.zone = zone;
    this.stats = loaded.rollups();
    this.active = loaded.active();
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

  UserRollups stats() {
    return stats;
  }

  /** The active session as clients see it, or null. */
  Session active() {
    return active;
  }

  /** The memory counted against the cache's budget for this user. */
  long accounted() {
    return accounted;
  }

  /** Counts the memory again; the difference to what was counted before. */
  long reaccount() {
    long before = accounted;
    accounted = stats.approximateBytes();
    return accounted - before;
  }

  /** A change applied to the store after this user was loaded. */
  void apply(RollupStore.Applied applied) {
    stats.apply(applied.change());
    Session session = applied.session();
    if (session == null) {
      return;
    }
    if (session.active()) {
      active = session;
    } else if (active != null && active.id() == session.id()) {
      active = null;
    }
  }
}
