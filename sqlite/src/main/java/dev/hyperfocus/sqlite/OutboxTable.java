package dev.hyperfocus.sqlite;

import static dev.hyperfocus.sqlite.SqliteDatabase.params;

import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.Outbox;
import dev.hyperfocus.api.Page;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Clock;
import java.util.function.Function;

/**
 * A domain's {@code outbox} table (see {@link Outbox}), with the statements {@code outbox_add},
 * {@code outbox_after}, {@code outbox_prune}, {@code outbox_last} and {@code outbox_replay} of the
 * domain's {@code queries.sql}. Only one consumer reads the outboxes today (the statistics), so
 * what it has applied is deleted; a second consumer must first make that the lowest position.
 */
public final class OutboxTable {
  private final SqliteDatabase db;
  private final Clock clock;
  private final Function<JsonObject, JsonObject> replayed;

  /**
   * @param replayed the event for a replayed row, from the row's current columns joined to the
   *     outbox row ({@code id} null when the row has been deleted since: no event)
   */
  public OutboxTable(SqliteDatabase db, Clock clock, Function<JsonObject, JsonObject> replayed) {
    this.db = db;
    this.clock = clock;
    this.replayed = replayed;
  }

  /** In a write's transaction: records the change's event; its sequence, which the published event carries. */
  public long add(Tx tx, long userId, long rowId, JsonObject event) throws SQLException {
    return tx.rows("outbox_add", params("user_id", userId, "row_id", rowId, "payload", event.encode(),
        "created_at", clock.millis())).get(0).getLong("seq");
  }

  /** The events after {@code afterSeq}, in order, each with its sequence. */
  public Future<Page> after(Outbox.After request) {
    return db.query("outbox_after", params("after_seq", request.afterSeq(), "limit", request.limit())).map(rows -> {
      JsonArray events = new JsonArray();
      rows.forEach(row -> {
        String payload = row.getString("payload");
        JsonObject event = payload != null ? new JsonObject(payload)
            : row.getLong("id") == null ? new JsonObject() : replayed.apply(row.toJson());
        events.add(event.put(Fields.OUTBOX_SEQ, row.getLong("seq")));
      });
      return new Page(events, events.size());
    });
  }

  /** Deletes what the consumer has applied. */
  public Future<Void> applied(Outbox.Applied request) {
    return db.change("outbox_prune", params("seq", request.seq())).mapEmpty();
  }

  /**
   * Appends every current row (its id only, read back as it is when consumed), in one
   * transaction: a consumer starting from nothing (a new statistics store, or a data directory
   * from before the outboxes) reads after the answer and sees the whole state.
   */
  public Future<Outbox.Applied> replay() {
    return db.write(tx -> {
      long before = tx.rows("outbox_last", params()).get(0).getLong("seq");
      tx.change("outbox_replay", params("created_at", clock.millis()));
      return new Outbox.Applied(before);
    });
  }
}
