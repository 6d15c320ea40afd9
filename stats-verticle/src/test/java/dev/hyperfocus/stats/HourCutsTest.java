package dev.hyperfocus.stats;

import static dev.hyperfocus.stats.WorkedExamplesTest.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Cutting an interval at local hour boundaries")
class HourCutsTest {
  private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");

  record Piece(LocalDate date, int hour, long millis) {}

  @Test
  @DisplayName("Lord Howe's half-hour spring-forward leaves a 30-minute hour 2")
  void lordHoweSpringForward() {
    List<Piece> pieces = cut(at("2026-10-04T01:30", LORD_HOWE), at("2026-10-04T03:30", LORD_HOWE), LORD_HOWE);

    LocalDate day = LocalDate.parse("2026-10-04");
    assertThat(pieces).containsExactly(
        new Piece(day, 1, 1_800_000), new Piece(day, 2, 1_800_000), new Piece(day, 3, 1_800_000));
  }

  @Test
  @DisplayName("Lord Howe's half-hour fall-back gives hour 1 ninety minutes")
  void lordHoweFallBack() {
    Instant start = at("2026-04-05T01:00", LORD_HOWE);
    List<Piece> pieces = cut(start, start.plusSeconds(5400), LORD_HOWE);

    assertThat(pieces).allMatch(piece -> piece.hour() == 1)
        .extracting(Piece::millis).containsExactly(3_600_000L, 1_800_000L);
  }

  @Test
  @DisplayName("A transition in the middle of a local hour cuts there (St. John's jumped at 00:01 in 2010)")
  void transitionInsideAnHour() {
    ZoneId stJohns = ZoneId.of("America/St_Johns");
    List<Piece> pieces = cut(at("2010-03-14T00:00", stJohns), at("2010-03-14T02:00", stJohns), stJohns);

    LocalDate day = LocalDate.parse("2010-03-14");
    assertThat(pieces).containsExactly(new Piece(day, 0, 60_000), new Piece(day, 1, 59 * 60_000));
  }

  @Test
  @DisplayName("Milliseconds are kept and an empty interval has no piece")
  void millisecondsAndEmpty() {
    Instant start = Instant.parse("2026-01-01T10:59:59.999Z");
    ZoneId utc = ZoneId.of("UTC");

    assertThat(cut(start, start.plusMillis(2), utc)).extracting(Piece::millis).containsExactly(1L, 1L);
    assertThat(cut(start, start, utc)).isEmpty();
  }

  private static List<Piece> cut(Instant start, Instant end, ZoneId zone) {
    List<Piece> pieces = new ArrayList<>();
    HourCuts.cut(start.toEpochMilli(), end.toEpochMilli(), zone,
        (date, hour, millis) -> pieces.add(new Piece(date, hour, millis)));
    return pieces;
  }
}
