package dev.hyperfocus.api;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** JSON field names shared by HTTP bodies and event-bus messages, declared once. */
public final class Fields {
  public static final String ID = "id";
  public static final String USER_ID = "user_id";
  public static final String USER_IDS = "user_ids";
  public static final String SESSION_ID = "session_id";
  public static final String INTERRUPTION_ID = "interruption_id";
  public static final String NAME = "name";
  public static final String EMAIL = "email";
  public static final String TIMEZONE = "timezone";
  public static final String CREATED_AT = "created_at";
  public static final String API_TOKEN = "api_token";
  public static final String TOKEN_HASH = "token_hash";
  public static final String START_TIME = "start_time";
  public static final String END_TIME = "end_time";
  public static final String TYPE = "type";
  public static final String DESCRIPTION = "description";
  public static final String DURATION = "duration";
  public static final String DAY = "day";
  public static final String LIMIT = "limit";
  public static final String OFFSET = "offset";
  public static final String TOTAL = "total";
  public static final String ITEMS = "items";
  public static final String RANGE = "range";
  /** Export query: {@code json} (the default) or {@code csv}. */
  public static final String FORMAT = "format";
  /** Export query with {@code format=csv}: {@code sessions} or {@code interruptions}. */
  public static final String WHAT = "what";
  /** The export's list of sessions (JSON key) and CSV choice. */
  public static final String SESSIONS = "sessions";
  /** The export's list of interruptions (JSON key) and CSV choice. */
  public static final String INTERRUPTIONS = "interruptions";
  /** History pages: rows with an id above this one. */
  public static final String AFTER_ID = "after_id";
  /** The largest page of {@code *.history} replies; a shorter page is the last. */
  public static final int HISTORY_PAGE = 5000;
  /** The authenticated user on whose behalf a request is made; absent in open mode. */
  public static final String ACTOR_ID = "actor_id";
  /** Whether the users verticle must issue a token on sign-up (token mode). */
  public static final String ISSUE_TOKEN = "issue_token";
  public static final String KIND = "kind";
  /** The outbox sequence of a domain event (see {@link Outbox}). */
  public static final String OUTBOX_SEQ = "outbox_seq";
  public static final String USER = "user";
  public static final String SESSION = "session";
  public static final String INTERRUPTION = "interruption";
  public static final String DETAIL = "detail";
  public static final String LOC = "loc";
  public static final String MSG = "msg";
  public static final String MESSAGE = "message";
  public static final String STATUS = "status";
  /** Idempotency: whose key it is ({@code user:<id>} or {@code address:<ip>}). */
  public static final String SCOPE = "scope";
  public static final String KEY = "key";
  public static final String HELD = "held";
  /** Idempotency: SHA-256 of method, path and the body as a canonical JSON value. */
  public static final String FINGERPRINT = "fingerprint";
  public static final String BODY = "body";
  /** Idempotency: the key a domain write request carries ({@link IdempotentKey}), absent without one. */
  public static final String IDEMPOTENCY = "idempotency";
  /** The list of a health report's checks. */
  public static final String CHECKS = "checks";
  /** Health data of the stats verticle: users whose aggregates are in memory. */
  public static final String LOADED_USERS = "loaded_users";

  private Fields() {}

  /** The instant in the wire form (UTC, {@code Z}, milliseconds only when non-zero), or null. */
  public static String instant(Instant value) {
    return value == null ? null : Times.format(value);
  }

  /** Reads an instant written by {@link #instant(Instant)}; null stays null. */
  public static Instant instant(JsonObject json, String key) {
    String text = json.getString(key);
    if (text == null) {
      return null;
    }
    Instant fast = Times.canonicalUtc(text);
    return fast != null ? fast : Instant.parse(text);
  }

  /** The idempotency scope of an authenticated user's keys. */
  public static String userScope(long userId) {
    return "user:" + userId;
  }

  /** The idempotency scope of the keys of a client address (open mode). */
  public static String addressScope(String address) {
    return "address:" + address;
  }

  /** The actor of a request, or null in open mode. */
  public static Long actor(JsonObject request) {
    return request.getLong(ACTOR_ID);
  }
}
