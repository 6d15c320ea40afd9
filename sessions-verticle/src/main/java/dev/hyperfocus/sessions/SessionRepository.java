package dev.hyperfocus.sessions;

import static dev.hyperfocus.sqlite.SqliteDatabase.millis;
import static dev.hyperfocus.sqlite.SqliteDatabase.params;

import dev.hyperfocus.api.Session;
import dev.hyperfocus.sqlite.SqliteDatabase;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL of the sessions domain; statements live in {@code db/sessions/queries.sql}. */
final class SessionRepository {
  private final SqliteDatabase db;

  SessionRepository(SqliteDatabase db) {
    this.db = db;
  }

  <T> Future<T> inTransaction(java.util.function.Function<SqlConnection, Future<T>> work) {
    return db.inTransaction(work);
  }

  Future<Boolean> hasActive(SqlConnection conn, long userId) {
    return db.query(conn, "active_of_user", params("user_id", userId)).map(rows -> rows.size() > 0);
  }

  Future<Optional<Instant>> latestEnd(SqlConnection conn, long userId) {
    return db.query(conn, "latest_end_of_user", params("user_id", userId))
        .map(rows -> Optional.ofNullable(SqliteDatabase.instant(rows.iterator().next(), "latest_end")));
  }

  Future<Session> insert(SqlConnection conn, long userId, Instant start, String timezone, Instant now) {
    return db.query(conn, "insert", params(
            "user_id", userId, "start_time", millis(start), "timezone", timezone, "created_at", millis(now)))
        .map(rows -> toSession(rows.iterator().next()));
  }

  Future<Optional<Session>> get(long id) {
    return db.query("get", params("id", id)).map(SessionRepository::first);
  }

  /** Ends the session if it is still active; empty when it was ended meanwhile. */
  Future<Optional<Session>> end(long id, Instant end) {
    return db.write("end", params("id", id, "end_time", millis(end))).map(SessionRepository::first);
  }

  /** Sessions of a user overlapping {@code [from, to)} (an active one reaches now), one page, by start. */
  Future<List<Session>> page(long userId, Instant from, Instant to, Instant now, int limit, long offset) {
    return db.query("page_of_user", params("user_id", userId, "from", millis(from), "to", millis(to),
            "now", millis(now), "limit", limit, "offset", offset))
        .map(SessionRepository::all);
  }

  Future<Long> count(long userId, Instant from, Instant to, Instant now) {
    return db.query("count_of_user", params("user_id", userId, "from", millis(from), "to", millis(to),
            "now", millis(now)))
        .map(rows -> rows.iterator().next().getLong("total"));
  }

  /** One page of a user's sessions by id, after {@code afterId}. */
  Future<List<Session>> history(long userId, long afterId, int limit) {
    return db.query("history_of_user", params("user_id", userId, "after_id", afterId, "limit", limit))
        .map(SessionRepository::all);
  }

  Future<Void> purgeUser(long userId) {
    return db.write("purge_user", params("user_id", userId)).mapEmpty();
  }

  private static Optional<Session> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(toSession(rows.iterator().next()));
  }

  private static List<Session> all(RowSet<Row> rows) {
    List<Session> sessions = new ArrayList<>(rows.size());
    rows.forEach(row -> sessions.add(toSession(row)));
    return sessions;
  }

  private static Session toSession(Row row) {
    return new Session(row.getLong("id"), row.getLong("user_id"),
        SqliteDatabase.instant(row, "start_time"), SqliteDatabase.instant(row, "end_time"),
        row.getString("timezone"), SqliteDatabase.instant(row, "created_at"));
  }
}
