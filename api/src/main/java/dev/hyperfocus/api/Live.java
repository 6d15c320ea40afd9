package dev.hyperfocus.api;

/** Field names and values of the live WebSocket frames ({@code GET /users/{id}/live}). */
public final class Live {
  public static final String TYPE = "type";
  public static final String SNAPSHOT = "snapshot";
  public static final String UPDATE = "update";
  public static final String EPOCH = "epoch";
  public static final String SEQ = "seq";
  public static final String AS_OF = "as_of";
  public static final String REASON = "reason";
  public static final String ACTIVE_SESSION = "active_session";
  public static final String CURRENT_FOCUS_SECONDS = "current_focus_seconds";
  public static final String TODAY = "today";
  /** The reason of a snapshot. */
  public static final String CONNECTED = "connected";
  /** The reason of a periodic update asked for with {@code ?tick=N}. */
  public static final String TICK = "tick";

  private Live() {}
}
