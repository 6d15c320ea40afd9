package dev.hyperfocus.web.live;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per node: which web instances hold sockets with {@code ?tick=N} of a user, and when that
 * (user, period) is next due. Each instance's timer {@link #claim}s the beat before asking the
 * stats verticle; the first to claim within a period asks, the others' timers find it taken until
 * half a period before the next one is due. So a user's tabs cost one summary per period on a
 * node, however many event loops their sockets landed on.
 */
final class LiveBeats {
  record Key(long userId, int seconds) {}

  private static final class Beat {
    final Set<LiveTicks> members = ConcurrentHashMap.newKeySet();
    final AtomicLong due = new AtomicLong(System.nanoTime());
  }

  private final ConcurrentHashMap<Key, Beat> beats = new ConcurrentHashMap<>();

  void join(Key key, LiveTicks member) {
    beats.compute(key, (k, beat) -> {
      Beat joined = beat == null ? new Beat() : beat;
      joined.members.add(member);
      return joined;
    });
  }

  void leave(Key key, LiveTicks member) {
    beats.computeIfPresent(key, (k, beat) -> {
      beat.members.remove(member);
      return beat.members.isEmpty() ? null : beat;
    });
  }

  /** Whether the caller may ask for this period's tick (and the next is due one period from now). */
  boolean claim(Key key, long periodNanos) {
    Beat beat = beats.get(key);
    if (beat == null) {
      return false;
    }
    long now = System.nanoTime();
    long due = beat.due.get();
    return now - due >= -periodNanos / 2 && beat.due.compareAndSet(due, now + periodNanos);
  }

  /** The instances holding sockets of this (user, period). */
  Set<LiveTicks> members(Key key) {
    Beat beat = beats.get(key);
    return beat == null ? Set.of() : beat.members;
  }
}
