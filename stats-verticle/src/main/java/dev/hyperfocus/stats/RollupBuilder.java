package dev.hyperfocus.stats;

import dev.hyperfocus.api.InterruptionType;
import dev.hyperfocus.sqlite.Tx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds users' rollups in {@code stats.db} straight from the rows of a stopped node's domain
 * files, for tools that write rows without the API and so without outbox events (the bench's
 * seeder). The rules are the live path's ({@link RollupRules} over the rows in memory), the
 * statements those of {@code db/stats/queries.sql}; the positions are left alone, as no outbox
 * event stands for these rows. The node must have started once on the directory (its migrations
 * created the files).
 */
public final class RollupBuilder implements AutoCloseable {
  private final Connection stats;
  private final Connection sessions;
  private final Connection interruptions;
  private final Tx tx;

  public RollupBuilder(Path dataDir) throws SQLException {
    stats = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("stats.db") + "?journal_mode=WAL");
    sessions = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("sessions.db"));
    interruptions = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("interruptions.db"));
    stats.setAutoCommit(false);
    tx = Tx.over(stats, "stats", RollupBuilder.class.getClassLoader());
  }

  /** Replaces the user's rollups and intervals with those of the user's rows now in the domain files. */
  public void rebuild(long userId) throws Exception {
    MemorySpans spans = new MemorySpans();
    CellStore cells = new CellStore();
    List<SessionSpan> sessionRows = sessionsOf(userId);
    List<InterruptionSpan> interruptionRows = interruptionsOf(userId);
    for (SessionSpan session : sessionRows) {
      cells.addAll(RollupRules.putSession(spans, userId, session).cells());
    }
    for (InterruptionSpan interruption : interruptionRows) {
      cells.addAll(RollupRules.putInterruption(spans, userId, interruption).cells());
    }
    RollupStore.purge(tx, userId);
    tx.changeAll("session_put", sessionRows.stream().map(session -> SqlSpans.params(userId, session)).toList());
    tx.changeAll("interruption_put",
        interruptionRows.stream().map(interruption -> SqlSpans.params(userId, interruption)).toList());
    RollupStore.persist(tx, userId, cells);
    stats.commit();
  }

  private List<SessionSpan> sessionsOf(long userId) throws SQLException {
    List<SessionSpan> rows = new ArrayList<>();
    try (PreparedStatement query = sessions.prepareStatement(
        "SELECT id, start_time, end_time, timezone FROM sessions WHERE user_id = ? ORDER BY id")) {
      query.setLong(1, userId);
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          long start = row.getLong(2);
          long end = row.getLong(3);
          rows.add(new SessionSpan(row.getLong(1), start, row.wasNull() ? SessionSpan.OPEN : Math.max(start, end),
              ZoneId.of(row.getString(4))));
        }
      }
    }
    return rows;
  }

  private List<InterruptionSpan> interruptionsOf(long userId) throws SQLException {
    List<InterruptionSpan> rows = new ArrayList<>();
    try (PreparedStatement query = interruptions.prepareStatement("SELECT id, session_id, type, start_time, end_time,"
        + " duration FROM interruptions WHERE user_id = ? ORDER BY id")) {
      query.setLong(1, userId);
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          rows.add(new InterruptionSpan(row.getLong(1), row.getLong(2), row.getLong(4), row.getLong(5),
              InterruptionType.fromWire(row.getString(3)).orElse(InterruptionType.UNKNOWN), row.getLong(6)));
        }
      }
    }
    return rows;
  }

  @Override
  public void close() throws SQLException {
    try (Statement checkpoint = stats.createStatement()) {
      stats.commit();
      stats.setAutoCommit(true);
      checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    } finally {
      stats.close();
      sessions.close();
      interruptions.close();
    }
  }
}
