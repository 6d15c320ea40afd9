package dev.hyperfocus.api;

import java.util.Optional;

/** The kinds of interruption a user can log, with their wire names (unchanged from the original API). */
public enum InterruptionType {
  FAMILY("family"),
  PHONE("phone"),
  NOISE("noise"),
  SELF("self"),
  URGENT_TASK("urgent_task"),
  UNKNOWN("unknown");

  private final String wireName;

  InterruptionType(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in JSON bodies and query results. */
  public String wireName() {
    return wireName;
  }

  /** The type with this wire name, or empty when the name is not one of the six. */
  public static Optional<InterruptionType> fromWire(String name) {
    for (InterruptionType type : values()) {
      if (type.wireName.equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
