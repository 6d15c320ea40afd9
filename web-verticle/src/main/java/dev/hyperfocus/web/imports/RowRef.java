package dev.hyperfocus.web.imports;

import dev.hyperfocus.api.Fields;
import dev.hyperfocus.web.input.Invalid;
import dev.hyperfocus.web.rest.HttpProblem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Where a row of an import file is: its {@code label} names it in every message ({@code row 3} of a
 * CSV, counting the header as row 1 as a spreadsheet does; {@code sessions[2] (id 7)} of a JSON
 * export), {@code loc} is its place in the FastAPI-shaped 422 ({@code ["body", "row 3"]},
 * {@code ["body", "sessions", 2]}), to which the field is appended.
 */
record RowRef(String label, JsonArray loc) {
  static RowRef csv(long rowNumber) {
    String label = "row " + rowNumber;
    return new RowRef(label, new JsonArray().add("body").add(label));
  }

  static RowRef json(String list, int index, Object id) {
    return new RowRef(list + "[" + index + "]" + (id == null ? "" : " (id " + id + ")"),
        new JsonArray().add("body").add(list).add(index));
  }

  /** A 422 on one field of this row, in the FastAPI shape; the message starts with the row's label. */
  Invalid invalid(String field, String msg) {
    return new Invalid(new JsonArray().add(new JsonObject()
        .put(Fields.LOC, loc.copy().add(field))
        .put(Fields.MSG, label + ": " + msg)
        .put(Fields.TYPE, "value_error")));
  }

  /** A 409: this row overlaps something. */
  HttpProblem conflict(String msg) {
    return new HttpProblem(409, label + ": " + msg);
  }
}
