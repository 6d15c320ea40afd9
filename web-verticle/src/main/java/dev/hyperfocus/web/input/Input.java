package dev.hyperfocus.web.input;

import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.InterruptionType;
import dev.hyperfocus.api.Times;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and validates the values of one request part ({@code body}, {@code path} or
 * {@code query}), collecting every problem in the FastAPI shape before failing once with
 * {@link #check()}. Getters return null for a value that is absent (when optional) or invalid.
 */
public final class Input {
  private static final Pattern EMAIL = Pattern.compile(
      "^[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}.]+(\\.[^@\\s\\p{Cntrl}.]+)+$");
  private static final String TYPES = Arrays.stream(InterruptionType.values())
      .map(type -> "'" + type.wireName() + "'").collect(Collectors.joining(", "));

  private static final int LATEST_YEAR = 9999;
  private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

  private final String part;
  private final Function<String, Object> values;
  private final JsonArray problems;

  private Input(String part, Function<String, Object> values, JsonArray problems) {
    this.part = part;
    this.values = values;
    this.problems = problems;
  }

  static Input body(JsonObject json) {
    return new Input("body", json::getValue, new JsonArray());
  }

  /** Path or query parameters, which share this input's problems. */
  public Input params(String part, Function<String, String> lookup) {
    return new Input(part, lookup::apply, problems);
  }

  public static Input params(String part, Function<String, String> lookup, JsonArray problems) {
    return new Input(part, lookup::apply, problems);
  }

  /** Fails with every problem found so far, if any. */
  public void check() {
    if (!problems.isEmpty()) {
      throw new Invalid(problems);
    }
  }

  boolean has(String field) {
    return values.apply(field) != null;
  }

  /** A positive 64-bit id: a JSON integer in a body, decimal digits in a path or query. */
  public Long id(String field) {
    Object value = values.apply(field);
    if (value == null) {
      return missing(field);
    }
    Long id = Lenient.integer(value);
    if (id == null) {
      return problem(field, "Input should be a valid integer", "int_parsing");
    }
    if (id < 1) {
      return problem(field, "Input should be greater than 0", "greater_than");
    }
    return id;
  }

  /** An optional whole number within {@code [min, max]}, or {@code fallback} when absent. */
  public Integer bounded(String field, int min, int max, int fallback) {
    Object value = values.apply(field);
    if (value == null) {
      return fallback;
    }
    Long number = Lenient.integer(value);
    if (number == null) {
      return problem(field, "Input should be a valid integer", "int_parsing");
    }
    if (number < min) {
      return problem(field, "Input should be greater than or equal to " + min, "greater_than_equal");
    }
    if (number > max) {
      return problem(field, "Input should be less than or equal to " + max, "less_than_equal");
    }
    return number.intValue();
  }

  /** A string trimmed of surrounding blanks, not blank, at most {@code max} code points. */
  public String text(String field, int max, boolean required) {
    Object value = values.apply(field);
    if (value == null) {
      return required ? missing(field) : null;
    }
    if (!(value instanceof String text)) {
      return problem(field, "Input should be a valid string", "string_type");
    }
    String trimmed = Lenient.trim(text);
    if (trimmed.isEmpty()) {
      return problem(field, "String should have at least 1 character", "string_too_short");
    }
    if (trimmed.codePointCount(0, trimmed.length()) > max) {
      return problem(field, "String should have at most " + max + " characters", "string_too_long");
    }
    if (trimmed.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r')) {
      return problem(field, "String must not contain control characters", "value_error");
    }
    return trimmed;
  }

  public String email(String field) {
    String email = text(field, 254, true);
    if (email != null && !EMAIL.matcher(email).matches()) {
      return problem(field, "value is not a valid email address", "value_error");
    }
    return email;
  }

  /** An IANA region name the JDK knows; raw offsets are refused. */
  public ZoneId zone(String field, boolean required) {
    String name = text(field, 64, required);
    if (name == null) {
      return null;
    }
    return Times.zone(name).orElseGet(() -> problem(field,
        "Unknown time zone: use an IANA region name such as 'Europe/Madrid'", "value_error"));
  }

  /**
   * An ISO-8601 timestamp from 2000 to 9999: earlier ones are no focus sessions but would make
   * every per-hour aggregate of the user span centuries, and extreme years overflow epoch millis.
   */
  public Instant instant(String field, boolean required) {
    Object value = values.apply(field);
    if (value == null) {
      return required ? missing(field) : null;
    }
    if (!(value instanceof String text)) {
      return problem(field, "Input should be a valid datetime", "datetime_type");
    }
    Instant instant = hasControl(text) ? null : Times.parse(text).orElse(null);
    if (instant == null) {
      return problem(field, "Input should be a valid datetime (ISO-8601, e.g. 2026-11-23T10:00:00Z)", "datetime_parsing");
    }
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      return problem(field, "Input should be a datetime between 2000-01-01 and 9999-12-31", "value_error");
    }
    return instant;
  }

  public LocalDate date(String field) {
    Object value = values.apply(field);
    if (value == null) {
      return null;
    }
    try {
      LocalDate date = LocalDate.parse(value.toString());
      if (date.getYear() >= 1 && date.getYear() <= LATEST_YEAR) {
        return date;
      }
    } catch (DateTimeParseException e) {
      // answered below
    }
    return problem(field, "Input should be a valid date in the format YYYY-MM-DD", "date_parsing");
  }

  public InterruptionType type(String field) {
    Object value = values.apply(field);
    if (value == null) {
      return missing(field);
    }
    return InterruptionType.fromWire(value instanceof String s ? s : null)
        .orElseGet(() -> problem(field, "Input should be " + TYPES, "enum"));
  }

  /** One of {@code allowed} (exact), or {@code fallback} when absent (null: required). */
  public String choice(String field, java.util.List<String> allowed, String fallback) {
    Object value = values.apply(field);
    if (value == null) {
      return fallback == null ? missing(field) : fallback;
    }
    if (!allowed.contains(value.toString())) {
      String names = allowed.stream().map(name -> "'" + name + "'").collect(Collectors.joining(" or "));
      return problem(field, "Input should be " + names, "literal_error");
    }
    return value.toString();
  }

  /** Records a problem on a field that passed its own checks (e.g. a rule across fields). */
  public <T> T problem(String field, String msg, String type) {
    problems.add(new JsonObject()
        .put(Fields.LOC, new JsonArray().add(part).add(field))
        .put(Fields.MSG, msg)
        .put(Fields.TYPE, type));
    return null;
  }

  /**
   * Whether {@code text} is 1 to {@code maxLength} visible ASCII characters (no space): what a
   * token, a request id or an idempotency key may be. A loop, not a stream: it runs on every request.
   */
  public static boolean isVisibleAscii(String text, int maxLength) {
    if (text == null || text.isEmpty() || text.length() > maxLength) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= ' ' || c >= 127) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasControl(String text) {
    return text.chars().anyMatch(Character::isISOControl);
  }

  private <T> T missing(String field) {
    return problem(field, "Field required", "missing");
  }
}
