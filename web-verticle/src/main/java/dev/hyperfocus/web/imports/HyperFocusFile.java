package dev.hyperfocus.web.imports;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.InterruptionType;
import dev.hyperfocus.api.Times;
import dev.hyperfocus.web.input.Invalid;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The document of {@code GET /users/{id}/export?format=json} (of any server), read with Jackson's
 * streaming parser a row at a time, so that a large file is never one tree in memory: {@code user}
 * is skipped (the import is for the requesting user), each session and interruption is a flat
 * object whose fields are checked as the API checks them. Ids and {@code user_id} are only used to
 * link interruptions to their sessions; the rows get new ids.
 */
final class HyperFocusFile {
  static final int DESCRIPTION_MAX = 500;
  private static final JsonFactory JSON = new JsonFactory();
  /** A nested object or array where a row wants a scalar: it fails every check of the field. */
  private static final Object NESTED = new Object();

  private HyperFocusFile() {}

  static ImportRows.Parsed parse(Path file) {
    List<ImportRows.SessionRow> sessions = new ArrayList<>();
    List<ImportRows.InterruptionRow> interruptions = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(file.toFile())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw body("Input should be a JSON object as the export writes it: {user, sessions, interruptions}",
            "model_attributes_type");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (Fields.SESSIONS.equals(name) || Fields.INTERRUPTIONS.equals(name)) {
          if (value != JsonToken.START_ARRAY) {
            throw body(name + " should be a list", "list_type", name);
          }
          int index = 0;
          for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken(), index++) {
            if (item != JsonToken.START_OBJECT) {
              throw body("Input should be an object", "model_attributes_type", name, index);
            }
            Map<String, Object> row = flatObject(parser);
            if (Fields.SESSIONS.equals(name)) {
              sessions.add(session(index, row));
            } else {
              interruptions.add(interruption(index, row));
            }
          }
        } else {
          parser.skipChildren();
        }
      }
      if (parser.nextToken() != null) {
        throw body("Unexpected content after the JSON object", "json_invalid");
      }
    } catch (JsonProcessingException e) {
      throw body("Malformed JSON body", "json_invalid");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ImportRows.Parsed(sessions, interruptions);
  }

  private static ImportRows.SessionRow session(int index, Map<String, Object> row) {
    Object id = row.get(Fields.ID);
    RowRef ref = RowRef.json(Fields.SESSIONS, index, id);
    Long fileId = id instanceof Long number ? number : null;
    if (fileId == null) {
      throw ref.invalid(Fields.ID, "the session's id should be an integer (its interruptions name it)");
    }
    String zone = row.get(Fields.TIMEZONE) instanceof String text ? text : null;
    if (Times.zone(zone).isEmpty()) {
      throw ref.invalid(Fields.TIMEZONE, "Unknown time zone: use an IANA region name such as 'Europe/Madrid'");
    }
    Instant start = instant(ref, row, Fields.START_TIME, true);
    return new ImportRows.SessionRow(ref, fileId, start, instant(ref, row, Fields.END_TIME, false), zone);
  }

  private static ImportRows.InterruptionRow interruption(int index, Map<String, Object> row) {
    RowRef ref = RowRef.json(Fields.INTERRUPTIONS, index, row.get(Fields.ID));
    if (!(row.get(Fields.SESSION_ID) instanceof Long sessionId)) {
      throw ref.invalid(Fields.SESSION_ID, "Input should be a valid integer");
    }
    InterruptionType type = InterruptionType.fromWire(row.get(Fields.TYPE) instanceof String text ? text : null)
        .orElseThrow(() -> ref.invalid(Fields.TYPE, "Input should be one of the interruption types"));
    String description = row.get(Fields.DESCRIPTION) instanceof String text ? text.strip() : null;
    if (description == null || description.isEmpty()
        || description.codePointCount(0, description.length()) > DESCRIPTION_MAX
        || description.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r')) {
      throw ref.invalid(Fields.DESCRIPTION, "the description should be 1 to " + DESCRIPTION_MAX
          + " characters of text, not blank");
    }
    return new ImportRows.InterruptionRow(ref, sessionId, type, description,
        instant(ref, row, Fields.START_TIME, true), instant(ref, row, Fields.END_TIME, true));
  }

  private static Instant instant(RowRef ref, Map<String, Object> row, String field, boolean required) {
    Object value = row.get(field);
    if (value == null) {
      if (required) {
        throw ref.invalid(field, "Field required");
      }
      return null;
    }
    Instant instant = value instanceof String text ? Times.parse(text).orElse(null) : null;
    if (instant == null || instant.isBefore(Instant.parse("2000-01-01T00:00:00Z"))) {
      throw ref.invalid(field, "Input should be a datetime (ISO-8601) from 2000 on");
    }
    return instant;
  }

  /** The scalar fields of the object the parser is in; a nested value reads as {@link #NESTED}. */
  private static Map<String, Object> flatObject(JsonParser parser) throws IOException {
    Map<String, Object> row = new HashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken token = parser.nextToken();
      Object value = switch (token) {
        case VALUE_STRING -> parser.getText();
        case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? NESTED : parser.getLongValue();
        case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
        case VALUE_TRUE, VALUE_FALSE -> token == JsonToken.VALUE_TRUE;
        case VALUE_NULL -> null;
        default -> {
          parser.skipChildren();
          yield NESTED;
        }
      };
      row.put(name, value);
    }
    return row;
  }

  private static Invalid body(String msg, String type, Object... loc) {
    JsonArray where = new JsonArray().add("body");
    for (Object part : loc) {
      where.add(part);
    }
    return new Invalid(new JsonArray().add(new JsonObject().put(Fields.LOC, where).put(Fields.MSG, msg).put(Fields.TYPE, type)));
  }
}
