package dev.hyperfocus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.Session;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SessionCacheTest {
  private static final Instant START = Instant.parse("2026-11-25T08:00:00Z");

  private static Session active(long id, long userId) {
    return new Session(id, userId, START, null, "Europe/Berlin", START);
  }

  private static Session ended(long id, long userId) {
    return new Session(id, userId, START, START.plusSeconds(3600), "Europe/Berlin", START);
  }

  @Test
  @DisplayName("A committed version replaces an older one; a read finishing later does not bring the older back")
  void newerVersionWins() {
    SessionCache cache = new SessionCache();
    cache.read(active(1, 7));
    cache.written(ended(1, 7));
    cache.read(active(1, 7));
    assertThat(cache.get(1)).isEqualTo(ended(1, 7));
  }

  @Test
  @DisplayName("A purged user's sessions leave, and neither a late read nor a late event keeps one again")
  void purgedUserStaysOut() {
    SessionCache cache = new SessionCache();
    cache.written(active(1, 7));
    cache.written(active(2, 8));

    cache.purge(7);
    cache.read(active(1, 7));
    cache.written(ended(1, 7));

    assertThat(cache.get(1)).isNull();
    assertThat(cache.get(2)).as("other users keep theirs").isEqualTo(active(2, 8));
    cache.read(active(3, 8));
    assertThat(cache.get(3)).isEqualTo(active(3, 8));
  }
}
