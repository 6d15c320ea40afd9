package dev.hyperfocus.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A page of rows in their wire form ({@link Session#toJson()}, {@link Interruption#toJson()}):
 * the web edge streams or answers them as they are; consumers that compute read them as records.
 *
 * @param items the rows of this page
 * @param total how many rows the whole listing has (for a history page, the rows on this page)
 */
public record Page(JsonArray items, long total) {
  public static final Codec<Page> CODEC = Codec.json(Page::toJson, Page::fromJson);

  /** A page of records written by {@code toJson}. */
  public static <T> Page of(List<T> rows, Function<T, JsonObject> toJson, long total) {
    JsonArray items = new JsonArray(new ArrayList<>(rows.size()));
    rows.forEach(row -> items.add(toJson.apply(row)));
    return new Page(items, total);
  }

  /** The rows as records. */
  public <T> List<T> rows(Function<JsonObject, T> fromJson) {
    List<T> rows = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      rows.add(fromJson.apply(items.getJsonObject(i)));
    }
    return rows;
  }

  /** The id of the last row, or {@code otherwise} on an empty page. */
  public long lastId(long otherwise) {
    return items.isEmpty() ? otherwise : items.getJsonObject(items.size() - 1).getLong(Fields.ID);
  }

  public JsonObject toJson() {
    return new JsonObject().put(Fields.ITEMS, items).put(Fields.TOTAL, total);
  }

  public static Page fromJson(JsonObject json) {
    return new Page(json.getJsonArray(Fields.ITEMS), json.getLong(Fields.TOTAL));
  }
}
