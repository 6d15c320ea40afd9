package dev.hyperfocus.stats;

import dev.hyperfocus.api.InterruptionType;
import dev.hyperfocus.sqlite.SqliteDatabase;
import dev.hyperfocus.sqlite.Tx;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link Spans} in {@code stats.db}, read and written inside the transaction that applies a change. */
final class SqlSpans implements Spans {
  private final Tx tx;

  SqlSpans(Tx tx) {
    this.tx = tx;
  }

  @Override
  public SessionSpan session(long id) throws SQLException {
    List<JsonObject> rows = tx.rows("session_get", SqliteDatabase.params("id", id));
    return rows.isEmpty() ? null : session(rows.get(0));
  }

  @Override
  public InterruptionSpan interruption(long id) throws SQLException {
    List<JsonObject> rows = tx.rows("interruption_get", SqliteDatabase.params("id", id));
    return rows.isEmpty() ? null : interruption(rows.get(0));
  }

  @Override
  public List<InterruptionSpan> interruptionsOf(long sessionId) throws SQLException {
    return interruptions(tx, sessionId);
  }

  @Override
  public Long firstStart(long userId) throws SQLException {
    return tx.rows("first_start", SqliteDatabase.params("user_id", userId)).get(0).getLong("first_start");
  }

  @Override
  public void putSession(long userId, SessionSpan session) throws SQLException {
    tx.change("session_put", params(userId, session));
  }

  static Map<String, Object> params(long userId, SessionSpan session) {
    return SqliteDatabase.params("id", session.id(), "user_id", userId, "start_time", session.startMillis(),
        "end_time", session.active() ? null : session.endMillis(), "timezone", session.zone().getId());
  }

  static Map<String, Object> params(long userId, InterruptionSpan interruption) {
    return SqliteDatabase.params("id", interruption.id(), "session_id", interruption.sessionId(),
        "user_id", userId, "type", interruption.type().wireName(), "start_time", interruption.startMillis(),
        "end_time", interruption.endMillis(), "duration", interruption.durationSeconds());
  }

  @Override
  public void removeSession(long id) throws SQLException {
    tx.change("session_delete", SqliteDatabase.params("id", id));
  }

  @Override
  public void putInterruption(long userId, InterruptionSpan interruption) throws SQLException {
    tx.change("interruption_put", params(userId, interruption));
  }

  @Override
  public void removeInterruption(long id) throws SQLException {
    tx.change("interruption_delete", SqliteDatabase.params("id", id));
  }

  static List<InterruptionSpan> interruptions(Tx tx, long sessionId) throws SQLException {
    List<InterruptionSpan> list = new ArrayList<>();
    for (JsonObject row : tx.rows("interruptions_of_session", SqliteDatabase.params("session_id", sessionId))) {
      list.add(interruption(row));
    }
    return list;
  }

  static SessionSpan session(JsonObject row) {
    Long end = row.getLong("end_time");
    return new SessionSpan(row.getLong("id"), row.getLong("start_time"), end == null ? SessionSpan.OPEN : end,
        ZoneId.of(row.getString("timezone")));
  }

  private static InterruptionSpan interruption(JsonObject row) {
    return new InterruptionSpan(row.getLong("id"), row.getLong("session_id"), row.getLong("start_time"),
        row.getLong("end_time"), InterruptionType.fromWire(row.getString("type")).orElse(InterruptionType.UNKNOWN),
        row.getLong("duration"));
  }
}
