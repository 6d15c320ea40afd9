package dev.hyperfocus.api;

import io.vertx.core.json.JsonObject;

/**
 * Domain events, published on {@code <domain>.events} after each commit. Each carries its
 * {@link Change} under {@code kind} and the full row after the change; an interruption event also
 * carries its session's time zone.
 */
public final class Events {
  private Events() {}

  public static JsonObject user(Change kind, User user) {
    return new JsonObject().put(Fields.KIND, kind.wireName()).put(Fields.USER_ID, user.id())
        .put(Fields.USER, user.toJson());
  }

  /** A deletion or token revocation, which carries only the user id. */
  public static JsonObject userOnly(Change kind, long userId) {
    return new JsonObject().put(Fields.KIND, kind.wireName()).put(Fields.USER_ID, userId);
  }

  public static JsonObject session(Change kind, Session session) {
    return new JsonObject().put(Fields.KIND, kind.wireName()).put(Fields.USER_ID, session.userId())
        .put(Fields.SESSION, session.toJson());
  }

  public static JsonObject interruption(Change kind, Interruption interruption, String timezone) {
    return new JsonObject().put(Fields.KIND, kind.wireName())
        .put(Fields.USER_ID, interruption.userId())
        .put(Fields.INTERRUPTION, interruption.toJson())
        .put(Fields.TIMEZONE, timezone);
  }

  /** The change an event reports. */
  public static Change kind(JsonObject event) {
    return Change.fromWire(event.getString(Fields.KIND)).orElseThrow(
        () -> new IllegalArgumentException("unknown event kind " + event.getString(Fields.KIND)));
  }
}
