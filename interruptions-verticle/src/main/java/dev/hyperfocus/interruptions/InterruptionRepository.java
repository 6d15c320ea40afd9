package dev.hyperfocus.interruptions;

import static dev.hyperfocus.sqlite.SqliteDatabase.millis;
import static dev.hyperfocus.sqlite.SqliteDatabase.params;

import dev.hyperfocus.api.Change;
import dev.hyperfocus.api.Events;
import dev.hyperfocus.api.IdempotentKey;
import dev.hyperfocus.api.Imports;
import dev.hyperfocus.api.Interruption;
import dev.hyperfocus.api.InterruptionType;
import dev.hyperfocus.api.Failure;
import dev.hyperfocus.api.Messages;
import dev.hyperfocus.runtime.DeletedUsers;
import dev.hyperfocus.sqlite.IdempotentResponses;
import dev.hyperfocus.sqlite.OutboxTable;
import dev.hyperfocus.sqlite.SqliteDatabase;
import dev.hyperfocus.sqlite.Tx;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL of the interruptions domain; statements live in {@code db/interruptions/queries.sql}. */
final class InterruptionRepository {
  /** A stored interruption with its session's time zone, which events carry along. */
  record Stored(Interruption interruption, String timezone) {}

  /**
   * The outcome of an insert: the stored row and its event's outbox sequence, or the id of an
   * interruption it would overlap.
   */
  record Inserted(Stored stored, long seq, Long overlapping) {}

  /** A row a write stored or deleted, with its event's outbox sequence. */
  record Written(Stored stored, long seq) {}

  private final SqliteDatabase db;
  private final DeletedUsers deleted;
  private final IdempotentResponses kept;
  private final OutboxTable outbox;

  InterruptionRepository(SqliteDatabase db, DeletedUsers deleted, IdempotentResponses kept, Clock clock) {
    this.db = db;
    this.deleted = deleted;
    this.kept = kept;
    this.outbox = new OutboxTable(db, clock, row -> event(Change.INTERRUPTION_LOGGED, toStored(row)));
  }

  OutboxTable outbox() {
    return outbox;
  }

  /** The event of a change to a stored interruption, as published and kept in the outbox. */
  static JsonObject event(Change change, Stored stored) {
    return Events.interruption(change, stored.interruption(), stored.timezone());
  }

  /**
   * Inserts unless the interval overlaps another interruption of the session: check and insert are
   * one statement on the domain's single write connection, so no concurrent insert slips between.
   * Nothing is written for a user whose deletion has begun (checked in the writer's order, so an
   * insert never lands after the user's purge: see {@link DeletedUsers}). With a key, the new row's
   * response is kept in the same transaction; a key kept meanwhile (a repeat that ran first) fails
   * with its kept answer and inserts nothing.
   */
  Future<Inserted> insertUnlessOverlapping(Interruption row, String timezone, IdempotentKey key) {
    return db.write(tx -> {
      deleted.refuse(row.userId(), Messages.SESSION_NOT_FOUND);
      kept.check(tx, key);
      Inserted inserted = insertUnlessOverlapping(tx, row, timezone);
      if (inserted.stored() != null) {
        kept.keep(tx, key, inserted.stored().interruption().toJson());
      }
      return inserted;
    });
  }

  /**
   * The insert of {@link #insertUnlessOverlapping(Interruption, String, IdempotentKey)} inside a
   * caller's transaction, with its outbox event.
   */
  Inserted insertUnlessOverlapping(Tx tx, Interruption row, String timezone) throws SQLException {
    List<JsonObject> inserted = tx.rows("insert_unless_overlapping", params(
        "session_id", row.sessionId(), "user_id", row.userId(), "type", row.type().wireName(),
        "description", row.description(), "start_time", millis(row.startTime()),
        "end_time", millis(row.endTime()), "duration", row.duration(),
        "session_timezone", timezone, "created_at", millis(row.createdAt())));
    if (!inserted.isEmpty()) {
      Stored stored = new Stored(asStored(row, inserted.get(0).getLong("id")), timezone);
      long seq = outbox.add(tx, row.userId(), stored.interruption().id(), event(Change.INTERRUPTION_LOGGED, stored));
      return new Inserted(stored, seq, null);
    }
    List<JsonObject> found = tx.rows("first_overlapping", params(
        "session_id", row.sessionId(), "start_time", millis(row.startTime()), "end_time", millis(row.endTime())));
    return new Inserted(null, 0, found.get(0).getLong("id"));
  }

  /**
   * The rows of an import, all in one transaction through the same insert as a single log: the
   * first that overlaps fails the whole transaction with a 409 naming its row. The rows are decoded
   * here, on the writer's worker thread, since an import may hold hundreds of thousands.
   */
  Future<List<Written>> insertAll(Imports.Interruptions request, Instant now) {
    long userId = request.userId();
    return db.write(tx -> {
      deleted.refuse(userId, Messages.SESSION_NOT_FOUND);
      List<Imports.InterruptionRow> rows = request.rows();
      List<Written> stored = new ArrayList<>(rows.size());
      for (Imports.InterruptionRow row : rows) {
        Interruption interruption = new Interruption(0, row.sessionId(), userId, row.type(), row.description(),
            row.startTime(), row.endTime(), Interruption.durationSeconds(row.startTime(), row.endTime()), now);
        Inserted inserted = insertUnlessOverlapping(tx, interruption, row.timezone());
        if (inserted.overlapping() != null) {
          throw Failure.CONFLICT.with(row.label() + ": " + Messages.interruptionOverlaps(inserted.overlapping()));
        }
        stored.add(new Written(inserted.stored(), inserted.seq()));
      }
      return stored;
    });
  }

  /**
   * Compensation of an import: deletes these interruptions of the user in one transaction, through
   * the same statement as a delete; the rows as they were, for their {@code interruption_deleted} events.
   */
  Future<List<Written>> deleteAll(long userId, List<Long> ids) {
    return db.write(tx -> {
      List<Written> deleted = new ArrayList<>(ids.size());
      for (long id : ids) {
        List<JsonObject> found = tx.rows("get", params("id", id));
        if (!found.isEmpty() && found.get(0).getLong("user_id") == userId) {
          tx.change("delete", params("id", id));
          Stored stored = toStored(found.get(0));
          deleted.add(new Written(stored, outbox.add(tx, userId, id, event(Change.INTERRUPTION_DELETED, stored))));
        }
      }
      return deleted;
    });
  }

  /** A user's interruptions overlapping {@code [from, to)}, by start. */
  Future<List<Stored>> ofUserBetween(long userId, Instant from, Instant to) {
    return db.query("of_user_between", params("user_id", userId, "from", millis(from), "to", millis(to)))
        .map(InterruptionRepository::all);
  }

  /** The row as the database now holds it: the given one, with its id, at millisecond precision. */
  private static Interruption asStored(Interruption row, long id) {
    return new Interruption(id, row.sessionId(), row.userId(), row.type(), row.description(),
        toMillis(row.startTime()), toMillis(row.endTime()), row.duration(), toMillis(row.createdAt()));
  }

  private static Instant toMillis(Instant instant) {
    return Instant.ofEpochMilli(millis(instant));
  }

  Future<Optional<Stored>> get(long id) {
    return db.query("get", params("id", id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toStored(rows.iterator().next().toJson())));
  }

  Future<List<Stored>> ofSession(long sessionId) {
    return db.query("of_session", params("session_id", sessionId)).map(InterruptionRepository::all);
  }

  /** One page of a user's interruptions by id, after {@code afterId}. */
  Future<List<Stored>> ofUser(long userId, long afterId, int limit) {
    return db.query("of_user", params("user_id", userId, "after_id", afterId, "limit", limit))
        .map(InterruptionRepository::all);
  }

  /** Deletes the row; its deletion event's outbox sequence, or empty when it was gone already. */
  Future<Optional<Long>> delete(Stored stored) {
    long id = stored.interruption().id();
    return db.write(tx -> tx.rows("delete_returning", params("id", id)).isEmpty() ? Optional.<Long>empty()
        : Optional.of(outbox.add(tx, stored.interruption().userId(), id, event(Change.INTERRUPTION_DELETED, stored))));
  }

  /** Deletes the user's interruptions; the outbox sequence of the deletion's event. */
  Future<Long> purgeUser(long userId) {
    return db.write(tx -> {
      tx.change("purge_user", params("user_id", userId));
      return outbox.add(tx, userId, userId, Events.userOnly(Change.USER_DELETED, userId));
    });
  }

  private static List<Stored> all(RowSet<Row> rows) {
    List<Stored> list = new ArrayList<>(rows.size());
    rows.forEach(row -> list.add(toStored(row.toJson())));
    return list;
  }

  private static Stored toStored(JsonObject row) {
    Interruption interruption = new Interruption(
        row.getLong("id"),
        row.getLong("session_id"),
        row.getLong("user_id"),
        InterruptionType.fromWire(row.getString("type")).orElse(InterruptionType.UNKNOWN),
        row.getString("description"),
        SqliteDatabase.instant(row, "start_time"),
        SqliteDatabase.instant(row, "end_time"),
        row.getLong("duration"),
        SqliteDatabase.instant(row, "created_at"));
    return new Stored(interruption, row.getString("session_timezone"));
  }
}
