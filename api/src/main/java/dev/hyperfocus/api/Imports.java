package dev.hyperfocus.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The records of an import ({@code POST /users/{id}/import}) and of the calendar feed's reads, as
 * they travel between the web edge and the sessions and interruptions domains. The edge parses and
 * checks the file; each domain checks what only its own store knows and writes in one transaction.
 */
public final class Imports {
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
  public record SessionRow(String label, Instant startTime, Instant endTime, String timezone) {}

  /** A session row with the id reserved for it by {@code sessions.import-check}. */
  public record SessionWithId(long id, SessionRow row) {}

  /**
   * The sessions of an import, ordered by start, already checked against each other by the edge.
   * The rows travel as one encoded buffer (a JSON header line, then one JSON array per row) and are
   * read only by {@link #rows()}, which the receiver calls on a worker thread: an import may hold
   * hundreds of thousands of rows, and building or copying them as one JSON tree blocked the
   * event loops for seconds.
   *
   * @param dryRun check against the user's stored sessions, write nothing
   */
  public record Sessions(long userId, Long actorId, boolean dryRun, Buffer encodedRows) {
    public static final Codec<Sessions> CODEC = encoded(
        request -> new JsonObject().put(Fields.USER_ID, request.userId()).put(Fields.ACTOR_ID, request.actorId())
            .put(DRY_RUN, request.dryRun()),
        Sessions::encodedRows,
        (header, rows) -> new Sessions(header.getLong(Fields.USER_ID), header.getLong(Fields.ACTOR_ID),
            header.getBoolean(DRY_RUN, false), rows));

    /** Encodes the rows (call it off the event loop for a large import). */
    public static Sessions of(long userId, Long actorId, boolean dryRun, List<SessionRow> rows) {
      return new Sessions(userId, actorId, dryRun, lines(rows, row -> encode(row, null)));
    }

    /** Encodes the rows with their reserved ids, {@code ids.get(i)} for row {@code i}. */
    public static Sessions withIds(long userId, Long actorId, List<SessionRow> rows, List<Long> ids) {
      List<SessionWithId> withIds = new ArrayList<>(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        withIds.add(new SessionWithId(ids.get(i), rows.get(i)));
      }
      return new Sessions(userId, actorId, false, lines(withIds, row -> encode(row.row(), row.id())));
    }

    private static JsonArray encode(SessionRow row, Long id) {
      return new JsonArray().add(row.label()).add(row.startTime().toEpochMilli()).add(row.endTime().toEpochMilli())
          .add(row.timezone()).add(id);
    }

    /** The rows, decoded (call it off the event loop). */
    public List<SessionRow> rows() {
      return parse(encodedRows, Sessions::row);
    }

    /** The rows with their reserved ids, decoded (call it off the event loop). */
    public List<SessionWithId> rowsWithIds() {
      return parse(encodedRows, row -> new SessionWithId(row.getLong(4), row(row)));
    }

    private static SessionRow row(JsonArray row) {
      return new SessionRow(row.getString(0), Instant.ofEpochMilli(row.getLong(1)), Instant.ofEpochMilli(row.getLong(2)),
          row.getString(3));
    }
  }

  /** One interruption of an import, in a session the import has written. */
  public record InterruptionRow(String label, long sessionId, InterruptionType type, String description,
      Instant startTime, Instant endTime, String timezone) {}

  /** The interruptions of an import, each checked by the edge against its session and its neighbours; encoded as {@link Sessions}. */
  public record Interruptions(long userId, Buffer encodedRows) {
    public static final Codec<Interruptions> CODEC = encoded(
        request -> new JsonObject().put(Fields.USER_ID, request.userId()),
        Interruptions::encodedRows,
        (header, rows) -> new Interruptions(header.getLong(Fields.USER_ID), rows));

    /** Encodes the rows (call it off the event loop for a large import). */
    public static Interruptions of(long userId, List<InterruptionRow> rows) {
      return new Interruptions(userId, lines(rows, row -> new JsonArray().add(row.label()).add(row.sessionId())
          .add(row.type().wireName()).add(row.description()).add(row.startTime().toEpochMilli())
          .add(row.endTime().toEpochMilli()).add(row.timezone())));
    }

    /** The rows, decoded (call it off the event loop). */
    public List<InterruptionRow> rows() {
      return parse(encodedRows, row -> new InterruptionRow(row.getString(0), row.getLong(1),
          InterruptionType.fromWire(row.getString(2)).orElseThrow(), row.getString(3),
          Instant.ofEpochMilli(row.getLong(4)), Instant.ofEpochMilli(row.getLong(5)), row.getString(6)));
    }
  }

  /** Rows of one user by id: the ids reserved for an import's sessions, or the interruptions it wrote. */
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

  /** A codec whose body is a buffer: the header as one JSON line, then the encoded rows as they are. */
  private static <T> Codec<T> encoded(Function<T, JsonObject> header, Function<T, Buffer> rows,
      BiFunction<JsonObject, Buffer, T> read) {
    return new Codec<>() {
      @Override
      public Object encode(T value) {
        return header.apply(value).toBuffer().appendByte(NEWLINE).appendBuffer(rows.apply(value));
      }

      @Override
      public T decode(Object body) {
        Buffer buffer = (Buffer) body;
        int end = indexOf(buffer, 0);
        return read.apply(new JsonObject(buffer.slice(0, end)), buffer.slice(Math.min(end + 1, buffer.length()), buffer.length()));
      }
    };
  }

  private static final byte NEWLINE = '\n';

  /** One JSON array per row and line (JSON escapes every line break inside a string). */
  private static <T> Buffer lines(List<T> rows, Function<T, JsonArray> toJson) {
    Buffer buffer = Buffer.buffer(rows.size() * 64);
    rows.forEach(row -> buffer.appendBuffer(toJson.apply(row).toBuffer()).appendByte(NEWLINE));
    return buffer;
  }

  private static <T> List<T> parse(Buffer lines, Function<JsonArray, T> fromJson) {
    List<T> rows = new ArrayList<>();
    for (int at = 0; at < lines.length(); ) {
      int end = indexOf(lines, at);
      if (end > at) {
        rows.add(fromJson.apply(new JsonArray(lines.slice(at, end))));
      }
      at = end + 1;
    }
    return rows;
  }

  private static int indexOf(Buffer buffer, int from) {
    for (int i = from; i < buffer.length(); i++) {
      if (buffer.getByte(i) == NEWLINE) {
        return i;
      }
    }
    return buffer.length();
  }
}
