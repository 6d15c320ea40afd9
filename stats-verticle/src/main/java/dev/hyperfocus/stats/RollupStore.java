package dev.hyperfocus.stats;

import static dev.hyperfocus.sqlite.SqliteDatabase.params;

import dev.hyperfocus.api.Change;
import dev.hyperfocus.api.Events;
import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.Interruption;
import dev.hyperfocus.api.Outbox;
import dev.hyperfocus.api.Session;
import dev.hyperfocus.sqlite.DatabaseConfig;
import dev.hyperfocus.sqlite.SqliteDatabase;
import dev.hyperfocus.sqlite.Tx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The statistics' own store, {@code stats.db}: the rollups, the intervals a change is re-clipped
 * against, and how far each domain's outbox has been applied. Every domain event is applied in
 * one write (through the file's single writer, batched with the others by group commit) that
 * updates the intervals, the touched days' rollups and the domain's position together: after a
 * crash the consumer resumes at the position, and nothing is lost or applied twice.
 *
 * <p>Loads go through the same writer, so a load and the changes are ordered: a change submitted
 * before a user's load is in the rows it reads, a change submitted after it completes after it.
 *
 * <p>The file is opened with the node's {@code synchronous} mode, like the domains' files: the
 * domains delete outbox events once the position past them has been reported, so a position
 * must never be lost after it was reported (with {@code NORMAL}, a power cut could take back
 * committed transactions whose events are gone from the outbox).
 */
final class RollupStore {
  /**
   * What applying one event did: {@code change} null when the user was deleted; {@code kind} null
   * for no change; {@code session} the session row of a session event, else null.
   */
  record Applied(long userId, Change kind, RollupChange change, Session session) {}

  /** A user as loaded: the rollups, and the active session's row (or null) for live frames. */
  record Loaded(UserRollups rollups, Session active) {}

  private static final Logger LOG = Logger.getLogger(RollupStore.class.getName());

  private final SqliteDatabase db;

  private RollupStore(SqliteDatabase db) {
    this.db = db;
  }

  static Future<RollupStore> open(Vertx vertx, DatabaseConfig config) {
    return SqliteDatabase.open(vertx, config, "stats", RollupStore.class.getClassLoader()).map(RollupStore::new);
  }

  Future<Void> close() {
    return db.close();
  }

  /** The last applied sequence of each domain that has one. */
  Future<Map<String, Long>> positions() {
    return db.query("positions", params()).map(rows -> {
      Map<String, Long> positions = new HashMap<>();
      rows.forEach(row -> positions.put(row.getString("domain"), row.getLong("seq")));
      return positions;
    });
  }

  /** Records a position without an event (a replay's starting point). */
  Future<Void> position(String domain, long seq) {
    return db.write(tx -> tx.change("position_set", params("domain", domain, "seq", seq))).mapEmpty();
  }

  /**
   * Applies consecutive domain events (from the bus or the outbox, each with its {@link
   * Fields#OUTBOX_SEQ}) in one write and advances that domain's position to the last.
   */
  Future<List<Applied>> apply(String domain, List<JsonObject> events) {
    return db.write(tx -> {
      List<Applied> applied = new ArrayList<>(events.size());
      for (JsonObject event : events) {
        try {
          applied.add(apply(tx, event));
        } catch (RuntimeException malformed) {
          // an event this version cannot read must not hold back the ones after it
          LOG.severe(() -> domain + " event " + event.encode() + " skipped: " + malformed);
        }
      }
      tx.change("position_set", params("domain", domain, "seq", Outbox.seq(events.get(events.size() - 1))));
      return applied;
    });
  }

  /** The user's rollups and active sessions, with indexed reads: O(days with data + the active sessions). */
  Future<Loaded> load(long userId) {
    return db.write(tx -> load(tx, userId));
  }

  static Applied apply(Tx tx, JsonObject event) throws Exception {
    if (event.getString(Fields.KIND) == null) {
      return new Applied(event.getLong(Fields.USER_ID, 0L), null, null, null);
    }
    Change kind = Events.kind(event);
    long userId = event.getLong(Fields.USER_ID);
    SqlSpans spans = new SqlSpans(tx);
    JsonObject sessionJson = event.getJsonObject(Fields.SESSION);
    Session session = sessionJson == null ? null : Session.fromJson(sessionJson);
    RollupChange change = switch (kind) {
      case SESSION_STARTED, SESSION_ENDED -> {
        RollupChange put = RollupRules.putSession(spans, userId,
            SessionSpan.of(session.id(), session.startTime(), session.endTime(), ZoneId.of(session.timezone())));
        tx.change("session_created_at", params("id", session.id(), "created_at", session.createdAt().toEpochMilli()));
        yield put;
      }
      case INTERRUPTION_LOGGED -> RollupRules.putInterruption(spans, userId,
          span(Interruption.fromJson(event.getJsonObject(Fields.INTERRUPTION))));
      case INTERRUPTION_DELETED -> RollupRules.removeInterruption(spans, userId,
          event.getJsonObject(Fields.INTERRUPTION).getLong(Fields.ID));
      case USER_DELETED -> {
        purge(tx, userId);
        yield null;
      }
      default -> RollupChange.none(userId);
    };
    if (change != null) {
      persist(tx, userId, change.cells());
    }
    return new Applied(userId, kind, change, session);
  }

  static InterruptionSpan span(Interruption interruption) {
    return new InterruptionSpan(interruption.id(), interruption.sessionId(), interruption.startTime().toEpochMilli(),
        interruption.endTime().toEpochMilli(), interruption.type(), interruption.duration());
  }

  /** Adds a change's cells to the stored days: each touched day is read, added to and written (or deleted when empty). */
  static void persist(Tx tx, long userId, CellStore cells) throws SQLException {
    long[] dense = new long[DayCells.SIZE];
    SQLException[] failed = new SQLException[1];
    cells.forEach((zone, date, delta) -> {
      if (failed[0] != null) {
        return;
      }
      try {
        Map<String, Object> key = params("user_id", userId, "timezone", zone.getId(), "local_date", date.toEpochDay());
        List<JsonObject> rows = tx.rows("day_get", key);
        DayBlocks.unpack(rows.isEmpty() ? null : rows.get(0).getBinary("cells"), dense);
        for (int i = 0; i < DayCells.SIZE; i++) {
          dense[i] += delta[i];
        }
        byte[] packed = DayBlocks.pack(dense);
        if (packed == null) {
          tx.change("day_delete", key);
        } else {
          key.put("cells", packed);
          tx.change("day_put", key);
        }
      } catch (SQLException e) {
        failed[0] = e;
      }
    });
    if (failed[0] != null) {
      throw failed[0];
    }
  }

  static Loaded load(Tx tx, long userId) throws SQLException {
    UserRollups user = new UserRollups();
    Session active = null;
    Map<String, ZoneId> zones = new HashMap<>(2);
    tx.each("days_of_user", params("user_id", userId), row -> user.load(
        zones.computeIfAbsent(row.getString(1), ZoneId::of), LocalDate.ofEpochDay(row.getLong(2)), row.getBytes(3)));
    user.firstStart(tx.rows("first_start", params("user_id", userId)).get(0).getLong("first_start"));
    for (JsonObject row : tx.rows("active_sessions", params("user_id", userId))) {
      SessionSpan session = SqlSpans.session(row);
      user.apply(new RollupChange(userId, new CellStore(), false, null, session,
          SqlSpans.interruptions(tx, session.id()), null, null, null));
      Long createdAt = row.getLong("created_at");
      if (active == null || session.startMillis() > active.startTime().toEpochMilli()) {
        active = new Session(session.id(), userId, session.start(), null, session.zone().getId(),
            Instant.ofEpochMilli(createdAt == null ? session.startMillis() : createdAt));
      }
    }
    return new Loaded(user, active);
  }

  static void purge(Tx tx, long userId) throws SQLException {
    Map<String, Object> user = params("user_id", userId);
    tx.change("purge_days", user);
    tx.change("purge_sessions", user);
    tx.change("purge_interruptions", user);
  }
}
