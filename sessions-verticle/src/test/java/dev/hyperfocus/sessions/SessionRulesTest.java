package dev.hyperfocus.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hyperfocus.api.InvalidField;
import dev.hyperfocus.api.Session;
import io.vertx.core.eventbus.ReplyException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SessionRulesTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  private static int code(Runnable check) {
    try {
      check.run();
      return 0;
    } catch (ReplyException e) {
      return e.failureCode();
    }
  }

  @Test
  @DisplayName("An active session is refused before any time rule is looked at")
  void activeFirst() {
    assertThat(code(() -> SessionRules.checkStart(true, NOW.plusSeconds(3600), NOW, Optional.empty()))).isEqualTo(400);
  }

  @Test
  @DisplayName("A start more than 5 s ahead or before the previous session's end is a 422 on start_time")
  void startRules() {
    assertThat(code(() -> SessionRules.checkStart(false, NOW.plusSeconds(6), NOW, Optional.empty()))).isEqualTo(422);
    assertThat(code(() -> SessionRules.checkStart(false, NOW.minusSeconds(60), NOW, Optional.of(NOW.minusSeconds(30)))))
        .isEqualTo(422);
    assertThatThrownBy(() -> SessionRules.checkStart(false, NOW.plusSeconds(6), NOW, Optional.empty()))
        .isInstanceOfSatisfying(InvalidField.class, invalid -> assertThat(invalid.field()).isEqualTo("start_time"));
    assertThatCode(() -> SessionRules.checkStart(false, NOW.minusSeconds(30), NOW, Optional.of(NOW.minusSeconds(30))))
        .as("back to back is allowed").doesNotThrowAnyException();
    assertThatCode(() -> SessionRules.checkStart(false, NOW.plusSeconds(5), NOW, Optional.empty()))
        .doesNotThrowAnyException();
  }

  @Test
  @DisplayName("Ending an ended session is a 400; an end ahead or before the start is a 422 on end_time")
  void endRules() {
    Session active = new Session(1, 1, NOW.minusSeconds(600), null, "UTC", NOW);
    Session ended = new Session(2, 1, NOW.minusSeconds(600), NOW.minusSeconds(60), "UTC", NOW);
    assertThat(code(() -> SessionRules.checkEnd(ended, NOW, NOW))).isEqualTo(400);
    assertThat(code(() -> SessionRules.checkEnd(active, NOW.plusSeconds(6), NOW))).isEqualTo(422);
    assertThat(code(() -> SessionRules.checkEnd(active, NOW.minusSeconds(601), NOW))).isEqualTo(422);
    assertThat(code(() -> SessionRules.checkEnd(active, NOW.minusSeconds(600), NOW))).as("zero length").isZero();
  }

  @Test
  @DisplayName("A listing day is the local calendar day of the zone, 23 or 25 hours long on DST days")
  void listingDay() {
    SessionRules.Window spring = SessionRules.listing(LocalDate.parse("2026-03-29"), ZoneId.of("Europe/Berlin"));
    assertThat(spring.from()).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
    assertThat(Duration.between(spring.from(), spring.to())).isEqualTo(Duration.ofHours(23));
    SessionRules.Window fall = SessionRules.listing(LocalDate.parse("2026-11-01"), ZoneId.of("America/New_York"));
    assertThat(Duration.between(fall.from(), fall.to())).isEqualTo(Duration.ofHours(25));
    SessionRules.Window kolkata = SessionRules.listing(LocalDate.parse("2026-11-23"), ZoneId.of("Asia/Kolkata"));
    assertThat(kolkata.from()).isEqualTo(Instant.parse("2026-11-22T18:30:00Z"));
    SessionRules.Window all = SessionRules.listing(null, ZoneId.of("UTC"));
    assertThat(all.from()).isBefore(Instant.parse("2000-01-01T00:00:00Z"));
  }
}
