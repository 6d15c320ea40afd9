package dev.hyperfocus.bench;

import io.vertx.core.json.JsonObject;

/** Builds one line of the results table (a JSON object, so that runs can be merged by median). */
final class Row {
  private Row() {}

  static JsonObject of(String name, Result result) {
    return new JsonObject().put("name", name).mergeIn(result.toJson());
  }

  static JsonObject value(String name, String unit, double value) {
    return new JsonObject().put("name", name).put("value", value).put("unit", unit);
  }

  /** Adds the ratio to a ceiling's throughput, and the target with its verdict when there is one. */
  static JsonObject against(JsonObject row, JsonObject ceiling, String target, double atLeast) {
    double ratio = row.getDouble("per_second") / ceiling.getDouble("per_second");
    row.put("ceiling", ceiling.getString("name")).put("ratio", ratio);
    return atLeast > 0 ? row.put("target", target).put("met", ratio >= atLeast) : row;
  }

  static JsonObject target(JsonObject row, String target, boolean met) {
    return row.put("target", target).put("met", met);
  }
}
