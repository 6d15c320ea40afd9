package dev.hyperfocus.sqlite;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.Failure;
import dev.hyperfocus.api.Fields;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.jdbcclient.JDBCConnectOptions;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * One domain's SQLite file: a single writing connection behind group commit (SQLite allows one
 * writer; one connection also serialises the read-then-write checks of a domain), separate
 * connections for reads, WAL, the configured {@code synchronous} mode, migrations applied at open,
 * and the domain's named statements.
 */
public final class SqliteDatabase {
  private static final int BUSY_TIMEOUT_MS = 5000;
  /**
   * Connections for reads (WAL lets readers run beside the writer and each other): a burst of
   * first requests (1,000 users asked at once after a restart) reads tokens, users and rollups
   * in parallel rather than one by one. Migrations use one of them, one statement at a time.
   */
  private static final int READ_CONNECTIONS = 4;
  /** The files SQLite keeps beside a database; it creates them with the database file's permissions. */
  private static final List<String> JOURNALS = List.of("-wal", "-shm", "-journal");

  private static final Logger LOG = Logger.getLogger(SqliteDatabase.class.getName());

  /** A write operation: runs on the writer's worker thread, inside the batch's transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Tx tx) throws Exception;
  }

  private final Vertx vertx;
  private final Pool pool;
  private final GroupCommit writes;
  private final Map<String, String> queries;
  private final Path file;
  private final AtomicBoolean storageFailed = new AtomicBoolean();

  private SqliteDatabase(Vertx vertx, Pool pool, GroupCommit writes, Map<String, String> queries, Path file) {
    this.vertx = vertx;
    this.pool = pool;
    this.writes = writes;
    this.queries = queries;
    this.file = file;
  }

  /**
   * Opens {@code <data_dir>/<domain>.db}, creating the directory (0700) and file (0600) when
   * missing or narrowing their permissions (see {@link OwnerOnly}), and applies the migrations of {@code db/<domain>/} that it has not applied yet.
   */
  public static Future<SqliteDatabase> open(Vertx vertx, DatabaseConfig config, String domain, ClassLoader loader) {
    String folder = "db/" + domain;
    Path file = config.dataDir().resolve(domain + ".db").toAbsolutePath();
    return vertx.executeBlocking(() -> {
      OwnerOnly.directory(config.dataDir());
      OwnerOnly.file(file);
      for (String journal : JOURNALS) {
        OwnerOnly.narrowIfExists(file.resolveSibling(file.getFileName() + journal));
      }
      return new Object[] {SqlResources.migrations(loader, folder), SqlResources.queries(loader, folder)};
    }).compose(loaded -> {
      @SuppressWarnings("unchecked")
      List<SqlResources.Migration> migrations = (List<SqlResources.Migration>) loaded[0];
      @SuppressWarnings("unchecked")
      Map<String, String> queries = (Map<String, String>) loaded[1];
      String url = "jdbc:sqlite:" + file
          + "?journal_mode=WAL&synchronous=" + config.sync().name()
          + "&busy_timeout=" + BUSY_TIMEOUT_MS + "&foreign_keys=on";
      Pool pool = JDBCPool.pool(vertx, new JDBCConnectOptions().setJdbcUrl(url).setMetricsName("sqlite-" + domain),
          new PoolOptions().setMaxSize(READ_CONNECTIONS).setName("sqlite-" + domain));
      Context context = vertx.getOrCreateContext();
      return Migrator.apply(pool, migrations)
          .compose(migrated -> vertx.executeBlocking(() -> new Tx(DriverManager.getConnection(url), queries)))
          .map(tx -> new SqliteDatabase(vertx, pool, new GroupCommit(context, tx), queries, file))
          .recover(failure -> pool.close().transform(closed -> Future.failedFuture(new IllegalStateException(
              StorageProblem.describe(file, failure).orElse("cannot open " + file + ": " + failure.getMessage()),
              failure))));
    });
  }

  public Path file() {
    return file;
  }

  /** Runs the named statement on the read connection, outside any transaction: for reads only. */
  public Future<RowSet<Row>> query(String name, Map<String, Object> params) {
    String sql = queries.get(name);
    if (sql == null) {
      return Future.failedFuture(new IllegalArgumentException("no statement named " + name));
    }
    return SqlTemplate.forQuery(pool, sql).execute(params).recover(this::storageFailure);
  }

  /** Runs one named write with RETURNING through group commit; the rows it returned. */
  public Future<List<JsonObject>> write(String name, Map<String, Object> params) {
    return write(tx -> tx.rows(name, params));
  }

  /** Runs one named write without RETURNING through group commit; the number of rows changed. */
  public Future<Integer> change(String name, Map<String, Object> params) {
    return write(tx -> tx.change(name, params));
  }

  /**
   * The one entry point of every write: {@code work} runs on the write connection (on a worker
   * thread) inside a transaction shared with the other writes queued meanwhile (group commit, one
   * fsync for all), in a savepoint of its own. Its future succeeds only once that transaction is
   * committed; when {@code work} throws, only its own statements are rolled back.
   *
   * <p>Explicit {@code BEGIN}/{@code COMMIT} statements, never {@code Pool.withTransaction}:
   * vertx-jdbc-client 5.0.7 leaves the JDBC connection with auto-commit off after a commit, so
   * every later statement would stay uncommitted (acknowledged, yet lost at close).
   */
  public <T> Future<T> write(Work<T> work) {
    return writes.submit(work).recover(this::storageFailure);
  }

  /**
   * A failure of the storage itself (full disk, I/O error, damaged file) is reported once on
   * {@link Address#STORAGE_FAILED}, so that the node stops with a clear message rather than
   * answer reads while every write fails; the request gets a 503, not a 500.
   */
  private <T> Future<T> storageFailure(Throwable failure) {
    Optional<String> problem = StorageProblem.describe(file, failure);
    if (problem.isEmpty()) {
      return Future.failedFuture(failure);
    }
    if (storageFailed.compareAndSet(false, true)) {
      vertx.eventBus().publish(Address.STORAGE_FAILED, new JsonObject().put(Fields.DETAIL, problem.get()));
    }
    return Future.failedFuture(Failure.UNAVAILABLE.with("Storage unavailable; the service is stopping"));
  }

  /** A cheap round trip through the connection, for health checks. */
  public Future<Void> ping() {
    return pool.query("SELECT 1").execute().mapEmpty();
  }

  public Future<Void> close() {
    if (writes.batches() > 0) {
      LOG.fine(() -> file.getFileName() + ": " + writes.operations() + " writes in " + writes.batches() + " commits");
    }
    return writes.close().eventually(pool::close);
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
  public static java.time.Instant instant(JsonObject row, String column) {
    Long millis = row.getLong(column);
    return millis == null ? null : java.time.Instant.ofEpochMilli(millis);
  }

  /** The rows of a read as JSON objects (column name to value), like those of a write. */
  public static List<JsonObject> json(RowSet<Row> rows) {
    List<JsonObject> list = new java.util.ArrayList<>(rows.size());
    rows.forEach(row -> list.add(row.toJson()));
    return list;
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
