package dev.hyperfocus.api;

import java.util.Optional;

/**
 * What a domain event reports. The wire names double as the {@code reason} of live frames.
 */
public enum Change {
  USER_CREATED("user_created"),
  USER_UPDATED("user_updated"),
  USER_DELETED("user_deleted"),
  TOKEN_REVOKED("token_revoked"),
  SESSION_STARTED("session_started"),
  SESSION_ENDED("session_ended"),
  INTERRUPTION_LOGGED("interruption_logged"),
  INTERRUPTION_DELETED("interruption_deleted");

  private final String wireName;

  Change(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<Change> fromWire(String name) {
    for (Change change : values()) {
      if (change.wireName.equals(name)) {
        return Optional.of(change);
      }
    }
    return Optional.empty();
  }
}
