package dev.hyperfocus.sqlite;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.jdbcclient.JDBCConnectOptions;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * One domain's SQLite file: a single writing connection (SQLite allows one writer; one
 * connection also serialises the read-then-write checks of a domain), WAL, the configured
 * {@code synchronous} mode, migrations applied at open, and the domain's named statements.
 */
public final class SqliteDatabase {
  private static final int BUSY_TIMEOUT_MS = 5000;

  private static final Logger LOG = Logger.getLogger(SqliteDatabase.class.getName());

  private final Pool pool;
  private final GroupCommit writes;
  private final Map<String, String> queries;
  private final Path file;

  private SqliteDatabase(Pool pool, Map<String, String> queries, Path file) {
    this.pool = pool;
    this.writes = new GroupCommit(pool);
    this.queries = queries;
    this.file = file;
  }

  /**
   * Opens {@code <data_dir>/<domain>.db}, creating the directory and file when missing, and
   * applies the migrations of {@code db/<domain>/} that it has not applied yet.
   */
  public static Future<SqliteDatabase> open(Vertx vertx, DatabaseConfig config, String domain, ClassLoader loader) {
    String folder = "db/" + domain;
    Path file = config.dataDir().resolve(domain + ".db").toAbsolutePath();
    return vertx.executeBlocking(() -> {
      Files.createDirectories(config.dataDir());
      return new Object[] {SqlResources.migrations(loader, folder), SqlResources.queries(loader, folder)};
    }).compose(loaded -> {
      @SuppressWarnings("unchecked")
      List<SqlResources.Migration> migrations = (List<SqlResources.Migration>) loaded[0];
      @SuppressWarnings("unchecked")
      Map<String, String> queries = (Map<String, String>) loaded[1];
      String url = "jdbc:sqlite:" + file
          + "?journal_mode=WAL&synchronous=" + config.sync().name()
          + "&busy_timeout=" + BUSY_TIMEOUT_MS + "&foreign_keys=on";
      Pool pool = JDBCPool.pool(vertx, new JDBCConnectOptions().setJdbcUrl(url),
          new PoolOptions().setMaxSize(1).setName("sqlite-" + domain));
      SqliteDatabase db = new SqliteDatabase(pool, queries, file);
      return Migrator.apply(pool, migrations)
          .map(db)
          .recover(failure -> pool.close().transform(closed -> Future.failedFuture(
              new IllegalStateException("cannot open " + file + ": " + failure.getMessage(), failure))));
    });
  }

  public Path file() {
    return file;
  }

  /** Runs the named statement on the pool, outside any transaction: for reads only. */
  public Future<RowSet<Row>> query(String name, Map<String, Object> params) {
    return query(pool, name, params);
  }

  /** Runs the named writing statement through group commit (see {@link #write(Function)}). */
  public Future<RowSet<Row>> write(String name, Map<String, Object> params) {
    return write(conn -> query(conn, name, params));
  }

  /** Runs the named statement on a connection (inside a transaction). */
  public Future<RowSet<Row>> query(SqlClient client, String name, Map<String, Object> params) {
    String sql = queries.get(name);
    if (sql == null) {
      return Future.failedFuture(new IllegalArgumentException("no statement named " + name));
    }
    return SqlTemplate.forQuery(client, sql).execute(params);
  }

  /**
   * The one entry point of every write: {@code work} runs on the write connection inside a
   * transaction shared with the other writes queued meanwhile (group commit, one fsync for all),
   * in a savepoint of its own. Its future succeeds only once that transaction is committed; when
   * {@code work} fails, only its own statements are rolled back.
   *
   * <p>Not {@code Pool.withTransaction}: vertx-jdbc-client 5.0.7 leaves the JDBC connection with
   * auto-commit off after a commit or rollback, so every later statement outside a transaction
   * would stay uncommitted (acknowledged, yet lost at close). Plain {@code BEGIN}/{@code COMMIT}
   * statements keep the connection in auto-commit mode between transactions.
   */
  public <T> Future<T> write(Function<SqlConnection, Future<T>> work) {
    return writes.submit(work);
  }

  /** Same as {@link #write(Function)}: a read-then-write check and its write share one transaction. */
  public <T> Future<T> inTransaction(Function<SqlConnection, Future<T>> work) {
    return writes.submit(work);
  }

  static <T> Future<T> transaction(SqlConnection conn, Function<SqlConnection, Future<T>> work) {
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

  /** A cheap round trip through the connection, for health checks. */
  public Future<Void> ping() {
    return pool.query("SELECT 1").execute().mapEmpty();
  }

  public Future<Void> close() {
    if (writes.batches() > 0) {
      LOG.fine(() -> file.getFileName() + ": " + writes.operations() + " writes in " + writes.batches() + " commits");
    }
    return pool.close();
  }

  /** Named parameters from alternating names and values; values may be null. */
  public static Map<String, Object> params(Object... namesAndValues) {
    Map<String, Object> params = new java.util.HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      params.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return params;
  }

  /** Epoch milliseconds of an instant column, or null. */
  public static java.time.Instant instant(Row row, String column) {
    Long millis = row.getLong(column);
    return millis == null ? null : java.time.Instant.ofEpochMilli(millis);
  }

  /** An instant as stored: epoch milliseconds, or null. */
  public static Long millis(java.time.Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  /** Whether a failure is a UNIQUE constraint violation. */
  public static boolean isUniqueViolation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && message.contains("UNIQUE constraint failed")) {
        return true;
      }
    }
    return false;
  }
}
