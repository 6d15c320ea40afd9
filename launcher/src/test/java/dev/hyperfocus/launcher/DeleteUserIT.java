package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.Setting;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Deleting a user removes them from every domain, also when a crash interrupted the deletion, and
 * is never acknowledged before every domain has purged them.
 */
class DeleteUserIT {
  private Path dir;

  /** A user with its token and its active session. */
  private record Account(long id, String token, long activeSession) {}

  @BeforeEach
  void createDir() throws Exception {
    dir = Files.createTempDirectory("hyperfocus-delete");
  }

  @AfterEach
  void deleteDir() {
    TestNode.deleteTree(dir);
  }

  @Test
  @DisplayName("Deleting a user leaves no row of theirs in any database and keeps every other user's rows")
  void deleteAcrossDomains() throws Exception {
    Account gone;
    Account kept;
    try (TestNode node = node()) {
      gone = withHistory(node, "gone");
      kept = withHistory(node, "kept");
      assertThat(node.delete("/users/" + gone.id(), kept.token()).status()).isEqualTo(403);
      assertThat(node.delete("/users/" + gone.id(), gone.token()).status()).isEqualTo(204);
      assertThat(node.get("/users/" + gone.id(), gone.token()).status()).isEqualTo(401);
      assertThat(node.get("/users/" + gone.id(), kept.token()).status()).isEqualTo(404);
      assertThat(node.get("/users/" + gone.id() + "/export", kept.token()).status()).isEqualTo(404);
      // the interruptions domain had checked that session before: its copy went with the user
      assertThat(node.post("/interruptions", new JsonObject().put("session_id", gone.activeSession())
          .put("user_id", gone.id()).put("type", "phone").put("description", "late")
          .put("start_time", Instant.now().minusSeconds(60).toString()).put("end_time", Instant.now().minusSeconds(30).toString()),
          kept.token()).status()).isEqualTo(404);
      assertThat(node.get("/interruptions/session/" + gone.activeSession(), kept.token()).status()).isEqualTo(404);
      assertThat(node.get("/interruptions/session/" + kept.activeSession(), kept.token()).status()).isEqualTo(200);
      node.stopOnly();
    }
    assertNoRowsOf(gone.id());
    assertRowsOf(kept.id());
  }

  @Test
  @DisplayName("A deletion some domain cannot finish is a 503 with Retry-After, never a 204; the user is gone for every use but the repeated DELETE, which finishes it")
  void failedPurgeIsNotAcknowledged() throws Exception {
    Account gone;
    Account kept;
    try (TestNode node = node()) {
      gone = withHistory(node, "gone");
      kept = withHistory(node, "kept");
      AtomicBoolean down = new AtomicBoolean(true);
      Handler<DeliveryContext<Object>> unavailable = delivery -> {
        if (down.get() && Address.INTERRUPTIONS_PURGE_USER.equals(delivery.message().address())) {
          delivery.message().fail(503, "interruptions domain unavailable");
        } else {
          delivery.next();
        }
      };
      EventBus bus = node.node().vertx().eventBus();
      bus.addInboundInterceptor(unavailable);
      try {
        TestNode.Reply failed = node.delete("/users/" + gone.id(), gone.token());
        assertThat(failed.status()).as(failed.toString()).isEqualTo(503);
        assertThat(failed.header("Retry-After")).isNotBlank();
        assertThat(SqliteFiles.count(dir, "users", "SELECT COUNT(*) FROM tombstones")).as("tombstone kept").isEqualTo(1);
        assertThat(node.get("/users/" + gone.id(), gone.token()).status()).isEqualTo(404);
        assertThat(node.post("/sessions/start", new JsonObject().put("user_id", gone.id()), gone.token()).status())
            .isEqualTo(404);
        down.set(false);
        assertThat(node.delete("/users/" + gone.id(), gone.token()).status()).as("the repeat finishes it").isEqualTo(204);
        assertThat(node.delete("/users/" + gone.id(), gone.token()).status()).as("token gone with the user").isEqualTo(401);
        assertThat(node.delete("/users/" + gone.id(), kept.token()).status()).isEqualTo(404);
      } finally {
        bus.removeInboundInterceptor(unavailable);
      }
      node.stopOnly();
    }
    assertNoRowsOf(gone.id());
    assertRowsOf(kept.id());
  }

  @Test
  @DisplayName("A deletion that a crash left half done (user gone, sessions and interruptions not) is completed at the next start")
  void interruptedDeleteIsRepaired() throws Exception {
    Account gone;
    Account kept;
    try (TestNode node = node()) {
      gone = withHistory(node, "gone");
      kept = withHistory(node, "kept");
      node.stopOnly();
    }
    SqliteFiles.execute(dir, "users", "DELETE FROM users WHERE id = " + gone.id(),
        "INSERT INTO tombstones (user_id, deleted_at) VALUES (" + gone.id() + ", " + Instant.now().toEpochMilli() + ")");
    assertThat(SqliteFiles.count(dir, "sessions", "SELECT COUNT(*) FROM sessions WHERE user_id = ?", gone.id())).isEqualTo(2);

    try (TestNode restarted = node()) {
      assertThat(restarted.get("/users/" + kept.id() + "/export", kept.token()).json()
          .getJsonArray("sessions")).hasSize(2);
      restarted.stopOnly();
    }
    assertNoRowsOf(gone.id());
    assertRowsOf(kept.id());
  }

  private TestNode node() {
    return TestNode.start(Map.of(Setting.DATA_DIR, dir.toString()));
  }

  /** Two sessions, the second still active, with two interruptions each. */
  private static Account withHistory(TestNode node, String name) {
    JsonObject user = node.signUp(name, name + "@example.com", "Europe/Madrid");
    Account account = new Account(user.getLong("id"), user.getString("api_token"), 0);
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(5));
    for (int s = 0; s < 2; s++) {
      Instant from = start.plus(Duration.ofHours(2L * s));
      long session = node.post("/sessions/start", new JsonObject().put("user_id", account.id())
          .put("start_time", from.toString()), account.token()).json().getLong("id");
      account = new Account(account.id(), account.token(), session);
      for (int i = 0; i < 2; i++) {
        assertThat(node.post("/interruptions", new JsonObject().put("session_id", session).put("user_id", account.id())
            .put("type", "family").put("description", "i" + i)
            .put("start_time", from.plus(Duration.ofMinutes(10L + 20 * i)).toString())
            .put("end_time", from.plus(Duration.ofMinutes(15L + 20 * i)).toString()), account.token()).status())
            .isEqualTo(201);
      }
      if (s == 0) {
        assertThat(node.post("/sessions/" + session + "/end", new JsonObject()
            .put("end_time", from.plus(Duration.ofHours(1)).toString()), account.token()).status()).isEqualTo(200);
      }
    }
    return account;
  }

  private void assertNoRowsOf(long userId) throws Exception {
    assertThat(SqliteFiles.count(dir, "users", "SELECT COUNT(*) FROM users WHERE id = ?", userId)).isZero();
    assertThat(SqliteFiles.count(dir, "users", "SELECT COUNT(*) FROM tombstones")).as("tombstones left").isZero();
    assertThat(SqliteFiles.count(dir, "sessions", "SELECT COUNT(*) FROM sessions WHERE user_id = ?", userId)).isZero();
    assertThat(SqliteFiles.count(dir, "interruptions", "SELECT COUNT(*) FROM interruptions WHERE user_id = ?", userId)).isZero();
  }

  private void assertRowsOf(long userId) throws Exception {
    assertThat(SqliteFiles.count(dir, "users", "SELECT COUNT(*) FROM users WHERE id = ?", userId)).isEqualTo(1);
    assertThat(SqliteFiles.count(dir, "sessions", "SELECT COUNT(*) FROM sessions WHERE user_id = ?", userId)).isEqualTo(2);
    assertThat(SqliteFiles.count(dir, "interruptions", "SELECT COUNT(*) FROM interruptions WHERE user_id = ?", userId)).isEqualTo(4);
  }
}
