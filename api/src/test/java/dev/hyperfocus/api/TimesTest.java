package dev.hyperfocus.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
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
