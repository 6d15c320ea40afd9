package dev.hyperfocus.sqlite;

import static dev.hyperfocus.sqlite.SqliteDatabase.params;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
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
    return opening().await(10, TimeUnit.SECONDS);
  }

  private Future<SqliteDatabase> opening() {
    return SqliteDatabase.open(vertx, new DatabaseConfig(dir, SyncMode.FULL), "probe", getClass().getClassLoader());
  }

  private static long count(SqliteDatabase db) throws Exception {
    return db.query("count", params()).await(10, TimeUnit.SECONDS).iterator().next().getLong("n");
  }

  @Test
  @DisplayName("Writes after a transaction are committed too and survive closing the file")
  void writesAfterATransactionAreCommitted() throws Exception {
    SqliteDatabase db = open();
    db.write(tx -> tx.rows("insert", params("text", "in a transaction"))).await(10, TimeUnit.SECONDS);
    db.write("insert", params("text", "after it")).await(10, TimeUnit.SECONDS);
    db.close().await(10, TimeUnit.SECONDS);

    SqliteDatabase reopened = open();
    assertThat(count(reopened)).isEqualTo(2);
    reopened.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("A failed transaction is rolled back and the connection stays usable")
  void failedTransactionRollsBack() throws Exception {
    SqliteDatabase db = open();
    Throwable failure = db.write(tx -> {
          tx.rows("insert", params("text", "a"));
          return tx.rows("insert", params("text", "a"));
        })
        .transform(outcome -> Future.succeededFuture(outcome.cause()))
        .await(10, TimeUnit.SECONDS);
    assertThat(SqliteDatabase.isUniqueViolation(failure)).isTrue();
    assertThat(count(db)).isZero();
    db.write("insert", params("text", "b")).await(10, TimeUnit.SECONDS);
    db.close().await(10, TimeUnit.SECONDS);
    SqliteDatabase reopened = open();
    assertThat(count(reopened)).isEqualTo(1);
    reopened.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("A statement that failed with a run-time error (which frees it in the driver) works again next time")
  void failedStatementIsPreparedAgain() throws Exception {
    SqliteDatabase db = open();
    Throwable failure = db.write("insert_checked", params("text", "overflow"))
        .transform(outcome -> Future.succeededFuture(outcome.cause()))
        .await(10, TimeUnit.SECONDS);
    assertThat(failure).hasMessageContaining("integer overflow");

    db.write("insert_checked", params("text", "fine")).await(10, TimeUnit.SECONDS);
    db.write(tx -> tx.rows("insert_checked", params("text", "also fine"))).await(10, TimeUnit.SECONDS);
    assertThat(count(db)).isEqualTo(2);
    db.close().await(10, TimeUnit.SECONDS);
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

  @Test
  @DisplayName("Concurrent writes share commits, and one failing write fails alone")
  void concurrentWritesShareCommitsAndFailAlone() throws Exception {
    Context context = vertx.getOrCreateContext();
    SqliteDatabase db = onContext(context, this::opening);
    ConcurrentLinkedQueue<String> visibleAtSuccess = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> elsewhere = new ConcurrentLinkedQueue<>();
    List<Future<String>> writes = onContext(context, () -> {
      List<Future<String>> all = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String text = i == 20 ? "note 3" : "note " + i;
        all.add(db.write("insert", params("text", text)).map(rows -> text)
            .onSuccess(done -> visibleAtSuccess.add(text + (committedElsewhere(text) ? "" : " NOT COMMITTED")))
            .onComplete(done -> {
              if (Vertx.currentContext() != context) {
                elsewhere.add(text);
              }
            }));
      }
      return Future.succeededFuture(all);
    });
    Future.join(writes).transform(done -> Future.succeededFuture()).await(20, TimeUnit.SECONDS);

    assertThat(writes.stream().filter(Future::failed).toList()).hasSize(1);
    assertThat(SqliteDatabase.isUniqueViolation(writes.get(20).cause())).isTrue();
    assertThat(visibleAtSuccess).hasSize(39).allMatch(text -> !text.endsWith("NOT COMMITTED"));
    assertThat(count(db)).isEqualTo(39);
    assertThat(elsewhere).as("writes completed off the database's context").isEmpty();
    onContext(context, db::close);
  }

  @Test
  @DisplayName("A write after close fails with 503 instead of waiting forever")
  void writeAfterCloseFails() throws Exception {
    Context context = vertx.getOrCreateContext();
    SqliteDatabase db = onContext(context, this::opening);
    Future<Integer> queued = onContext(context, () -> {
      Future<Integer> before = db.write("insert", params("text", "before close")).map(List::size);
      db.close();
      return Future.succeededFuture(before);
    });
    assertThat(queued.await(10, TimeUnit.SECONDS)).as("a write queued before close is still done").isEqualTo(1);
    Future<Integer> late = onContext(context,
        () -> Future.succeededFuture(db.write("insert", params("text", "late")).map(List::size)));
    assertThat(late.transform(done -> Future.succeededFuture(done)).await(10, TimeUnit.SECONDS).failed()).isTrue();
    assertThat(late.cause()).isInstanceOf(ReplyException.class);
    assertThat(((ReplyException) late.cause()).failureCode()).isEqualTo(503);
  }

  private boolean committedElsewhere(String text) {
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("probe.db"));
         Statement statement = other.createStatement();
         ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM notes WHERE text = '" + text + "'")) {
      return rows.next() && rows.getLong(1) == 1;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T onContext(Context context, java.util.concurrent.Callable<Future<T>> action) throws Exception {
    io.vertx.core.Promise<T> promise = io.vertx.core.Promise.promise();
    context.runOnContext(go -> {
      try {
        action.call().onComplete(promise);
      } catch (Exception e) {
        promise.fail(e);
      }
    });
    return promise.future().await(20, TimeUnit.SECONDS);
  }
}
