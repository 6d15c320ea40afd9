package dev.hyperfocus.bench;

import dev.hyperfocus.stats.RollupBuilder;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes history straight into a stopped node's {@code sessions.db} and {@code interruptions.db}
 * (never a million HTTP calls), then its statistics rollups ({@link #rollups}). Rows keep the schema's and the time rules: one ended session per
 * day from 09:00 to 17:00 local time, non-overlapping, and its interruptions inside it, each
 * 10 s long and apart from the others.
 */
final class Seeder {
  static final String ZONE = "Europe/Berlin";
  private static final long DAY_MS = 8 * 3600_000L;

  private Seeder() {}

  /** Gives {@code userId} {@code days} sessions (ending yesterday) of {@code perSession} interruptions each. */
  static void history(Path dataDir, long userId, int days, int perSession) throws SQLException {
    ZoneId zone = ZoneId.of(ZONE);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    long spacing = DAY_MS / Math.max(1, perSession);
    try (Connection sessions = open(dataDir.resolve("sessions.db"));
         Connection interruptions = open(dataDir.resolve("interruptions.db"));
         PreparedStatement session = sessions.prepareStatement("INSERT INTO sessions (user_id, start_time, end_time,"
             + " timezone, created_at) VALUES (?,?,?,?,?) RETURNING id");
         PreparedStatement interruption = interruptions.prepareStatement("INSERT INTO interruptions (session_id, user_id,"
             + " type, description, start_time, end_time, duration, session_timezone, created_at) VALUES (?,?,?,?,?,?,?,?,?)")) {
      sessions.setAutoCommit(false);
      interruptions.setAutoCommit(false);
      String[] types = {"family", "phone", "noise", "self", "urgent_task", "unknown"};
      for (int d = days; d >= 1; d--) {
        Instant start = today.minusDays(d).atTime(9, 0).atZone(zone).toInstant();
        long startMs = start.toEpochMilli();
        session.setLong(1, userId);
        session.setLong(2, startMs);
        session.setLong(3, startMs + DAY_MS);
        session.setString(4, ZONE);
        session.setLong(5, startMs);
        long sessionId;
        try (ResultSet id = session.executeQuery()) {
          id.next();
          sessionId = id.getLong(1);
        }
        for (int i = 0; i < perSession; i++) {
          long from = startMs + i * spacing;
          interruption.setLong(1, sessionId);
          interruption.setLong(2, userId);
          interruption.setString(3, types[i % types.length]);
          interruption.setString(4, "seeded");
          interruption.setLong(5, from);
          interruption.setLong(6, from + Math.min(10_000, spacing / 2));
          interruption.setLong(7, Math.min(10_000, spacing / 2) / 1000);
          interruption.setString(8, ZONE);
          interruption.setLong(9, from);
          interruption.addBatch();
        }
        interruption.executeBatch();
      }
      sessions.commit();
      interruptions.commit();
    }
  }

  /**
   * Builds the users' statistics rollups from the rows just written, with the node's own rules
   * and statements ({@link RollupBuilder}): rows written here have no outbox events.
   */
  static void rollups(Path dataDir, List<Long> userIds) throws Exception {
    try (RollupBuilder builder = new RollupBuilder(dataDir)) {
      for (long userId : userIds) {
        builder.rebuild(userId);
      }
    }
  }

  /**
   * The summary fields a {@link #history} user must get for {@code range=<days>d} at {@code now},
   * recomputed from the seeding pattern: the sessions (ending yesterday, one a day) whose Berlin
   * date lies in the window, each with 8 hours of work and its interruptions.
   */
  static JsonObject expectedSummary(int historyDays, int perSession, int rangeDays, Instant now) {
    ZoneId zone = ZoneId.of(ZONE);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate first = LocalDate.ofInstant(now, zone).minusDays(rangeDays - 1L);
    long spacing = DAY_MS / Math.max(1, perSession);
    long each = Math.min(10_000, spacing / 2);
    long sessions = 0;
    for (int d = historyDays; d >= 1; d--) {
      if (!today.minusDays(d).isBefore(first)) {
        sessions++;
      }
    }
    return new JsonObject().put("total_sessions", sessions).put("total_interruptions", sessions * perSession)
        .put("total_time_worked_seconds", sessions * DAY_MS / 1000)
        .put("total_time_lost_seconds", sessions * perSession * each / 1000);
  }

  /** Rows of a table of a stopped node's domain file. */
  static long count(Path dataDir, String domain) throws SQLException {
    try (Connection conn = open(dataDir.resolve(domain + ".db"));
         Statement statement = conn.createStatement();
         ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + domain)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static Connection open(Path file) throws SQLException {
    Connection conn = DriverManager.getConnection("jdbc:sqlite:" + file + "?journal_mode=WAL&synchronous=NORMAL");
    try (Statement pragma = conn.createStatement()) {
      pragma.execute("PRAGMA busy_timeout=5000");
    }
    return conn;
  }
}
