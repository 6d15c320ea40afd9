package dev.hyperfocus.sqlite;

import static dev.hyperfocus.sqlite.SqliteDatabase.params;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDatabaseTest {
  @TempDir Path dir;
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private SqliteDatabase open() throws Exception {
    return SqliteDatabase.open(vertx, new DatabaseConfig(dir, SyncMode.FULL), "probe", getClass().getClassLoader())
        .await(10, TimeUnit.SECONDS);
  }

  private static long count(SqliteDatabase db) throws Exception {
    return db.query("count", params()).await(10, TimeUnit.SECONDS).iterator().next().getLong("n");
  }

  @Test
  @DisplayName("Writes after a transaction are committed too and survive closing the file")
  void writesAfterATransactionAreCommitted() throws Exception {
    SqliteDatabase db = open();
    db.inTransaction(conn -> db.query(conn, "insert", params("text", "in a transaction"))).await(10, TimeUnit.SECONDS);
    db.query("insert", params("text", "after it")).await(10, TimeUnit.SECONDS);
    db.close().await(10, TimeUnit.SECONDS);

    SqliteDatabase reopened = open();
    assertThat(count(reopened)).isEqualTo(2);
    reopened.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("A failed transaction is rolled back and the connection stays usable")
  void failedTransactionRollsBack() throws Exception {
    SqliteDatabase db = open();
    Throwable failure = db.inTransaction(conn -> db.query(conn, "insert", params("text", "a"))
            .compose(first -> db.query(conn, "insert", params("text", "a"))))
        .transform(outcome -> Future.succeededFuture(outcome.cause()))
        .await(10, TimeUnit.SECONDS);
    assertThat(SqliteDatabase.isUniqueViolation(failure)).isTrue();
    assertThat(count(db)).isZero();
    db.query("insert", params("text", "b")).await(10, TimeUnit.SECONDS);
    db.close().await(10, TimeUnit.SECONDS);
    SqliteDatabase reopened = open();
    assertThat(count(reopened)).isEqualTo(1);
    reopened.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("Migrations are applied in order once, in WAL mode with synchronous FULL")
  void migrationsAndPragmas() throws Exception {
    SqliteDatabase db = open();
    db.close().await(10, TimeUnit.SECONDS);
    SqliteDatabase again = open();
    assertThat(again.query("versions", params()).await(10, TimeUnit.SECONDS).iterator().next().getLong("n"))
        .isEqualTo(2);
    assertThat(again.query("journal_mode", params()).await(10, TimeUnit.SECONDS).iterator().next().getString(0))
        .isEqualToIgnoringCase("wal");
    assertThat(again.query("synchronous", params()).await(10, TimeUnit.SECONDS).iterator().next().getInteger(0))
        .as("FULL is 2").isEqualTo(2);
    assertThat(Files.exists(dir.resolve("probe.db"))).isTrue();
    again.close().await(10, TimeUnit.SECONDS);
  }
}
