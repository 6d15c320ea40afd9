package dev.hyperfocus.sqlite;

import java.util.Locale;
import java.util.Optional;

/**
 * SQLite's {@code synchronous} setting as HyperFocus offers it: {@code FULL} makes a committed
 * row survive power loss, {@code NORMAL} survives a process crash and is faster in WAL mode.
 */
public enum SyncMode {
  FULL,
  NORMAL;

  public static Optional<SyncMode> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
