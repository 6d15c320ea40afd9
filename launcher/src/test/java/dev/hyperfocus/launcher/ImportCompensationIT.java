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
 * An import across two SQLite files, when a step fails: nothing of it may stay. Real verticles on
 * real SQLite files throughout.
 */
class ImportCompensationIT {
  @Test
  @DisplayName("When the interruptions cannot be written (their verticle is missing), nothing is written and the client gets a 503")
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

  @Test
  @DisplayName("When the sessions cannot be written after the interruptions (a live session started between), the interruptions are removed again: 409, nothing of the import stays")
  void sessionsFailingRemovesTheInterruptions() {
    try (TestNode node = TestNode.start()) {
      Api.Account ada = Api.signUp(node);
      // hold the import's session write until a live session has started inside the imported span,
      // as a client's start could come between the import's check and its write
      node.node().vertx().eventBus().addInboundInterceptor(delivery -> {
        if (!"sessions.import".equals(delivery.message().address())) {
          delivery.next();
          return;
        }
        dev.hyperfocus.api.SessionsApi.START.request(node.node().vertx().eventBus(),
                new dev.hyperfocus.api.SessionsApi.Start(ada.id(), null, java.time.Instant.parse("2026-05-01T09:00:00Z"), null))
            .onComplete(started -> delivery.next());
      });
      String export = new JsonObject()
          .put("sessions", new JsonArray().add(new JsonObject().put("id", 1).put("start_time", "2026-05-01T08:00:00Z")
              .put("end_time", "2026-05-01T10:00:00Z").put("timezone", "UTC")))
          .put("interruptions", new JsonArray().add(new JsonObject().put("id", 1).put("session_id", 1)
              .put("type", "noise").put("description", "Drilling").put("start_time", "2026-05-01T08:30:00Z")
              .put("end_time", "2026-05-01T08:40:00Z")))
          .encode();

      Reply reply = node.send("POST", "/users/" + ada.id() + "/import", export, ada.token(), Map.of(), Duration.ofSeconds(60));

      expect(reply, 409);
      assertThat(reply.json().getString("detail")).startsWith("sessions[0] (id 1): overlaps session ");
      JsonObject everything = expect(node.get("/users/" + ada.id() + "/export", ada.token()), 200).json();
      assertThat(everything.getJsonArray("sessions")).hasSize(1);
      assertThat(everything.getJsonArray("sessions").getJsonObject(0).getString("start_time")).isEqualTo("2026-05-01T09:00:00Z");
      assertThat(everything.getJsonArray("interruptions")).isEmpty();
      JsonObject stats = expect(node.get("/users/" + ada.id() + "/stats/summary?range=all", ada.token()), 200).json();
      assertThat(stats.getInteger("total_interruptions")).isZero();
    }
  }
}
