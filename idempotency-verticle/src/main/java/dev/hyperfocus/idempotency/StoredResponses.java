package dev.hyperfocus.idempotency;

import static dev.hyperfocus.sqlite.SqliteDatabase.params;

import dev.hyperfocus.sqlite.SqliteDatabase;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.Optional;

/** SQL of the kept responses; statements live in {@code db/idempotency/queries.sql}. */
final class StoredResponses {
  private final SqliteDatabase db;

  StoredResponses(SqliteDatabase db) {
    this.db = db;
  }

  /** The response kept for this key since {@code since}, if any. */
  Future<Optional<Kept>> find(String scope, String key, Instant since) {
    return db.query("find", params("scope", scope, "key", key, "since", since.toEpochMilli()))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row row = rows.iterator().next();
          return Optional.of(new Kept(row.getString("fingerprint"), row.getInteger("status"), row.getString("body")));
        });
  }

  Future<Void> keep(String scope, String key, Kept kept, Instant now) {
    return db.query("keep", params("scope", scope, "key", key, "fingerprint", kept.fingerprint(),
            "status", kept.status(), "body", kept.body(), "created_at", now.toEpochMilli()))
        .mapEmpty();
  }

  Future<Integer> purgeBefore(Instant before) {
    return db.query("purge_before", params("before", before.toEpochMilli())).map(rows -> rows.rowCount());
  }

  Future<Void> purgeScope(String scope) {
    return db.query("purge_scope", params("scope", scope)).mapEmpty();
  }
}
