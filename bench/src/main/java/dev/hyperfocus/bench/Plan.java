package dev.hyperfocus.bench;

import java.time.Duration;
import java.util.Set;

/** How long and how big a bench run is ({@code --quick} or the full run), and which groups run. */
record Plan(boolean quick, Duration warmup, Duration window, int rounds, int runs, int bigUserRows, Set<String> groups) {
  static Plan of(boolean quick, int runs, String only) {
    Set<String> groups = Set.of(only.split(","));
    return quick
        ? new Plan(true, Duration.ofSeconds(2), Duration.ofSeconds(4), 3, runs, 100_000, groups)
        : new Plan(false, Duration.ofSeconds(4), Duration.ofSeconds(8), 5, runs, 1_000_000, groups);
  }

  /** How long a fresh node (and the trivial ceiling server) is kept under load before its steady state is measured. */
  Duration steadyAfter() {
    return quick ? Duration.ofSeconds(10) : Duration.ofSeconds(30);
  }

  boolean runs(String group) {
    return groups.contains(group);
  }
}
