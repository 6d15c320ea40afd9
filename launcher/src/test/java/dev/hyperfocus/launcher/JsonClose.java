package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Compares two JSON values field by field; floating-point numbers within 1e-9 (relative above 1). */
final class JsonClose {
  private static final double TOLERANCE = 1e-9;

  private JsonClose() {}

  static void assertClose(Object actual, Object expected, String path) {
    if (expected instanceof JsonObject e) {
      assertThat(actual).as(path).isInstanceOf(JsonObject.class);
      JsonObject a = (JsonObject) actual;
      assertThat(a.fieldNames()).as(path + " fields").containsExactlyInAnyOrderElementsOf(e.fieldNames());
      for (String name : e.fieldNames()) {
        assertClose(a.getValue(name), e.getValue(name), path + "." + name);
      }
    } else if (expected instanceof JsonArray e) {
      assertThat(actual).as(path).isInstanceOf(JsonArray.class);
      JsonArray a = (JsonArray) actual;
      assertThat(a.size()).as(path + " size").isEqualTo(e.size());
      for (int i = 0; i < e.size(); i++) {
        assertClose(a.getValue(i), e.getValue(i), path + "[" + i + "]");
      }
    } else if (expected instanceof Double || expected instanceof Float || actual instanceof Double) {
      if (!(actual instanceof Number a) || !(expected instanceof Number e)) {
        fail(path + ": expected " + expected + " but was " + actual);
        return;
      }
      double x = a.doubleValue();
      double y = e.doubleValue();
      double scale = Math.max(1.0, Math.max(Math.abs(x), Math.abs(y)));
      assertThat(Math.abs(x - y)).as(path + ": " + x + " vs " + y).isLessThanOrEqualTo(TOLERANCE * scale);
    } else if (expected instanceof Number e) {
      assertThat(actual).as(path).isInstanceOf(Number.class);
      assertThat(((Number) actual).longValue()).as(path).isEqualTo(e.longValue());
    } else {
      assertThat(actual).as(path).isEqualTo(expected);
    }
  }
}
