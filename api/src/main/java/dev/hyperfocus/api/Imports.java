package dev.hyperfocus.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The records of an import ({@code POST /users/{id}/import}) and of the calendar feed's reads, as
 * they travel between the web edge and the sessions and interruptions domains. The edge parses and
 * checks the file; each domain checks what only its own store knows and writes in one transaction.
 */
public final class Imports {
  static final String LABEL = "label";
  static final String ROWS = "rows";
  static final String IDS = "ids";
  static final String DRY_RUN = "dry_run";
  static final String FROM = "from";
  static final String TO = "to";
  static final String COUNT = "count";

  private Imports() {}

  /**
   * One ended session of an import.
   *
   * @param label how error messages name the row of the file ({@code row 3}, {@code sessions[2] (id 7)})
   */
  public record SessionRow(String label, Instant startTime, Instant endTime, String timezone) {
    public JsonObject toJson() {
      return new JsonObject().put(LABEL, label).put(Fields.START_TIME, Fields.instant(startTime))
          .put(Fields.END_TIME, Fields.instant(endTime)).put(Fields.TIMEZONE, timezone);
    }

    public static SessionRow fromJson(JsonObject json) {
      return new SessionRow(json.getString(LABEL), Fields.instant(json, Fields.START_TIME),
          Fields.instant(json, Fields.END_TIME), json.getString(Fields.TIMEZONE));
    }
  }

  /**
   * The sessions of an import, ordered by start, already checked against each other by the edge.
   *
   * @param dryRun check against the user's stored sessions, write nothing
   */
  public record Sessions(long userId, Long actorId, boolean dryRun, List<SessionRow> rows) {
    public static final Codec<Sessions> CODEC = Codec.json(Sessions::toJson, Sessions::fromJson);

    public JsonObject toJson() {
      return new JsonObject().put(Fields.USER_ID, userId).put(Fields.ACTOR_ID, actorId).put(DRY_RUN, dryRun)
          .put(ROWS, array(rows, SessionRow::toJson));
    }

    public static Sessions fromJson(JsonObject json) {
      return new Sessions(json.getLong(Fields.USER_ID), json.getLong(Fields.ACTOR_ID), json.getBoolean(DRY_RUN, false),
          list(json.getJsonArray(ROWS), SessionRow::fromJson));
    }
  }

  /** One interruption of an import, in a session the import has written. */
  public record InterruptionRow(String label, long sessionId, InterruptionType type, String description,
      Instant startTime, Instant endTime, String timezone) {
    public JsonObject toJson() {
      return new JsonObject().put(LABEL, label).put(Fields.SESSION_ID, sessionId).put(Fields.TYPE, type.wireName())
          .put(Fields.DESCRIPTION, description).put(Fields.START_TIME, Fields.instant(startTime))
          .put(Fields.END_TIME, Fields.instant(endTime)).put(Fields.TIMEZONE, timezone);
    }

    public static InterruptionRow fromJson(JsonObject json) {
      return new InterruptionRow(json.getString(LABEL), json.getLong(Fields.SESSION_ID),
          InterruptionType.fromWire(json.getString(Fields.TYPE)).orElseThrow(), json.getString(Fields.DESCRIPTION),
          Fields.instant(json, Fields.START_TIME), Fields.instant(json, Fields.END_TIME), json.getString(Fields.TIMEZONE));
    }
  }

  /** The interruptions of an import, each checked by the edge against its session and its neighbours. */
  public record Interruptions(long userId, List<InterruptionRow> rows) {
    public static final Codec<Interruptions> CODEC = Codec.json(Interruptions::toJson, Interruptions::fromJson);

    public JsonObject toJson() {
      return new JsonObject().put(Fields.USER_ID, userId).put(ROWS, array(rows, InterruptionRow::toJson));
    }

    public static Interruptions fromJson(JsonObject json) {
      return new Interruptions(json.getLong(Fields.USER_ID), list(json.getJsonArray(ROWS), InterruptionRow::fromJson));
    }
  }

  /** Rows of one user by id: the sessions an import wrote (in the order of its rows). */
  public record Ids(long userId, List<Long> ids) {
    public static final Codec<Ids> CODEC = Codec.json(Ids::toJson, Ids::fromJson);

    public JsonObject toJson() {
      return new JsonObject().put(Fields.USER_ID, userId).put(IDS, new JsonArray(new ArrayList<>(ids)));
    }

    public static Ids fromJson(JsonObject json) {
      JsonArray ids = json.getJsonArray(IDS, new JsonArray());
      List<Long> list = new ArrayList<>(ids.size());
      for (int i = 0; i < ids.size(); i++) {
        list.add(ids.getLong(i));
      }
      return new Ids(json.getLong(Fields.USER_ID), list);
    }
  }

  /** How many rows an import wrote (or, in a dry run, would write). */
  public record Count(int count) {
    public static final Codec<Count> CODEC =
        Codec.json(c -> new JsonObject().put(COUNT, c.count()), json -> new Count(json.getInteger(COUNT, 0)));
  }

  /** A user's rows overlapping {@code [from, to)}; an active session reaches now. */
  public record Window(long userId, Instant from, Instant to) {
    public static final Codec<Window> CODEC = Codec.json(Window::toJson, Window::fromJson);

    public JsonObject toJson() {
      return new JsonObject().put(Fields.USER_ID, userId).put(FROM, Fields.instant(from)).put(TO, Fields.instant(to));
    }

    public static Window fromJson(JsonObject json) {
      return new Window(json.getLong(Fields.USER_ID), Fields.instant(json, FROM), Fields.instant(json, TO));
    }
  }

  private static <T> JsonArray array(List<T> rows, Function<T, JsonObject> toJson) {
    JsonArray array = new JsonArray(new ArrayList<>(rows.size()));
    rows.forEach(row -> array.add(toJson.apply(row)));
    return array;
  }

  private static <T> List<T> list(JsonArray array, Function<JsonObject, T> fromJson) {
    List<T> rows = new ArrayList<>(array == null ? 0 : array.size());
    if (array != null) {
      for (int i = 0; i < array.size(); i++) {
        rows.add(fromJson.apply(array.getJsonObject(i)));
      }
    }
    return rows;
  }
}
