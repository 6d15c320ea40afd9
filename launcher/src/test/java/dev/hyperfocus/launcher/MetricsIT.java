package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.Setting;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** GET /metrics after some traffic: Vert.x's HTTP, event-bus and pool metrics, and our own meters. */
class MetricsIT {

  @Test
  @DisplayName("Metrics expose HTTP requests by route and status, event-bus messages, pools and domain meters")
  void metricsAfterTraffic() {
    try (TestNode node = TestNode.start()) {
      JsonObject user = node.signUp("Grace", "grace@example.com", "UTC");
      long id = user.getLong("id");
      String token = user.getString("api_token");
      assertThat(node.post("/sessions/start", new JsonObject().put("user_id", id), token).status()).isEqualTo(201);
      assertThat(node.get("/users/" + id + "/stats/summary", token).status()).isEqualTo(200);
      assertThat(node.get("/users/" + id, null).status()).isEqualTo(401);

      TestNode.Reply metrics = node.get("/metrics", null);

      assertThat(metrics.status()).isEqualTo(200);
      assertThat(metrics.header("Content-Type")).startsWith("text/plain");
      List<String> lines = Arrays.asList(metrics.body().split("\n"));
      assertThat(lines).anyMatch(line -> line.startsWith("vertx_http_server_requests_total{")
          && line.contains("code=\"201\"") && line.contains("method=\"POST\"") && line.contains("route=\"/users\""));
      assertThat(lines).anyMatch(line -> line.startsWith("vertx_http_server_requests_total{")
          && line.contains("code=\"401\"") && line.contains("route=\"/users/:id\""));
      assertThat(lines).anyMatch(line -> line.startsWith("vertx_eventbus_sent_total{")
          && line.contains("address=\"users.create\""));
      assertThat(lines).anyMatch(line -> line.startsWith("vertx_eventbus_published_total{")
          && line.contains("address=\"sessions.events\""));
      assertThat(lines).anyMatch(line -> line.startsWith("vertx_pool_completed_total{")
          && line.contains("pool_name=\"sqlite-sessions\"") && line.contains("pool_type=\"sql\""));
      assertThat(value(lines, "hyperfocus_sessions_active")).isEqualTo(1.0);
      assertThat(value(lines, "hyperfocus_stats_users_loaded")).isEqualTo(1.0);
      assertThat(value(lines, "hyperfocus_stats_rebuilds_total")).isGreaterThanOrEqualTo(1.0);
      assertThat(value(lines, "hyperfocus_stats_evictions_total")).isEqualTo(0.0);
      assertThat(value(lines, "hyperfocus_websockets_connected")).isEqualTo(0.0);
      assertThat(value(lines, "hyperfocus_pushes_sent_total")).isEqualTo(0.0);
    }
  }

  @Test
  @DisplayName("The active-session gauge counts the sessions left active across a restart")
  void activeSessionsAreCountedAtStart() throws Exception {
    Path dir = Files.createTempDirectory("hyperfocus-metrics");
    try {
      try (TestNode node = TestNode.start(Map.of(Setting.DATA_DIR, dir.toString()))) {
        for (int i = 0; i < 2; i++) {
          JsonObject user = node.signUp("U" + i, "u" + i + "@example.com", null);
          node.post("/sessions/start", new JsonObject().put("user_id", user.getLong("id")), user.getString("api_token"));
        }
        node.stopOnly();
      }
      try (TestNode restarted = TestNode.start(Map.of(Setting.DATA_DIR, dir.toString()))) {
        List<String> lines = Arrays.asList(restarted.get("/metrics", null).body().split("\n"));
        assertThat(value(lines, "hyperfocus_sessions_active")).isEqualTo(2.0);
      }
    } finally {
      TestNode.deleteTree(dir);
    }
  }

  /** The value of an unlabelled sample, e.g. {@code hyperfocus_sessions_active 1.0}. */
  private static double value(List<String> lines, String name) {
    return lines.stream()
        .filter(line -> line.startsWith(name + " "))
        .map(line -> Double.parseDouble(line.substring(name.length() + 1).trim()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " missing from /metrics"));
  }
}
