package dev.hyperfocus.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimesTest {

  @Test
  @DisplayName("An offset is converted to UTC, never dropped")
  void offsetIsConverted() {
    assertThat(Times.parse("2026-11-23T10:00:00+02:00")).contains(Instant.parse("2026-11-23T08:00:00Z"));
    assertThat(Times.parse("2026-11-23T10:00:00-05:30")).contains(Instant.parse("2026-11-23T15:30:00Z"));
  }

  @Test
  @DisplayName("A timestamp without offset is taken as UTC")
  void noOffsetIsUtc() {
    assertThat(Times.parse("2026-11-23T10:00:00")).contains(Instant.parse("2026-11-23T10:00:00Z"));
    assertThat(Times.parse("2026-11-23T10:00")).contains(Instant.parse("2026-11-23T10:00:00Z"));
  }

  @Test
  @DisplayName("Instants are truncated to milliseconds when parsed")
  void truncatedToMillis() {
    assertThat(Times.parse("2026-11-23T10:00:00.123456789Z")).contains(Instant.parse("2026-11-23T10:00:00.123Z"));
  }

  @Test
  @DisplayName("Responses are UTC with Z and milliseconds only when non-zero")
  void formatting() {
    assertThat(Times.format(Instant.parse("2026-11-23T08:00:00Z"))).isEqualTo("2026-11-23T08:00:00Z");
    assertThat(Times.format(Instant.parse("2026-11-23T08:00:00.250Z"))).isEqualTo("2026-11-23T08:00:00.250Z");
    assertThat(Times.format(Instant.parse("2026-11-23T08:00:00.000999Z"))).isEqualTo("2026-11-23T08:00:00Z");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "yesterday", "2026-13-01T00:00:00Z", "2026-02-30T10:00:00Z", "2026-11-23",
      "2026-11-23T25:00:00Z", "2026-11-23T10:00:00+25:00", "1e9",
      "-300000000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "0000-12-31T23:59:59Z"})
  @DisplayName("Invalid or impossible timestamps are refused")
  void invalidTimestamps(String text) {
    assertThat(Times.parse(text)).isEmpty();
  }

  @Test
  @Tag("slow")
  @DisplayName("The digit-by-digit paths read and write every canonical UTC text exactly as java.time does")
  void fastPathAgreesWithTheGeneralParsers() {
    Random random = new Random(20261125);
    long earliest = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    long latest = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 20_000; i++) {
      long second = earliest + (long) (random.nextDouble() * (latest - earliest));
      int nanos = switch (i % 4) {
        case 0 -> 0;
        case 1 -> random.nextInt(1000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1000;
        default -> random.nextInt(1_000_000_000);
      };
      String text = Instant.ofEpochSecond(second, nanos).toString();
      assertThat(Times.canonicalUtc(text)).as(text).isEqualTo(Instant.parse(text));
      assertThat(Times.parse(text)).as(text).isEqualTo(Times.parseGeneral(text));
      Instant instant = Instant.ofEpochSecond(second, nanos);
      assertThat(Times.format(instant)).as(text).isEqualTo(instant.truncatedTo(ChronoUnit.MILLIS).toString());
      String mutated = mutate(text, random);
      assertThat(Times.parse(mutated)).as(mutated).isEqualTo(Times.parseGeneral(mutated));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-02-29T10:00:00Z", "2024-02-29T10:00:00Z", "2026-04-31T10:00:00Z",
      "2026-11-23T24:00:00Z", "2026-11-23T23:60:00Z", "2026-11-23T23:59:60Z", "2026-11-23T10:00:00.Z",
      "2026-11-23T10:00:00.1234567890Z", "2026-11-23t10:00:00z", "9999-12-31T23:59:59.9995Z",
      "9999-12-31T23:59:59.999Z", "0001-01-01T00:00:00Z", "0000-12-31T23:59:59Z", "2026-11-23T10:00:00,5Z",
      "2026-11-23T10:00:00+00:00", " 2026-11-23T10:00:00Z", "2026-1a-23T10:00:00Z", "2026-11-23T10:00:00.-5Z"})
  @DisplayName("Edge texts get the same answer on the fast path as from the java.time parsers")
  void edgeTextsAgree(String text) {
    assertThat(Times.parse(text)).isEqualTo(Times.parseGeneral(text));
  }

  private static String mutate(String text, Random random) {
    char[] chars = text.toCharArray();
    chars[random.nextInt(chars.length)] = "0123456789-:.TZ+9x".charAt(random.nextInt(18));
    return new String(chars);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Europe/Madrid", "Asia/Kolkata", "Etc/GMT+1", "UTC", "America/New_York"})
  @DisplayName("IANA region names are accepted as time zones")
  void regionsAccepted(String zone) {
    assertThat(Times.zone(zone)).hasValueSatisfying(id -> assertThat(id.getId()).isEqualTo(zone));
  }

  @ParameterizedTest
  @ValueSource(strings = {"+05:30", "GMT+1", "UTC+01:00", "Z", "Mars/Olympus", "europe/madrid", ""})
  @DisplayName("Raw offsets and unknown names are refused as time zones")
  void offsetsRefused(String zone) {
    assertThat(Times.zone(zone)).isEmpty();
  }
}
