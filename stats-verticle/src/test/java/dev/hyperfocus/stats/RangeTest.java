package dev.hyperfocus.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Parsing the range parameter")
class RangeTest {

  @Test
  @DisplayName("An absent range means the last 7 days")
  void absentIsSevenDays() {
    assertThat(Range.parse(null).days()).isEqualTo(7);
  }

  @ParameterizedTest(name = "\"{0}\" is {0}")
  @ValueSource(strings = {"7d", " 7D ", "\t7d\n", "007d", "1d", "3660d", "03660d"})
  @DisplayName("A number of days ending in d is accepted, whatever the case, blanks and leading zeros")
  void daysAreAccepted(String value) {
    int expected = Integer.parseInt(value.strip().replaceAll("[dD]$", ""));
    assertThat(Range.parse(value).days()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"all", "ALL", " All "})
  @DisplayName("all is accepted whatever the case and blanks, and has no number of days")
  void allIsAccepted(String value) {
    Range range = Range.parse(value);
    assertThat(range.isAll()).isTrue();
    assertThat(range.days()).isNull();
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"abc", "7", "7 days", "7w", "", "   ", "alll", "d7"})
  @DisplayName("A value not ending in d is a format error, including the empty and blank values")
  void formatErrors(String value) {
    assertRefused(value, "Invalid range format. Use like '7d', '30d'.");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"-1d", "1.5d", "\u00b2d", "d", " d", "7 d", "+7d", "\u0667d", "1e3d", "0x10d"})
  @DisplayName("A part before d that is not ASCII digits is a value error")
  void valueErrors(String value) {
    assertRefused(value, "Invalid range value. Must be a number of days, e.g. '7d'.");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"0d", "000d", " 0D "})
  @DisplayName("Zero days is refused")
  void zeroIsRefused(String value) {
    assertRefused(value, "Range must be a positive number of days.");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"3661d", "10000d", "2147483648d", "99999999999999999999d"})
  @DisplayName("More than 3660 days is refused")
  void tooLongIsRefused(String value) {
    assertRefused(value, "Range must be at most 3660 days.");
  }

  @Test
  @DisplayName("A 400-digit number of days is refused as too long, without overflow")
  void hugeNumberIsRefused() {
    assertRefused("9".repeat(400) + "d", "Range must be at most 3660 days.");
    assertRefused("0".repeat(396) + "3661d", "Range must be at most 3660 days.");
    assertThat(Range.parse("0".repeat(396) + "3660d").days()).isEqualTo(3660);
  }

  private static void assertRefused(String value, String message) {
    assertThatThrownBy(() -> Range.parse(value))
        .isInstanceOf(Range.InvalidRange.class)
        .hasMessage(message);
  }
}
