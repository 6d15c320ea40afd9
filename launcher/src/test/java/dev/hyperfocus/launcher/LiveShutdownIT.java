package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Graceful shutdown as a live client sees it. */
class LiveShutdownIT {

  @Test
  @DisplayName("Stopping the node closes open live sockets with 1001 (going away)")
  void socketsGetGoingAway() throws Exception {
    TestNode node = TestNode.start();
    try {
      JsonObject user = node.signUp("Shutdown Sam", "sam@example.com", "UTC");
      try (LiveClient live = LiveClient.connect(node.port(), "/users/" + user.getLong("id") + "/live",
          user.getString("api_token"))) {
        assertThat(live.next().getString("type")).isEqualTo("snapshot");
        node.stopOnly();
        assertThat(live.closeCode()).isEqualTo(1001);
      }
    } finally {
      TestNode.deleteTree(node.dataDir());
    }
  }
}
