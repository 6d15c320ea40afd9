package dev.hyperfocus.launcher;

import static dev.hyperfocus.launcher.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.Setting;
import dev.hyperfocus.launcher.TestNode.Reply;
import dev.hyperfocus.sessions.SessionsVerticle;
import dev.hyperfocus.users.UsersVerticle;
import dev.hyperfocus.web.WebVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The compensation of an import: a node whose interruptions domain is missing (as if it failed
 * after the sessions were written) must remove the sessions it wrote and answer the failure. The
 * real users, sessions and web verticles on real SQLite files; only the interruptions verticle is
 * not deployed.
 */
class ImportCompensationIT {
  @Test
  @DisplayName("When the interruptions cannot be written, the imported sessions are removed again and the client gets a 503")
  void interruptionsFailingRemovesTheSessions() throws Exception {
    Path dir = Files.createTempDirectory("hyperfocus-compensation");
    Vertx vertx = Vertx.vertx();
    try {
      JsonObject config = Settings.resolve(new String[0], Map.of(Setting.HTTP_PORT.envVar(), "0",
          Setting.DATA_DIR.envVar(), dir.toString(), Setting.RATE_LIMIT.envVar(), "0",
          Setting.SIGNUP_RATE_LIMIT.envVar(), "0", Setting.AUTH_FAILURE_LIMIT.envVar(), "0",
          Setting.BUS_TIMEOUT.envVar(), "1000"));
      DeploymentOptions options = new DeploymentOptions().setConfig(config);
      WebVerticle web = new WebVerticle();
      vertx.deployVerticle(new SessionsVerticle(Clock.systemUTC()), options)
          .compose(sessions -> vertx.deployVerticle(new UsersVerticle(Clock.systemUTC()), options))
          .compose(users -> vertx.deployVerticle(web, options))
          .await(60, TimeUnit.SECONDS);
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + web.actualPort();
      JsonObject user = expect(HttpCalls.send(http, base + "/users", "POST",
          new JsonObject().put("name", "Ada").put("email", "ada@example.com").encode(), null, Map.of(),
          Duration.ofSeconds(20)), 201).json();
      String token = user.getString("api_token");
      String export = new JsonObject()
          .put("sessions", new JsonArray().add(new JsonObject().put("id", 1).put("start_time", "2026-05-01T08:00:00Z")
              .put("end_time", "2026-05-01T10:00:00Z").put("timezone", "UTC")))
          .put("interruptions", new JsonArray().add(new JsonObject().put("id", 1).put("session_id", 1)
              .put("type", "noise").put("description", "Drilling").put("start_time", "2026-05-01T08:30:00Z")
              .put("end_time", "2026-05-01T08:40:00Z")))
          .encode();

      Reply reply = HttpCalls.send(http, base + "/users/" + user.getLong("id") + "/import?format=hyperfocus", "POST",
          export, token, Map.of(), Duration.ofSeconds(60));

      expect(reply, 503);
      assertThat(reply.header("Retry-After")).isNotNull();
      Reply sessions = HttpCalls.send(http, base + "/sessions/user/" + user.getLong("id"), "GET", null, token, Map.of(),
          Duration.ofSeconds(20));
      assertThat(expect(sessions, 200).array()).isEmpty();
      Reply first = HttpCalls.send(http, base + "/sessions/1", "GET", null, token, Map.of(), Duration.ofSeconds(20));
      expect(first, 404);
    } finally {
      vertx.close().await(60, TimeUnit.SECONDS);
      TestNode.deleteTree(dir);
    }
  }
}
