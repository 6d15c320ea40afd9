package dev.hyperfocus.sqlite;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.function.Function;

/** Applies versioned migrations, each in its own transaction, recording them in {@code schema_version}. */
final class Migrator {
  private Migrator() {}

  static Future<Void> apply(Pool pool, List<SqlResources.Migration> migrations) {
    return pool.query("CREATE TABLE IF NOT EXISTS schema_version ("
            + "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)")
        .execute()
        .compose(created -> pool.query("SELECT COALESCE(MAX(version), 0) AS v FROM schema_version").execute())
        .compose(rows -> {
          Row row = rows.iterator().next();
          long current = row.getLong("v");
          Future<Void> chain = Future.succeededFuture();
          for (SqlResources.Migration migration : migrations) {
            if (migration.version() > current) {
              chain = chain.compose(done -> pool.withConnection(conn -> transaction(conn, tx -> run(tx, migration))));
            }
          }
          return chain;
        });
  }

  private static Future<Void> run(SqlConnection conn, SqlResources.Migration migration) {
    Future<Void> chain = Future.succeededFuture();
    for (String statement : migration.sql().split(";\\s*(\\n|$)")) {
      if (!statement.isBlank()) {
        chain = chain.compose(done -> conn.query(statement).execute().mapEmpty());
      }
    }
    return chain.compose(done -> conn
        .preparedQuery("INSERT INTO schema_version(version, name, applied_at) VALUES (?, ?, ?)")
        .execute(Tuple.of(migration.version(), migration.name(), System.currentTimeMillis()))
        .mapEmpty());
  }

  /** BEGIN IMMEDIATE ... COMMIT (or ROLLBACK) around {@code work}: never Pool.withTransaction (see SqliteDatabase). */
  private static <T> Future<T> transaction(SqlConnection conn, Function<SqlConnection, Future<T>> work) {
    return conn.query("BEGIN IMMEDIATE").execute().compose(begun -> {
      Future<T> done;
      try {
        done = work.apply(conn);
      } catch (RuntimeException e) {
        done = Future.failedFuture(e);
      }
      return done.transform(outcome -> outcome.succeeded()
          ? conn.query("COMMIT").execute().map(outcome.result())
          : conn.query("ROLLBACK").execute().transform(rolledBack -> Future.failedFuture(outcome.cause())));
    });
  }
}
