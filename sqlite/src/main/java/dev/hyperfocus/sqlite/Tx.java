package dev.hyperfocus.sqlite;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The write connection as a write operation sees it, on the writer's worker thread, inside the
 * batch's transaction: the domain's named statements, with {@code #{name}} parameters, each
 * prepared once. Rows come back as JSON objects (column name to value).
 */
public final class Tx {
  private static final Pattern PARAM = Pattern.compile("#\\{(\\w+)}");

  /** A named statement, its parameters in order, and its result's column labels once known. */
  private static final class Prepared {
    final PreparedStatement statement;
    final List<String> params;
    String[] labels;

    Prepared(PreparedStatement statement, List<String> params) {
      this.statement = statement;
      this.params = params;
    }
  }

  private final Connection conn;
  private final Map<String, String> queries;
  private final Map<String, Prepared> prepared = new HashMap<>();
  /** Transaction control (BEGIN, SAVEPOINT, COMMIT...), prepared once: every write runs several. */
  private final Map<String, PreparedStatement> control = new HashMap<>();

  Tx(Connection conn, Map<String, String> queries) {
    this.conn = conn;
    this.queries = queries;
  }

  /**
   * A domain's named statements over a plain JDBC connection that the caller opened and commits,
   * for tools that write a stopped node's file directly (the bench's seeder), so that they write
   * it with the very statements the node uses.
   */
  public static Tx over(Connection conn, String domain, ClassLoader loader) {
    return new Tx(conn, SqlResources.queries(loader, "db/" + domain));
  }

  /** Runs a statement that returns rows (a SELECT, or a write with RETURNING). */
  public List<JsonObject> rows(String name, Map<String, Object> params) throws SQLException {
    Prepared p = bind(name, params);
    List<JsonObject> rows = new ArrayList<>();
    try (ResultSet result = p.statement.executeQuery()) {
      String[] labels = p.labels == null ? p.labels = labels(result.getMetaData()) : p.labels;
      while (result.next()) {
        JsonObject row = new JsonObject();
        for (int i = 0; i < labels.length; i++) {
          row.put(labels[i], result.getObject(i + 1));
        }
        rows.add(row);
      }
    } catch (SQLException e) {
      forget(name);
      throw e;
    }
    return rows;
  }

  /** Reads one row of {@link #each}: the result set, on its current row. */
  @FunctionalInterface
  public interface RowReader {
    void row(ResultSet row) throws SQLException;
  }

  /**
   * Runs a statement that returns rows and hands each to {@code reader} as it comes, without
   * building a JSON object per row: for reads of many rows on a hot path (a user's rollups).
   */
  public void each(String name, Map<String, Object> params, RowReader reader) throws SQLException {
    Prepared p = bind(name, params);
    try (ResultSet result = p.statement.executeQuery()) {
      while (result.next()) {
        reader.row(result);
      }
    } catch (SQLException e) {
      forget(name);
      throw e;
    }
  }

  private static String[] labels(ResultSetMetaData meta) throws SQLException {
    String[] labels = new String[meta.getColumnCount()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = meta.getColumnLabel(i + 1);
    }
    return labels;
  }

  /** Runs a write without RETURNING; the number of rows it changed. */
  public int change(String name, Map<String, Object> params) throws SQLException {
    try {
      return bind(name, params).statement.executeUpdate();
    } catch (SQLException e) {
      forget(name);
      throw e;
    }
  }

  /** Runs a write without RETURNING once per parameter set, as one JDBC batch. */
  public void changeAll(String name, List<Map<String, Object>> paramSets) throws SQLException {
    if (paramSets.isEmpty()) {
      return;
    }
    try {
      Prepared p = null;
      for (Map<String, Object> params : paramSets) {
        p = bind(name, params);
        p.statement.addBatch();
      }
      p.statement.executeBatch();
    } catch (SQLException e) {
      forget(name);
      throw e;
    }
  }

  /**
   * Drops a statement that failed: sqlite-jdbc frees a statement's native handle after most
   * errors (all but BUSY, LOCKED, MISUSE and CONSTRAINT), and a kept one would fail every later
   * use. The next use prepares it again.
   */
  private void forget(String name) {
    Prepared p = prepared.remove(name);
    if (p != null) {
      closeQuietly(p.statement);
    }
  }

  private static void closeQuietly(PreparedStatement statement) {
    try {
      statement.close();
    } catch (SQLException ignored) {
      // already freed by the driver
    }
  }

  /** Runs a transaction control statement (no parameters, no rows). */
  void execute(String sql) throws SQLException {
    PreparedStatement statement = control.get(sql);
    if (statement == null) {
      statement = conn.prepareStatement(sql);
      control.put(sql, statement);
    }
    try {
      statement.execute();
    } catch (SQLException e) {
      control.remove(sql);
      closeQuietly(statement);
      throw e;
    }
  }

  void close() throws SQLException {
    for (Prepared p : prepared.values()) {
      p.statement.close();
    }
    for (PreparedStatement statement : control.values()) {
      statement.close();
    }
    conn.close();
  }

  private Prepared bind(String name, Map<String, Object> params) throws SQLException {
    Prepared p = prepared.get(name);
    if (p == null) {
      String sql = queries.get(name);
      if (sql == null) {
        throw new IllegalArgumentException("no statement named " + name);
      }
      List<String> order = new ArrayList<>();
      Matcher m = PARAM.matcher(sql);
      while (m.find()) {
        order.add(m.group(1));
      }
      p = new Prepared(conn.prepareStatement(m.replaceAll("?")), order);
      prepared.put(name, p);
    }
    for (int i = 0; i < p.params.size(); i++) {
      String param = p.params.get(i);
      if (!params.containsKey(param)) {
        throw new IllegalArgumentException("statement " + name + " needs parameter " + param);
      }
      p.statement.setObject(i + 1, params.get(param));
    }
    return p;
  }
}
