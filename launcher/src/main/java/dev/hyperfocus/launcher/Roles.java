package dev.hyperfocus.launcher;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a node deploys: {@code data} (the four domain verticles and their SQLite files; one such
 * node per cluster) and/or {@code web} (HTTP and WebSocket; any number of nodes).
 */
record Roles(boolean data, boolean web) {
  static final String DATA = "data";
  static final String WEB = "web";

  /** Parses {@code data,web}, {@code data} or {@code web} (case and blanks ignored). */
  static Roles parse(String text) {
    Set<String> names = Stream.of(text.toLowerCase(Locale.ROOT).split(","))
        .map(String::strip).collect(Collectors.toSet());
    if (names.isEmpty() || !Set.of(DATA, WEB).containsAll(names)) {
      throw new IllegalArgumentException("roles must be data, web or data,web, not '" + text + "'");
    }
    return new Roles(names.contains(DATA), names.contains(WEB));
  }
}
