package dev.hyperfocus.launcher;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates requests that must all be refused: every endpoint, every field, every kind of bad
 * value, plus seeded random combinations. A generated request never has a valid form (nothing in
 * it may change data), so the refusal is what is tested.
 */
final class MalformedRequests {
  /** One request to send. {@code body} is raw text (null: none). */
  record Case(String label, String method, String path, String body, String token, Map<String, String> headers) {}

  /** Ids and tokens of the data the requests aim at. */
  record Target(long alice, String aliceToken, long aliceActiveSession, long bob, String bobToken,
                long bobEndedSession, long bobInterruption) {}

  private static final String LONG_MAX_PLUS_ONE = "9223372036854775808";
  static final List<String> BAD_IDS = List.of("null", "true", "[]", "{}", "[1]", "\"\"", "\"abc\"", "0", "-1",
      "1.5", LONG_MAX_PLUS_ONE, "-9223372036854775809", "1e400", "-1e400", "\"" + LONG_MAX_PLUS_ONE + "\"",
      "\"-5\"", "\" 1\"", "123456789012345678901234567890", "\"1e3\"");
  static final List<String> BAD_TEXTS = List.of("null", "1", "true", "[]", "{}", "[\"a\"]", "\"\"", "\"   \"",
      "\"\\t\\n\"", "\"a\\u0000b\"", "\"bell\\u0007\"", "\"esc\\u001b[31m\"", "\"del\\u007f\"", "\"\\u0085x\"");
  static final List<String> BAD_ZONES = List.of("1", "true", "[]", "{}", "\"\"", "\"   \"", "\"Mars/Olympus\"",
      "\"+05:30\"", "\"GMT+1\"", "\"UTC+1\"", "\"utc\"", "\"Europe/Madrid\\u0000\"", "\"" + "x".repeat(70) + "\"",
      "\"../../etc/passwd\"", "\"Etc/GMT+99\"");
  static final List<String> BAD_INSTANTS = List.of("1", "true", "[]", "{}", "\"\"", "\"yesterday\"",
      "\"2026-02-30T10:00:00Z\"", "\"2026-13-01T00:00:00Z\"", "\"2026-01-01T25:00:00Z\"", "\"2026-01-01T10:61:00Z\"",
      "\"2026-01-01\"", "\"10:00:00\"", "\"-999999999-01-01T00:00:00Z\"", "\"+999999999-12-31T23:59:59Z\"",
      "\"0000-01-01T00:00:00Z\"", "\"2026-01-01T10:00:00+25:00\"", "\"2100-01-01T00:00:00Z\"",
      "\"" + "9".repeat(80) + "\"", "1767261600", "\"2026-01-01T10:00:00Z\\u0000\"");
  static final List<String> BAD_TYPES = List.of("null", "1", "[]", "{}", "\"\"", "\"PHONE\"", "\"tv\"",
      "\"phone \"", "\"urgent task\"", "\"self\\u0000\"", "[\"phone\"]");
  static final List<String> BAD_EMAILS = List.of("\"not-an-email\"", "\"a@b\"", "\"@example.com\"",
      "\"a b@example.com\"", "\"a@@example.com\"", "\"a@example..com\"", "\"" + "a".repeat(300) + "@example.com\"");
  static final List<String> BAD_PATH_IDS = List.of("0", "-1", "abc", "1.5", LONG_MAX_PLUS_ONE,
      "99999999999999999999999", "%20", "%00", "1%00", "%ZZ", "1e3", "0x10", "%EF%BC%91", "1;2", "null",
      "9223372036854775807", "%2F", "%F0%9F%9A%80");
  static final List<String> BAD_DAYS = List.of("2026-02-30", "2026-13-01", "x", "", "2026-1-1", "-999999999-01-01",
      "%2B999999999-12-31", "%ZZ", "2026-01-01T00:00:00Z", "%00", "20260101");
  static final List<String> BAD_LIMITS = List.of("0", "-1", "1001", "x", "1.5", "99999999999999999999", "", "%ZZ");
  static final List<String> BAD_RANGES = List.of("", "7", "d", "0d", "-1d", "3661d", "1.5d", "%EF%BC%91d",
      "9999999999999999999999d", "%ZZ", "7dd", "all7", "%00", "7d%00");
  static final List<String> BAD_KEYS = List.of("has space", "x".repeat(256), "tab\there", "");
  static final List<String> BAD_BODIES = List.of("{", "{\"name\": }", "{'name': 'x'}", "[1, 2]", "\"text\"", "42",
      "null", "{\"a\": 1}{\"b\": 2}", "{\"a\": 1,}", "{\"a\": NaN}", "{\"a\": 01}", "[".repeat(5000),
      "{\"a\":".repeat(3000), "\u0000", "{\"a\": \"\\ud800\"", "{\"a\": \"\\x41\"}", "tru", "{}{", "<xml/>");
  static final List<String> BAD_CONTENT_TYPES = List.of("text/plain", "application/xml",
      "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx", "image/png");

  private final Target t;
  private final List<Case> cases = new ArrayList<>();

  private MalformedRequests(Target target) {
    this.t = target;
  }

  static List<Case> all(Target target, long seed, int randomCases) {
    MalformedRequests generator = new MalformedRequests(target);
    generator.fieldDefects();
    generator.bodyDefects();
    generator.pathDefects();
    generator.queryDefects();
    generator.otherDefects();
    generator.randomCombinations(new Random(seed), randomCases);
    return generator.cases;
  }

  /** An endpoint with a body: its path, token, a valid body, and the bad values of each field. */
  private record BodyEndpoint(String method, String path, String token, JsonObject valid,
                              Map<String, List<String>> badValues, List<String> required) {}

  private List<BodyEndpoint> bodyEndpoints() {
    String soon = "2026-01-02T10:00:00Z";
    Map<String, List<String>> user = new LinkedHashMap<>();
    user.put("name", concat(BAD_TEXTS, List.of("\"" + "n".repeat(101) + "\"")));
    user.put("email", concat(BAD_TEXTS, BAD_EMAILS));
    user.put("timezone", BAD_ZONES);
    Map<String, List<String>> patch = new LinkedHashMap<>();
    patch.put("name", user.get("name").subList(1, user.get("name").size()));
    patch.put("timezone", BAD_ZONES);
    Map<String, List<String>> start = new LinkedHashMap<>();
    start.put("user_id", BAD_IDS);
    start.put("start_time", BAD_INSTANTS);
    start.put("timezone", BAD_ZONES);
    Map<String, List<String>> end = Map.of("end_time", BAD_INSTANTS);
    Map<String, List<String>> log = new LinkedHashMap<>();
    log.put("session_id", BAD_IDS);
    log.put("user_id", BAD_IDS);
    log.put("type", BAD_TYPES);
    log.put("description", concat(BAD_TEXTS, List.of("\"" + "d".repeat(501) + "\"")));
    log.put("start_time", BAD_INSTANTS);
    log.put("end_time", concat(BAD_INSTANTS, List.of("\"2025-12-01T09:00:00Z\"")));
    return List.of(
        new BodyEndpoint("POST", "/users", null,
            new JsonObject().put("name", "Mallory").put("email", "mallory@example.com").put("timezone", "UTC"),
            user, List.of("name", "email")),
        new BodyEndpoint("PATCH", "/users/" + t.alice(), t.aliceToken(),
            new JsonObject().put("name", "Alice Renamed").put("timezone", "Asia/Kolkata"), patch, List.of()),
        new BodyEndpoint("POST", "/sessions/start", t.bobToken(),
            new JsonObject().put("user_id", t.bob()).put("start_time", soon).put("timezone", "UTC"),
            start, List.of("user_id")),
        new BodyEndpoint("POST", "/sessions/" + t.aliceActiveSession() + "/end", t.aliceToken(),
            new JsonObject().put("end_time", "2030-01-01T00:00:00Z"), end, List.of()),
        new BodyEndpoint("POST", "/interruptions", t.bobToken(),
            new JsonObject().put("session_id", t.bobEndedSession()).put("user_id", t.bob()).put("type", "noise")
                .put("description", "Drill next door").put("start_time", "2025-12-01T09:40:00Z")
                .put("end_time", "2025-12-01T09:45:00Z"),
            log, List.of("session_id", "user_id", "type", "description", "start_time", "end_time")));
  }

  private void fieldDefects() {
    for (BodyEndpoint e : bodyEndpoints()) {
      e.badValues().forEach((field, values) -> {
        for (String value : values) {
          add("field " + field + "=" + abbreviate(value), e.method(), e.path(), withRaw(e.valid(), field, value), e.token());
        }
      });
      for (String field : e.required()) {
        JsonObject missing = e.valid().copy();
        missing.remove(field);
        add("missing " + field, e.method(), e.path() + "/", missing.encode(), e.token());
      }
    }
  }

  private void bodyDefects() {
    for (BodyEndpoint e : bodyEndpoints()) {
      boolean bodyRequired = !e.required().isEmpty();
      for (String body : BAD_BODIES) {
        add("body " + abbreviate(body), e.method(), e.path(), body, e.token());
      }
      if (bodyRequired) {
        add("no body", e.method(), e.path(), null, e.token());
        add("empty object", e.method(), e.path(), "{}", e.token());
        add("blank body", e.method(), e.path(), "   \n", e.token());
      }
      add("oversized body", e.method(), e.path(), "{\"pad\": \"" + "p".repeat(70 * 1024) + "\"}", e.token());
      add("oversized field", e.method(), e.path(), withRaw(e.valid(), e.badValues().keySet().iterator().next(),
          "\"" + "z".repeat(66 * 1024) + "\""), e.token());
      for (String type : BAD_CONTENT_TYPES) {
        cases.add(new Case("content type " + type, e.method(), e.path(), e.valid().encode(), e.token(),
            Map.of("Content-Type", type)));
      }
      if (e.token() != null) {
        add("no token", e.method(), e.path(), e.valid().encode(), null);
        add("unknown token", e.method(), e.path(), e.valid().encode(), "hf_unknown");
      }
    }
    for (String key : BAD_KEYS) {
      for (BodyEndpoint e : bodyEndpoints().subList(2, 5)) {
        cases.add(new Case("idempotency key '" + abbreviate(key) + "'", e.method(), e.path(), e.valid().encode(),
            e.token(), Map.of("Idempotency-Key", key)));
      }
    }
  }

  private void pathDefects() {
    List<String[]> templates = new ArrayList<>(List.of(
        new String[] {"GET", "/users/%s"}, new String[] {"PATCH", "/users/%s"}, new String[] {"DELETE", "/users/%s"},
        new String[] {"POST", "/users/%s/token"}, new String[] {"POST", "/sessions/%s/end"},
        new String[] {"GET", "/sessions/%s"}, new String[] {"GET", "/sessions/user/%s"},
        new String[] {"GET", "/interruptions/session/%s"}, new String[] {"DELETE", "/interruptions/%s"}));
    for (String view : List.of("summary", "interruption-types", "productive-hours", "peak-distraction-time", "weekly-pattern")) {
      templates.add(new String[] {"GET", "/users/%s/stats/" + view});
    }
    for (String[] template : templates) {
      for (String id : BAD_PATH_IDS) {
        String body = template[0].equals("PATCH") ? "{\"name\": \"Renamed\"}" : null;
        add("path " + id, template[0], String.format(template[1], id), body, t.aliceToken());
      }
      add("no token", template[0], String.format(template[1], t.alice()), null, null);
    }
    for (String[] template : templates.subList(0, 4)) {
      add("other user", template[0], String.format(template[1], t.bob()), null, t.aliceToken());
    }
    for (String[] template : templates.subList(9, templates.size())) {
      add("other user's stats", template[0], String.format(template[1], t.bob()), null, t.aliceToken());
    }
    add("other user's sessions", "GET", "/sessions/user/" + t.bob(), null, t.aliceToken());
    add("other user's session", "GET", "/sessions/" + t.bobEndedSession(), null, t.aliceToken());
    add("other user's interruptions", "GET", "/interruptions/session/" + t.bobEndedSession(), null, t.aliceToken());
    add("other user's interruption", "DELETE", "/interruptions/" + t.bobInterruption(), null, t.aliceToken());
    add("other user's session end", "POST", "/sessions/" + t.aliceActiveSession() + "/end", null, t.bobToken());
  }

  private void queryDefects() {
    String list = "/sessions/user/" + t.alice();
    for (String day : BAD_DAYS) {
      add("day " + day, "GET", list + "?day=" + day, null, t.aliceToken());
    }
    for (String limit : BAD_LIMITS) {
      add("limit " + limit, "GET", list + "?limit=" + limit, null, t.aliceToken());
      add("offset " + limit, "GET", list + "?offset=" + (limit.equals("0") || limit.equals("1001") ? "-5" : limit),
          null, t.aliceToken());
    }
    for (String view : List.of("summary", "interruption-types", "productive-hours", "peak-distraction-time", "weekly-pattern")) {
      for (String range : BAD_RANGES) {
        add("range " + range, "GET", "/users/" + t.alice() + "/stats/" + view + "?range=" + range, null, t.aliceToken());
      }
    }
  }

  private void otherDefects() {
    add("unknown path", "GET", "/users/1/unknown", null, t.aliceToken());
    add("bad escape", "GET", "/%ZZ", null, null);
    add("traversal", "GET", "/..%2F..%2Fetc%2Fpasswd", null, null);
    add("dashboard escape", "GET", "/dashboard/%ZZ", null, null);
    add("long path", "GET", "/" + "a".repeat(7000), null, null);
    add("long query", "GET", "/sessions/user/" + t.alice() + "?day=" + "9".repeat(7000), null, t.aliceToken());
    for (String method : List.of("PUT", "DELETE", "PATCH", "TRACE")) {
      add("method " + method, method, "/sessions/start", "{}", t.bobToken());
      add("method " + method, method, "/users", "{}", null);
    }
    for (String auth : List.of("Bearer", "Basic YWxhZGRpbjpvcGVuc2VzYW1l", "Bearer " + "x".repeat(300), "bearer  ")) {
      cases.add(new Case("authorization " + abbreviate(auth), "GET", "/users/me", null, null,
          Map.of("Authorization", auth)));
    }
  }

  /** Seeded random mixes: two or three fields of one endpoint corrupted at once, extra fields, slashes. */
  private void randomCombinations(Random random, int count) {
    List<BodyEndpoint> endpoints = bodyEndpoints();
    for (int i = 0; i < count; i++) {
      BodyEndpoint e = endpoints.get(random.nextInt(endpoints.size()));
      List<String> fields = new ArrayList<>(e.badValues().keySet());
      JsonObject body = e.valid().copy().put("unknown_" + i, random.nextInt());
      Map<String, String> corrupted = new LinkedHashMap<>();
      int corrupt = 1 + random.nextInt(Math.min(3, fields.size()));
      for (int c = 0; c < corrupt; c++) {
        String field = fields.get(random.nextInt(fields.size()));
        List<String> values = e.badValues().get(field);
        corrupted.put(field, values.get(random.nextInt(values.size())));
      }
      StringBuilder label = new StringBuilder("random");
      corrupted.forEach((field, value) -> label.append(' ').append(field).append('=').append(abbreviate(value)));
      add(label.toString(), e.method(), e.path() + (random.nextBoolean() ? "/" : ""), withRaw(body, corrupted), e.token());
    }
  }

  private void add(String label, String method, String path, String body, String token) {
    cases.add(new Case(label, method, path, body, token, Map.of()));
  }

  /** The body with {@code field} set to the raw JSON text {@code value} (which may be invalid JSON). */
  private static String withRaw(JsonObject valid, String field, String value) {
    return withRaw(valid, Map.of(field, value));
  }

  private static String withRaw(JsonObject valid, Map<String, String> rawValues) {
    JsonObject copy = valid.copy();
    rawValues.keySet().forEach(field -> copy.put(field, "__RAW_" + field + "__"));
    String text = copy.encode();
    for (Map.Entry<String, String> raw : rawValues.entrySet()) {
      text = text.replace("\"__RAW_" + raw.getKey() + "__\"", raw.getValue());
    }
    return text;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static String abbreviate(String text) {
    return text.length() > 30 ? text.substring(0, 30) + "...(" + text.length() + ")" : text;
  }
}
