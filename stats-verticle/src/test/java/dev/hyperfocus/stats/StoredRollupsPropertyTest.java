package dev.hyperfocus.stats;

import dev.hyperfocus.sqlite.Tx;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules through the real store: every update of a random history is applied to a real
 * {@code stats.db} (the intervals and the compact day rows, with the verticle's statements), and
 * a user loaded from it at any point answers as a full recomputation from the current rows does.
 */
@DisplayName("Rollups stored in SQLite against a full recomputation")
@Tag("slow")
class StoredRollupsPropertyTest {
  private static final long USER = 7;

  @TempDir
  Path dir;

  static LongStream seeds() {
    return LongStream.range(0, 80);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  @DisplayName("A user loaded from the store after any prefix of the updates reports as the oracle does")
  void loadedRollupsEqualTheOracle(long seed) throws Exception {
    RandomHistory history = new RandomHistory(seed);
    Map<Long, RawSession> sessions = new LinkedHashMap<>();
    Map<Long, RawInterruption> interruptions = new LinkedHashMap<>();
    try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + Files.createTempFile(dir, "stats", ".db"))) {
      migrate(conn);
      conn.setAutoCommit(false);
      Tx tx = Tx.over(conn, "stats", getClass().getClassLoader());
      SqlSpans spans = new SqlSpans(tx);
      int size = history.ops.size();
      int applied = 0;
      for (int checkpoint : new int[] {size / 2, size}) {
        for (RandomHistory.Op op : history.ops.subList(applied, checkpoint)) {
          RollupChange change = apply(op, spans, sessions, interruptions);
          RollupStore.persist(tx, USER, change.cells());
        }
        conn.commit();
        applied = checkpoint;
        UserRollups loaded = RollupStore.load(tx, USER).rollups();
        for (Range range : List.of(Range.ofDays(1), Range.ofDays(7), Range.ALL, history.randomRange())) {
          for (Instant now : List.of(history.now, history.laterNow())) {
            ReportAssertions.assertSameReport(loaded.report(range, history.userZone, now),
                StatsOracle.report(new ArrayList<>(sessions.values()), new ArrayList<>(interruptions.values()),
                    range, history.userZone, now),
                "seed " + seed + " after " + checkpoint + "/" + size + ", range " + range + " at " + now);
          }
        }
      }
    }
  }

  private static RollupChange apply(RandomHistory.Op op, SqlSpans spans,
      Map<Long, RawSession> sessions, Map<Long, RawInterruption> interruptions) throws Exception {
    if (op instanceof RandomHistory.PutSession put) {
      sessions.put(put.row().id(), put.row());
      return RollupRules.putSession(spans, USER, SessionSpan.of(put.row().id(), put.row().start(), put.row().end(),
          put.row().zone()));
    }
    if (op instanceof RandomHistory.RemoveSession remove) {
      sessions.remove(remove.id());
      return RollupRules.removeSession(spans, USER, remove.id());
    }
    if (op instanceof RandomHistory.PutInterruption put) {
      RawInterruption row = put.row();
      interruptions.put(row.id(), row);
      return RollupRules.putInterruption(spans, USER, new InterruptionSpan(row.id(), row.sessionId(),
          row.start().toEpochMilli(), row.end().toEpochMilli(), row.type(), row.durationSeconds()));
    }
    RandomHistory.RemoveInterruption remove = (RandomHistory.RemoveInterruption) op;
    interruptions.remove(remove.id());
    return RollupRules.removeInterruption(spans, USER, remove.id());
  }

  private static void migrate(Connection conn) throws Exception {
    try (InputStream in = StoredRollupsPropertyTest.class.getClassLoader()
        .getResourceAsStream("db/stats/V1__create_rollups.sql");
         Statement statement = conn.createStatement()) {
      String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String part : sql.split(";\\s*(\\n|$)")) {
        if (!part.isBlank()) {
          statement.execute(part);
        }
      }
    }
  }
}
