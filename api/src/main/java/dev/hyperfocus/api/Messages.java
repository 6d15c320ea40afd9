package dev.hyperfocus.api;

/** Client-facing {@code detail} texts; those of the original API are kept word for word. */
public final class Messages {
  public static final String USER_NOT_FOUND = "User not found";
  /** A deletion some domain could not finish yet: a 503; repeating the DELETE finishes it. */
  public static final String DELETION_INCOMPLETE =
      "User deletion not finished; repeat the request to finish it";
  public static final String EMAIL_ALREADY_REGISTERED = "Email already registered";
  public static final String SESSION_NOT_FOUND = "Session not found";
  public static final String ACTIVE_SESSION_EXISTS = "User already has an active session";
  public static final String SESSION_ALREADY_ENDED = "Session is already ended";
  public static final String INTERRUPTION_NOT_FOUND = "Interruption not found";
  public static final String INTERRUPTION_USER_MISMATCH =
      "Interruption user_id does not match session user_id";
  public static final String INTERRUPTION_MUST_OVERLAP = "Interruption must overlap its session";
  public static final String NOT_AUTHENTICATED = "Not authenticated";
  public static final String NOT_ENOUGH_PERMISSIONS = "Not enough permissions";
  public static final String TOO_MANY_REQUESTS = "Too Many Requests";
  public static final String HOST_NOT_ALLOWED = "Host not allowed";
  public static final String IDEMPOTENCY_KEY_REUSED = "Idempotency-Key reused with a different request";
  public static final String IDEMPOTENCY_KEY_INVALID = "Idempotency-Key must be 1 to 255 visible ASCII characters";
  public static final String TIME_IN_FUTURE = "Time must not lie more than 5 seconds in the future";
  public static final String END_TOO_FAR_AHEAD = "end_time must not lie more than 24 hours in the future";
  public static final String END_BEFORE_START = "end_time must not be before start_time";
  public static final String START_BEFORE_PREVIOUS_END =
      "start_time must not be before the end of the user's previous session";

  /** Any calendar-feed request whose key does not open that user's feed: nothing tells which part was wrong. */
  public static final String CALENDAR_NOT_FOUND = "Calendar not found";

  private Messages() {}

  /** The 409 of an interruption that overlaps another one of its session. */
  public static String interruptionOverlaps(long otherId) {
    return "Interruption overlaps interruption " + otherId;
  }
}
