package dev.hyperfocus.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TodayTest {
  private static final long MINUTE = 60;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Europe/Berlin", "America/Havana", "Pacific/Apia", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"})
  void agreesWithTheZoneRulesAcrossTransitions(String id) {
    ZoneId zone = ZoneId.of(id);
    // 2011-12-28 to 2012-01-03 (Apia skipped 2011-12-30), then March to April 2026 (spring forward in
    // Europe, autumn back in Australia), in 7-minute steps forwards, then at random instants
    long[][] spans = {
        {Instant.parse("2011-12-28T00:00:00Z").getEpochSecond(), Instant.parse("2012-01-03T00:00:00Z").getEpochSecond()},
        {Instant.parse("2026-03-07T00:00:00Z").getEpochSecond(), Instant.parse("2026-04-10T00:00:00Z").getEpochSecond()},
    };
    for (long[] span : spans) {
      for (long second = span[0]; second < span[1]; second += 7 * MINUTE) {
        assertToday(zone, Instant.ofEpochSecond(second));
      }
    }
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      long[] span = spans[random.nextInt(spans.length)];
      assertToday(zone, Instant.ofEpochSecond(span[0] + (long) (random.nextDouble() * (span[1] - span[0]))));
    }
  }

  private static void assertToday(ZoneId zone, Instant now) {
    assertThat(Today.in(zone, now)).as("%s at %s", zone, now).isEqualTo(LocalDate.ofInstant(now, zone));
  }
}
