package dev.hyperfocus.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * The storage ceiling: plain JDBC on one thread, inserting interruption rows into a table like
 * HyperFocus's (same columns and indexes) in WAL mode at a given {@code synchronous} mode,
 * {@code rowsPerCommit} rows per transaction. Throughput is in rows per second.
 */
final class JdbcCeiling {
  private JdbcCeiling() {}

  static Result run(Path dir, String sync, int rowsPerCommit, Duration window) throws Exception {
    Path file = Files.createTempFile(dir, "ceiling-" + sync + "-", ".db");
    try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file + "?journal_mode=WAL&synchronous=" + sync)) {
      try (Statement ddl = conn.createStatement()) {
        ddl.execute("CREATE TABLE interruptions (id INTEGER PRIMARY KEY AUTOINCREMENT, session_id INTEGER NOT NULL,"
            + " user_id INTEGER NOT NULL, type TEXT NOT NULL, description TEXT NOT NULL, start_time INTEGER NOT NULL,"
            + " end_time INTEGER NOT NULL, duration INTEGER NOT NULL, session_timezone TEXT NOT NULL,"
            + " created_at INTEGER NOT NULL, CHECK (end_time > start_time))");
        ddl.execute("CREATE INDEX interruptions_session_start ON interruptions (session_id, start_time)");
        ddl.execute("CREATE INDEX interruptions_user ON interruptions (user_id, id)");
      }
      Histogram micros = new Histogram(3);
      long rows = 0;
      long end = System.nanoTime() + window.toNanos();
      try (PreparedStatement insert = conn.prepareStatement("INSERT INTO interruptions (session_id, user_id, type,"
          + " description, start_time, end_time, duration, session_timezone, created_at) VALUES (?,?,?,?,?,?,?,?,?)")) {
        while (System.nanoTime() < end) {
          long started = System.nanoTime();
          commit(conn, insert, rows, rowsPerCommit);
          rows += rowsPerCommit;
          micros.recordValue(Math.max(1, (System.nanoTime() - started) / 1000));
        }
      }
      Result commits = Result.of(micros, window.toNanos() / 1e9, 0);
      return new Result(rows, rows / (window.toNanos() / 1e9), commits.p50Ms(), commits.p99Ms(), commits.p999Ms(), commits.maxMs(), 0);
    } finally {
      for (String suffix : new String[] {"", "-wal", "-shm"}) {
        Files.deleteIfExists(Path.of(file + suffix));
      }
    }
  }

  private static void commit(Connection conn, PreparedStatement insert, long first, int rowsPerCommit) throws SQLException {
    if (rowsPerCommit > 1) {
      conn.setAutoCommit(false);
    }
    for (int i = 0; i < rowsPerCommit; i++) {
      long n = first + i;
      long start = 1_700_000_000_000L + n * 2000;
      insert.setLong(1, 1 + n / 1000);
      insert.setLong(2, 1 + n % 64);
      insert.setString(3, "phone");
      insert.setString(4, "bench interruption");
      insert.setLong(5, start);
      insert.setLong(6, start + 1000);
      insert.setLong(7, 1);
      insert.setString(8, "Europe/Berlin");
      insert.setLong(9, start);
      insert.executeUpdate();
    }
    if (rowsPerCommit > 1) {
      conn.commit();
      conn.setAutoCommit(true);
    }
  }
}
