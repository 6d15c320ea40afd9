package dev.hyperfocus.launcher;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Direct access to a stopped node's SQLite files, to check or prepare what the API cannot show. */
final class SqliteFiles {
  private SqliteFiles() {}

  static Connection open(Path dataDir, String domain) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(domain + ".db").toAbsolutePath());
  }

  /** The single number a {@code SELECT COUNT(*) ...} with these parameters returns. */
  static long count(Path dataDir, String domain, String sql, Object... params) throws SQLException {
    try (Connection db = open(dataDir, domain); PreparedStatement query = db.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        query.setObject(i + 1, params[i]);
      }
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /** Runs statements that change a file, as a crash or an operator might have left it. */
  static void execute(Path dataDir, String domain, String... statements) throws SQLException {
    try (Connection db = open(dataDir, domain); var statement = db.createStatement()) {
      for (String sql : statements) {
        statement.executeUpdate(sql);
      }
    }
  }
}
