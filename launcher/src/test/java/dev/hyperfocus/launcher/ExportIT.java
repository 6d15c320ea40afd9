package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.Interruption;
import dev.hyperfocus.api.Session;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code GET /users/{id}/export}: the same data as the API, as JSON or RFC 4180 CSV. */
class ExportIT {
  private static final List<String> DESCRIPTIONS =
      List.of("plain", "a comma, here", "a \"quoted\" word", "two\nlines", "crlf\r\nend", "café ☕, \"all\"\n of it");

  private static TestNode node;
  private static long userId;
  private static String token;
  private static String otherToken;
  private static long emptyUserId;
  private static String emptyToken;

  @BeforeAll
  static void start() {
    node = TestNode.start();
    JsonObject user = node.signUp("Exporter", "exporter@example.com", "Asia/Kolkata");
    userId = user.getLong("id");
    token = user.getString("api_token");
    otherToken = node.signUp("Other", "other@example.com", null).getString("api_token");
    JsonObject empty = node.signUp("Empty", "empty@example.com", null);
    emptyUserId = empty.getLong("id");
    emptyToken = empty.getString("api_token");
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(6));
    for (int s = 0; s < 2; s++) {
      Instant from = start.plus(Duration.ofHours(3L * s));
      long session = node.post("/sessions/start", new JsonObject().put("user_id", userId)
          .put("start_time", from.toString()), token).json().getLong("id");
      for (int i = 0; i < DESCRIPTIONS.size(); i++) {
        JsonObject body = new JsonObject().put("session_id", session).put("user_id", userId).put("type", "self")
            .put("description", DESCRIPTIONS.get(i))
            .put("start_time", from.plus(Duration.ofMinutes(10L * i + 1)).toString())
            .put("end_time", from.plus(Duration.ofMinutes(10L * i + 6)).toString());
        assertThat(node.post("/interruptions", body, token).status()).isEqualTo(201);
      }
      if (s == 0) {
        node.post("/sessions/" + session + "/end", new JsonObject().put("end_time", from.plus(Duration.ofHours(2)).toString()), token);
      }
    }
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  @DisplayName("The JSON export holds the user, their sessions and their interruptions exactly as the API shows them")
  void jsonMatchesApi() {
    TestNode.Reply reply = node.get("/users/" + userId + "/export", token);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).isEqualTo("application/json");
    assertThat(reply.header("Content-Disposition")).isEqualTo("attachment; filename=\"hyperfocus-user-" + userId + ".json\"");
    JsonObject export = reply.json();
    assertThat(export.fieldNames()).containsExactly("user", "sessions", "interruptions");
    Recomputation.Rows rows = Recomputation.read(userId, path -> node.get(path, token));
    assertThat(export.getJsonObject("user")).isEqualTo(rows.user());
    assertThat(export.getJsonArray("sessions")).isEqualTo(new JsonArray(byId(rows.sessions())));
    assertThat(export.getJsonArray("interruptions")).isEqualTo(new JsonArray(byId(rows.interruptions()))).hasSize(12);
    assertThat(node.get("/users/" + userId + "/export/?format=json", token).json()).isEqualTo(export);
  }

  @Test
  @DisplayName("The CSV of sessions has a header row of the JSON field names and one row per session")
  void sessionsCsv() {
    TestNode.Reply reply = node.get("/users/" + userId + "/export?format=csv&what=sessions", token);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).isEqualTo("text/csv; charset=utf-8");
    assertThat(reply.header("Content-Disposition")).contains("hyperfocus-user-" + userId + "-sessions.csv");
    assertCsvMatches(reply.body(), Session.FIELDS, byId(Recomputation.read(userId, path -> node.get(path, token)).sessions()));
  }

  @Test
  @DisplayName("The CSV of interruptions quotes commas, quotes and line breaks as RFC 4180 says and loses nothing")
  void interruptionsCsv() {
    TestNode.Reply reply = node.get("/users/" + userId + "/export?format=csv&what=interruptions", token);
    assertThat(reply.status()).isEqualTo(200);
    List<Object> expected = byId(Recomputation.read(userId, path -> node.get(path, token)).interruptions());
    assertCsvMatches(reply.body(), Interruption.FIELDS, expected);
    assertThat(reply.body()).contains("\"a \"\"quoted\"\" word\"").contains("\"two\nlines\"");
  }

  @Test
  @DisplayName("A user without history exports empty lists and a CSV with only its header")
  void emptyHistory() {
    JsonObject export = node.get("/users/" + emptyUserId + "/export", emptyToken).json();
    assertThat(export.getJsonArray("sessions")).isEmpty();
    assertThat(export.getJsonArray("interruptions")).isEmpty();
    assertThat(node.get("/users/" + emptyUserId + "/export?format=csv&what=sessions", emptyToken).body())
        .isEqualTo(String.join(",", Session.FIELDS) + "\r\n");
  }

  @Test
  @DisplayName("Export refuses a missing token (401), another user's data (403), an unknown user (404) and unknown choices (422)")
  void refusals() {
    String path = "/users/" + userId + "/export";
    assertThat(node.get(path, null).status()).isEqualTo(401);
    assertThat(node.get(path, otherToken).status()).isEqualTo(403);
    assertThat(node.get("/users/999999/export", token).detail()).isEqualTo("User not found");
    assertProblem(node.get(path + "?format=xml", token), "format", "literal_error");
    assertProblem(node.get(path + "?format=csv", token), "what", "missing");
    assertProblem(node.get(path + "?format=csv&what=users", token), "what", "literal_error");
    assertProblem(node.get("/users/abc/export", token), "id", "int_parsing");
  }

  private static void assertProblem(TestNode.Reply reply, String field, String type) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
    JsonObject problem = ((JsonArray) reply.detail()).getJsonObject(0);
    assertThat(problem.getJsonArray("loc").getString(1)).isEqualTo(field);
    assertThat(problem.getString("type")).isEqualTo(type);
  }

  private static void assertCsvMatches(String csv, List<String> fields, List<Object> expected) {
    List<List<String>> records = CsvReader.parse(csv);
    assertThat(records.get(0)).containsExactlyElementsOf(fields);
    assertThat(records).hasSize(expected.size() + 1);
    for (int r = 0; r < expected.size(); r++) {
      JsonObject row = (JsonObject) expected.get(r);
      List<String> values = new ArrayList<>();
      fields.forEach(field -> values.add(row.getValue(field) == null ? "" : row.getValue(field).toString()));
      assertThat(records.get(r + 1)).as("row " + (r + 1)).containsExactlyElementsOf(values);
    }
  }

  private static List<Object> byId(List<JsonObject> rows) {
    return rows.stream().sorted(Comparator.comparingLong(row -> row.getLong("id"))).map(Object.class::cast).toList();
  }
}
