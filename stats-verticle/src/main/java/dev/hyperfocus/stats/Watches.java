package dev.hyperfocus.stats;

import java.util.HashMap;
import java.util.Map;

/**
 * The users some web node holds live sockets of, each until its watch lapses: a socket's snapshot
 * request starts a watch, and every web node renews its users' watches every 15 s
 * ({@code stats.live.watch}). Only watched users get a live frame after a change. Used on the
 * stats verticle's event loop only; times are {@link System#nanoTime()}.
 */
final class Watches {
  /** Four of the web nodes' renewals ({@code Liveness.WATCH_EVERY_MS} in the web verticle). */
  static final long LEASE_NANOS = 60_000_000_000L;

  private final Map<Long, Long> until = new HashMap<>();

  void watch(long userId, long now) {
    until.put(userId, now + LEASE_NANOS);
  }

  /** Renews the listed users' watches and forgets lapsed ones. */
  void renew(Iterable<Long> userIds, long now) {
    until.values().removeIf(end -> end - now < 0);
    userIds.forEach(id -> watch(id, now));
  }

  boolean watched(long userId, long now) {
    Long end = until.get(userId);
    return end != null && end - now > 0;
  }

  void drop(long userId) {
    until.remove(userId);
  }
}
