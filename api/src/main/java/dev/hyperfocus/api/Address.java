package dev.hyperfocus.api;

/**
 * Every event-bus address of HyperFocus, declared once. Request/reply addresses are
 * {@code <domain>.<action>}; {@code <domain>.events} carries the full row after each commit.
 */
public final class Address {
  public static final String USERS_CREATE = "users.create";
  public static final String USERS_GET = "users.get";
  public static final String USERS_UPDATE = "users.update";
  public static final String USERS_DELETE = "users.delete";
  public static final String USERS_ROTATE_TOKEN = "users.rotate-token";
  /** Resolves a token hash to its user; replies 401 when unknown. */
  public static final String USERS_AUTHENTICATE = "users.authenticate";
  public static final String USERS_EVENTS = "users.events";
  public static final String USERS_HEALTH = "users.health";
  /** Issues a new calendar-feed key for a user; the previous one stops working. */
  public static final String USERS_CALENDAR_KEY = "users.calendar-key";
  /** The user whose calendar-feed key has this hash; 404 for any other key. */
  public static final String USERS_CALENDAR_USER = "users.calendar-user";

  public static final String SESSIONS_START = "sessions.start";
  public static final String SESSIONS_END = "sessions.end";
  public static final String SESSIONS_GET = "sessions.get";
  /** One page of a user's sessions, optionally on one local day (the REST listing). */
  public static final String SESSIONS_LIST = "sessions.list";
  /** A user's sessions by id, a page at a time ({@code after_id}, {@code limit}), for rebuilding aggregates. */
  public static final String SESSIONS_HISTORY = "sessions.history";
  /** Deletes every session of a deleted user. */
  public static final String SESSIONS_PURGE_USER = "sessions.purge-user";
  public static final String SESSIONS_EVENTS = "sessions.events";
  /** A page of the sessions outbox after a sequence (see {@link Outbox}). */
  public static final String SESSIONS_OUTBOX = "sessions.outbox";
  /** A consumer has applied the sessions outbox up to a sequence; older events may go. */
  public static final String SESSIONS_OUTBOX_APPLIED = "sessions.outbox-applied";
  /** Appends every current session to the outbox (for a consumer starting from nothing). */
  public static final String SESSIONS_OUTBOX_REPLAY = "sessions.outbox-replay";
  public static final String SESSIONS_HEALTH = "sessions.health";
  /** Whether the sessions domain keeps a response for an Idempotency-Key (the edge asks, for other domains' keyed requests). */
  public static final String SESSIONS_KEY_HELD = "sessions.key-held";
  /** A user's sessions overlapping a window (an active one reaches now), by start: the calendar feed. */
  public static final String SESSIONS_BETWEEN = "sessions.between";
  /** Checks the ended sessions of an import against the stored ones and reserves their ids. */
  public static final String SESSIONS_IMPORT_CHECK = "sessions.import-check";
  /** Writes the sessions of an import under their reserved ids in one transaction, then publishes them. */
  public static final String SESSIONS_IMPORT = "sessions.import";

  public static final String INTERRUPTIONS_LOG = "interruptions.log";
  public static final String INTERRUPTIONS_LIST = "interruptions.list";
  public static final String INTERRUPTIONS_DELETE = "interruptions.delete";
  /** A user's interruptions by id, a page at a time, each with its session's time zone. */
  public static final String INTERRUPTIONS_HISTORY = "interruptions.history";
  public static final String INTERRUPTIONS_PURGE_USER = "interruptions.purge-user";
  public static final String INTERRUPTIONS_EVENTS = "interruptions.events";
  public static final String INTERRUPTIONS_OUTBOX = "interruptions.outbox";
  public static final String INTERRUPTIONS_OUTBOX_APPLIED = "interruptions.outbox-applied";
  public static final String INTERRUPTIONS_OUTBOX_REPLAY = "interruptions.outbox-replay";
  public static final String INTERRUPTIONS_HEALTH = "interruptions.health";
  /** Whether the interruptions domain keeps a response for an Idempotency-Key. */
  public static final String INTERRUPTIONS_KEY_HELD = "interruptions.key-held";
  /** A user's interruptions overlapping a window, by start: the calendar feed. */
  public static final String INTERRUPTIONS_BETWEEN = "interruptions.between";
  /** Writes the interruptions of an import in one transaction, then publishes their events. */
  public static final String INTERRUPTIONS_IMPORT = "interruptions.import";
  /** Deletes the interruptions of an import whose sessions could not be written (compensation). */
  public static final String INTERRUPTIONS_IMPORT_UNDO = "interruptions.import-undo";


  /** Prefix of the statistics addresses; the view name follows ({@code stats.summary}). */
  public static final String STATS_PREFIX = "stats.";
  /** The statistics views: each is a path segment of {@code /users/{id}/stats/} and an address suffix. */
  public static final java.util.List<String> STATS_VIEWS = java.util.List.of(
      "summary", "interruption-types", "productive-hours", "peak-distraction-time", "weekly-pattern");

  /**
   * Replies once the stats verticle is running, with how many users it holds in memory (health,
   * and a web node's readiness wait).
   */
  public static final String STATS_HEALTH = "stats.health";

  /**
   * The live state of one user now: a snapshot on connect, or a tick. Asking it also makes the
   * user watched (see {@link #STATS_LIVE_WATCH}).
   */
  public static final String STATS_LIVE = "stats.live";
  /**
   * Sent by every web node every few seconds with {@code {user_ids}}, the users it holds sockets
   * of. The stats verticle publishes {@code live.user.<id>} only for users asked for or listed
   * within the last minute: building and publishing a frame after every change of every user,
   * watched or not, was a measurable part of a write's cost.
   */
  public static final String STATS_LIVE_WATCH = "stats.live.watch";
  /**
   * Published by the stats verticle when it starts, with its {@code epoch}: web nodes answer by
   * pushing a fresh snapshot to their sockets (the data node came back, or the verticle restarted).
   */
  public static final String STATS_STARTED = "stats.started";

  /**
   * Published locally by a database that hit a storage failure (damaged file, full disk, I/O
   * error): {@code {detail}} tells the operator which file and what to do. The launcher stops the node.
   */
  public static final String STORAGE_FAILED = "storage.failed";

  private static final String LIVE_USER_PREFIX = "live.user.";

  private Address() {}

  /** The address a statistics view answers on, e.g. {@code stats.summary}. */
  public static String stats(String view) {
    return STATS_PREFIX + view;
  }

  /** Where the stats verticle publishes one user's live state. */
  public static String liveUser(long userId) {
    return LIVE_USER_PREFIX + userId;
  }
}
