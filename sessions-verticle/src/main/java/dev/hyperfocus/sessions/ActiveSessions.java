package dev.hyperfocus.sessions;

import dev.hyperfocus.runtime.Meters;
import io.vertx.core.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many sessions are active, for the {@link Meters#SESSIONS_ACTIVE} gauge: counted in the
 * database at start and after a purge, followed by each committed start and end in between.
 * Results come back in the order of the single connection, so a recount never loses a change.
 */
final class ActiveSessions {
  private final AtomicLong count = new AtomicLong();
  private final SessionRepository sessions;

  ActiveSessions(SessionRepository sessions, Meters meters) {
    this.sessions = sessions;
    meters.gauge(Meters.SESSIONS_ACTIVE, "Focus sessions without an end", count::get);
  }

  Future<Void> recount() {
    return sessions.countActive().onSuccess(count::set).mapEmpty();
  }

  void started() {
    count.incrementAndGet();
  }

  void ended() {
    count.decrementAndGet();
  }
}
