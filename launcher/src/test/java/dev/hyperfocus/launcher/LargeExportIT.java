package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hyperfocus.api.Interruption;
import dev.hyperfocus.api.Setting;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 100,000 interruptions, seeded straight into {@code interruptions.db}, exported by the real jar
 * in a JVM with a 64 MiB heap: the export (about 30 MB of JSON) only completes if it streams.
 */
@Tag("slow")
class LargeExportIT {
  private static final int ROWS = 100_000;
  private static final String HEAP = "-Xmx64m";

  @Test
  @DisplayName("A 100,000-interruption history exports as JSON and as CSV from a node limited to a 64 MiB heap")
  void streamsWithConstantMemory() throws Exception {
    Path dir = Files.createTempDirectory("hyperfocus-large");
    try {
      JsonObject user;
      long sessionId;
      Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(40));
      try (TestNode node = TestNode.start(Map.of(Setting.DATA_DIR, dir.toString()))) {
        user = node.signUp("Heavy", "heavy@example.com", "Europe/Madrid");
        sessionId = node.post("/sessions/start", new JsonObject().put("user_id", user.getLong("id"))
            .put("start_time", start.toString()), user.getString("api_token")).json().getLong("id");
        node.stopOnly();
      }
      seed(dir, sessionId, user.getLong("id"), start);
      try (ChildNode node = ChildNode.start(dir, HEAP)) {
        String path = "/users/" + user.getLong("id") + "/export";
        long began = System.nanoTime();
        assertThat(countJsonInterruptions(node, path, user.getString("api_token"))).isEqualTo(ROWS);
        long json = System.nanoTime();
        assertThat(countCsvRecords(node, path + "?format=csv&what=interruptions", user.getString("api_token")))
            .isEqualTo(ROWS);
        long csv = System.nanoTime();
        System.out.printf("LargeExportIT: %d interruptions with %s: JSON in %d ms, CSV in %d ms%n",
            ROWS, HEAP, (json - began) / 1_000_000, (csv - json) / 1_000_000);
        assertThat(node.get("/health", null).status()).isEqualTo(200);
        assertThat(node.log()).doesNotContain("OutOfMemoryError");
      }
    } finally {
      TestNode.deleteTree(dir);
    }
  }

  private static void seed(Path dir, long sessionId, long userId, Instant start) throws Exception {
    try (Connection db = SqliteFiles.open(dir, "interruptions")) {
      db.setAutoCommit(false);
      try (PreparedStatement insert = db.prepareStatement("INSERT INTO interruptions (session_id, user_id, type,"
          + " description, start_time, end_time, duration, session_timezone, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < ROWS; i++) {
          long from = start.plusSeconds(30L * i).toEpochMilli();
          insert.setLong(1, sessionId);
          insert.setLong(2, userId);
          insert.setString(3, "phone");
          insert.setString(4, "seeded, \"row\" " + i);
          insert.setLong(5, from);
          insert.setLong(6, from + 20_000);
          insert.setLong(7, 20);
          insert.setString(8, "Europe/Madrid");
          insert.setLong(9, from);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      db.commit();
    }
  }

  private static InputStream open(ChildNode node, String path, String token) throws Exception {
    HttpResponse<InputStream> response = node.http().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + node.port() + path))
        .timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /** Parses the JSON as a stream; the interruptions must come in increasing id order, each once. */
  private static long countJsonInterruptions(ChildNode node, String path, String token) throws Exception {
    long count = 0;
    long lastId = 0;
    try (InputStream in = open(node, path, token); JsonParser parser = new JsonFactory().createParser(in)) {
      String section = null;
      int depth = 0;
      for (JsonToken token0 = parser.nextToken(); token0 != null; token0 = parser.nextToken()) {
        switch (token0) {
          case START_OBJECT, START_ARRAY -> depth++;
          case END_OBJECT, END_ARRAY -> depth--;
          case FIELD_NAME -> {
            if (depth == 1) {
              section = parser.currentName();
            } else if (depth == 3 && "interruptions".equals(section) && "id".equals(parser.currentName())) {
              parser.nextToken();
              long id = parser.getLongValue();
              assertThat(id).isGreaterThan(lastId);
              lastId = id;
              count++;
            }
          }
          default -> { }
        }
      }
      assertThat(depth).as("the document is complete").isZero();
    }
    return count;
  }

  private static long countCsvRecords(ChildNode node, String path, String token) throws Exception {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(open(node, path, token), StandardCharsets.UTF_8))) {
      assertThat(in.readLine()).isEqualTo(String.join(",", Interruption.FIELDS));
      long count = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        assertThat(line).contains(",\"seeded, \"\"row\"\" ");
        count++;
      }
      return count;
    }
  }
}
