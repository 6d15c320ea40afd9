package dev.hyperfocus.sessions;

import static dev.hyperfocus.sqlite.SqliteDatabase.millis;
import static dev.hyperfocus.sqlite.SqliteDatabase.params;

import dev.hyperfocus.api.Change;
import dev.hyperfocus.api.Events;
import dev.hyperfocus.api.Session;
import dev.hyperfocus.runtime.SessionCache;
import dev.hyperfocus.sqlite.OutboxTable;
import dev.hyperfocus.sqlite.SqliteDatabase;
import dev.hyperfocus.sqlite.Tx;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SQL of the sessions domain; statements live in {@code db/sessions/queries.sql}. Every write
 * also records its event in the outbox, in the same transaction.
 */
final class SessionRepository {
  /** A session as a write left it, with the outbox sequence of the write's event. */
  record Written(Session session, long seq) {}

  private final SqliteDatabase db;
  private final OutboxTable outbox;
  private final SessionCache cache = new SessionCache();

  SessionRepository(SqliteDatabase db, Clock clock) {
    this.db = db;
    this.outbox = new OutboxTable(db, clock, SessionRepository::replayed);
  }

  OutboxTable outbox() {
    return outbox;
  }

  /** Runs a read-then-write check and its write in one transaction (see {@link SqliteDatabase#write}). */
  <T> Future<T> write(SqliteDatabase.Work<T> work) {
    return db.write(work);
  }

  boolean hasActive(Tx tx, long userId) throws SQLException {
    return !tx.rows("active_of_user", params("user_id", userId)).isEmpty();
  }

  Optional<Instant> latestEnd(Tx tx, long userId) throws SQLException {
    return Optional.ofNullable(SqliteDatabase.instant(tx.rows("latest_end_of_user", params("user_id", userId)).get(0),
        "latest_end"));
  }

  Written insert(Tx tx, long userId, Instant start, String timezone, Instant now) throws SQLException {
    Session session = insertRow(tx, null, userId, start, null, timezone, now);
    return new Written(session, outbox.add(tx, userId, session.id(), Events.session(Change.SESSION_STARTED, session)));
  }

  /** An ended session, as the import writes it: the same insert as a start's, under its reserved id and with its end. */
  Written insertEnded(Tx tx, long id, long userId, Instant start, Instant end, String timezone, Instant now)
      throws SQLException {
    Session session = insertRow(tx, id, userId, start, end, timezone, now);
    return new Written(session, outbox.add(tx, userId, session.id(), Events.session(Change.SESSION_ENDED, session)));
  }

  /** The one statement that inserts a session: a start ({@code id} and {@code end} null) or an imported one. */
  private static Session insertRow(Tx tx, Long id, long userId, Instant start, Instant end, String timezone,
      Instant now) throws SQLException {
    return toSession(tx.rows("insert", params("id", id, "user_id", userId, "start_time", millis(start),
        "end_time", millis(end), "timezone", timezone, "created_at", millis(now))).get(0));
  }

  /** Sets {@code count} ids aside for an import's sessions; the first of them. */
  long reserveIds(Tx tx, int count) throws SQLException {
    tx.change("reserve_ids_start", params());
    tx.change("reserve_ids", params("count", count));
    return tx.rows("reserved_up_to", params()).get(0).getLong("seq") - count + 1;
  }

  /** The user's sessions overlapping {@code [from, to)} (an active one reaches now), by start then end. */
  List<Session> overlappingSpan(Tx tx, long userId, Instant from, Instant to, Instant now) throws SQLException {
    return all(tx.rows("overlapping_span_of_user", params(
        "user_id", userId, "from", millis(from), "to", millis(to), "now", millis(now))));
  }

  Future<Optional<Session>> get(long id) {
    Session cached = cache.get(id);
    if (cached != null) {
      return Future.succeededFuture(Optional.of(cached));
    }
    return db.query("get", params("id", id)).map(rows -> {
      Optional<Session> found = first(SqliteDatabase.json(rows));
      found.ifPresent(cache::read);
      return found;
    });
  }

  /**
   * Ends the session if it is still active; empty when it was ended meanwhile. {@code inTx} runs
   * first in the same transaction (an Idempotency-Key check), {@code andThen} after an end.
   */
  Future<Optional<Written>> end(long id, Instant end, SqliteDatabase.Work<Void> inTx, TxStep<Session> andThen) {
    return db.write(tx -> {
      inTx.run(tx);
      Optional<Session> ended = first(tx.rows("end", params("id", id, "end_time", millis(end))));
      if (ended.isEmpty()) {
        return Optional.<Written>empty();
      }
      Session session = ended.get();
      andThen.run(tx, session);
      return Optional.of(new Written(session,
          outbox.add(tx, session.userId(), session.id(), Events.session(Change.SESSION_ENDED, session))));
    }).map(ended -> {
      ended.ifPresent(written -> cache.written(written.session()));
      return ended;
    });
  }

  /** A step of a write's transaction that takes its result. */
  @FunctionalInterface
  interface TxStep<T> {
    void run(Tx tx, T result) throws Exception;
  }

  /** Sessions of a user overlapping {@code [from, to)} (an active one reaches now), one page, by start. */
  Future<List<Session>> page(long userId, Instant from, Instant to, Instant now, int limit, long offset) {
    return db.query("page_of_user", params("user_id", userId, "from", millis(from), "to", millis(to),
            "now", millis(now), "limit", limit, "offset", offset))
        .map(rows -> all(SqliteDatabase.json(rows)));
  }

  Future<Long> count(long userId, Instant from, Instant to, Instant now) {
    return db.query("count_of_user", params("user_id", userId, "from", millis(from), "to", millis(to),
            "now", millis(now)))
        .map(rows -> rows.iterator().next().getLong("total"));
  }

  /** One page of a user's sessions by id, after {@code afterId}. */
  Future<List<Session>> history(long userId, long afterId, int limit) {
    return db.query("history_of_user", params("user_id", userId, "after_id", afterId, "limit", limit))
        .map(rows -> all(SqliteDatabase.json(rows)));
  }

  Future<Long> countActive() {
    return db.query("count_active", params()).map(rows -> rows.iterator().next().getLong("total"));
  }

  /** Deletes the user's sessions; the outbox sequence of the deletion's event. */
  Future<Long> purgeUser(long userId) {
    cache.purge(userId);
    return db.write(tx -> {
      tx.change("purge_user", params("user_id", userId));
      return outbox.add(tx, userId, userId, Events.userOnly(Change.USER_DELETED, userId));
    });
  }

  /** The event of a replayed outbox row: the session as it is now. */
  private static JsonObject replayed(JsonObject row) {
    Session session = toSession(row.put("user_id", row.getLong("user_id")));
    return Events.session(session.active() ? Change.SESSION_STARTED : Change.SESSION_ENDED, session);
  }

  private static Optional<Session> first(List<JsonObject> rows) {
    return rows.isEmpty() ? Optional.empty() : Optional.of(toSession(rows.get(0)));
  }

  private static List<Session> all(List<JsonObject> rows) {
    List<Session> sessions = new ArrayList<>(rows.size());
    rows.forEach(row -> sessions.add(toSession(row)));
    return sessions;
  }

  private static Session toSession(JsonObject row) {
    return new Session(row.getLong("id"), row.getLong("user_id"),
        SqliteDatabase.instant(row, "start_time"), SqliteDatabase.instant(row, "end_time"),
        row.getString("timezone"), SqliteDatabase.instant(row, "created_at"));
  }
}
