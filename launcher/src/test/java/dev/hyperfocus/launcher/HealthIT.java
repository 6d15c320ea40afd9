package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hyperfocus.api.Setting;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** GET /health: Vert.x health checks of the local verticles, or of the data node on a web-only node. */
class HealthIT {

  @Test
  @DisplayName("A full node is UP with a check per local verticle and database")
  void fullNodeIsUp() {
    try (TestNode node = TestNode.start()) {
      TestNode.Reply health = node.get("/health", null);

      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().getString("status")).isEqualTo("UP");
      assertThat(ids(health.json().getJsonArray("checks")))
          .containsExactly("interruptions", "sessions", "stats", "users", "web");
    }
  }

  @Test
  @DisplayName("A web-only node outside a cluster is refused at start, saying why")
  void webOnlyNodeNeedsACluster() {
    assertThatThrownBy(() -> Settings.resolve(new String[0], Map.of(Setting.ROLES.envVar(), "web")))
        .isInstanceOf(Settings.Invalid.class)
        .hasMessageContaining("HYPERFOCUS_CLUSTER=true");
  }

  @Test
  @DisplayName("Every response carries X-Request-Id: the client's when usable, else a new one")
  void requestIdIsEchoedOrGenerated() {
    try (TestNode node = TestNode.start()) {
      assertThat(node.send("GET", "/health", null, null, Map.of("X-Request-Id", "trace-42")).header("X-Request-Id"))
          .isEqualTo("trace-42");
      assertThat(node.send("GET", "/nowhere", null, null, Map.of("X-Request-Id", "x".repeat(201))).header("X-Request-Id"))
          .hasSize(36);
      assertThat(node.get("/", null).header("X-Request-Id")).isNotBlank();
    }
  }

  private static List<String> ids(JsonArray checks) {
    return checks.stream().map(check -> ((JsonObject) check).getString("id")).toList();
  }
}
