package dev.hyperfocus.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;

/** Compares reports field by field, floats within 1e-9 (relative above 1, absolute below). */
final class ReportAssertions {
  static final double TOLERANCE = 1e-9;

  private static final Comparator<Double> CLOSE = (a, b) -> {
    double scale = Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
    return Math.abs(a - b) <= TOLERANCE * scale ? 0 : Double.compare(a, b);
  };

  private ReportAssertions() {}

  static void assertSameReport(StatsReport actual, StatsReport expected, String context) {
    assertThat(actual)
        .as(context)
        .usingRecursiveComparison()
        .withComparatorForType(CLOSE, Double.class)
        .isEqualTo(expected);
  }
}
