package dev.hyperfocus.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Merges runs (median of every number; a target is met when most runs met it) and prints them. */
final class Table {
  private static final String[] NUMBERS = {"per_second", "value", "p50_ms", "p99_ms", "p999_ms", "max_ms", "last_ms", "errors",
      "ratio", "acknowledged", "on_disk_after_sigkill"};

  private Table() {}

  static List<JsonObject> medians(List<List<JsonObject>> runs) {
    Map<String, List<JsonObject>> byName = new LinkedHashMap<>();
    runs.forEach(run -> run.forEach(row -> byName.computeIfAbsent(row.getString("name"), k -> new ArrayList<>()).add(row)));
    List<JsonObject> merged = new ArrayList<>();
    byName.forEach((name, rows) -> {
      JsonObject out = rows.get(0).copy();
      for (String field : NUMBERS) {
        double[] values = rows.stream().filter(r -> r.getValue(field) instanceof Number)
            .mapToDouble(r -> r.getDouble(field)).sorted().toArray();
        if (values.length > 0) {
          out.put(field, values[values.length / 2]);
        }
      }
      if (out.containsKey("met")) {
        long met = rows.stream().filter(r -> r.getBoolean("met", false)).count();
        out.put("met", met * 2 > rows.size()).put("met_runs", met + "/" + rows.size());
      }
      merged.add(out);
    });
    return merged;
  }

  static String render(List<JsonObject> rows) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "| %-52s | %10s | %8s | %8s | %9s | %6s | %-34s | %6s |%n",
        "scenario", "ops/s|val", "p50 ms", "p99 ms", "max|last", "errors", "ratio to ceiling", "target"));
    out.append("| ").append("-".repeat(52)).append(" | ---------: | -------: | -------: | --------: | -----: | ")
        .append("-".repeat(34)).append(" | ------ |\n");
    for (JsonObject row : rows) {
      String throughput = row.containsKey("per_second") ? fmt(row.getDouble("per_second"), 0)
          : row.containsKey("value") ? fmt(row.getDouble("value"), 2) + " " + row.getString("unit") : "";
      String last = row.containsKey("last_ms") ? fmt(row.getDouble("last_ms"), 2) : fmt(row.getDouble("max_ms"), 1);
      String ratio = row.containsKey("ratio")
          ? String.format(Locale.ROOT, "%.2fx %s", row.getDouble("ratio"), row.getString("ceiling")) : "";
      String verdict = !row.containsKey("met") ? "" : (row.getBoolean("met") ? "met " : "MISSED ")
          + row.getString("met_runs", "");
      out.append(String.format(Locale.ROOT, "| %-52s | %10s | %8s | %8s | %9s | %6s | %-34s | %6s |%n",
          row.getString("name"), throughput, fmt(row.getDouble("p50_ms"), 2), fmt(row.getDouble("p99_ms"), 2), last,
          row.containsKey("errors") ? fmt(row.getDouble("errors"), 0) : "", ratio,
          verdict + (row.containsKey("target") ? " (" + row.getString("target") + ")" : "")));
    }
    return out.toString();
  }

  static JsonArray json(List<JsonObject> rows) {
    return new JsonArray(new ArrayList<>(rows));
  }

  private static String fmt(Double value, int decimals) {
    return value == null ? "" : String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

}
