package dev.hyperfocus.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TimeRulesTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  @DisplayName("A time up to 5 s ahead is accepted, beyond it is in the future")
  void futureTolerance() {
    assertThat(TimeRules.inFuture(NOW.plusSeconds(5), NOW)).isFalse();
    assertThat(TimeRules.inFuture(NOW.plusMillis(5001), NOW)).isTrue();
  }

  @Test
  @DisplayName("A planned interruption may end up to 24 h ahead")
  void plannedAhead() {
    assertThat(TimeRules.tooFarAhead(NOW.plusSeconds(86_400), NOW)).isFalse();
    assertThat(TimeRules.tooFarAhead(NOW.plusSeconds(86_401), NOW)).isTrue();
  }

  @Test
  @DisplayName("Back-to-back half-open intervals do not overlap")
  void halfOpen() {
    Instant a = NOW;
    Instant b = NOW.plusSeconds(60);
    Instant c = NOW.plusSeconds(120);
    assertThat(TimeRules.overlaps(a, b, b, c)).isFalse();
    assertThat(TimeRules.overlaps(a, b.plusMillis(1), b, c)).isTrue();
    assertThat(TimeRules.overlaps(a, c, b, b.plusMillis(1))).isTrue();
  }

  @Test
  @DisplayName("An active session's span reaches now plus 5 s; an ended one's its end")
  void spanEnd() {
    Session active = new Session(1, 1, NOW.minusSeconds(600), null, "UTC", NOW);
    Session ended = new Session(2, 1, NOW.minusSeconds(600), NOW.minusSeconds(60), "UTC", NOW);
    assertThat(TimeRules.spanEnd(active, NOW)).isEqualTo(NOW.plusSeconds(5));
    assertThat(TimeRules.spanEnd(ended, NOW)).isEqualTo(NOW.minusSeconds(60));
  }
}
