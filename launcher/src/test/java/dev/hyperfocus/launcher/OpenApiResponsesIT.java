package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Real responses of a running node validate against the schemas of its own GET /openapi.json. */
class OpenApiResponsesIT {
  private static final String[] VIEWS =
      {"summary", "interruption-types", "productive-hours", "peak-distraction-time", "weekly-pattern"};

  @Test
  @DisplayName("Responses of users, sessions, interruptions, statistics and errors match the OpenAPI document")
  void responsesMatchTheDocument() {
    try (TestNode node = TestNode.start()) {
      TestNode.Reply served = node.get("/openapi.json", null);
      assertThat(served.status()).isEqualTo(200);
      OpenApiSchemas api = new OpenApiSchemas(served.json());

      api.assertConforms("GET", "/", node.get("/", null));
      api.assertConforms("GET", "/health", node.get("/health", null));

      TestNode.Reply signUp = node.post("/users",
          new JsonObject().put("name", "Ada").put("email", "ada@example.com").put("timezone", "Europe/Berlin"), null);
      api.assertConforms("POST", "/users", signUp);
      long id = signUp.json().getLong("id");
      String token = signUp.json().getString("api_token");
      api.assertConforms("POST", "/users", node.post("/users",
          new JsonObject().put("name", "Ada").put("email", "ADA@example.com"), null));
      api.assertConforms("POST", "/users", node.post("/users", new JsonObject().put("name", " "), null));
      api.assertConforms("POST", "/users", node.send("POST", "/users", "{not json", null, Map.of()));

      api.assertConforms("GET", "/users/me", node.get("/users/me", token));
      api.assertConforms("GET", "/users/{id}", node.get("/users/" + id, token));
      api.assertConforms("GET", "/users/{id}", node.get("/users/" + id, null));
      api.assertConforms("GET", "/users/{id}", node.get("/users/" + (id + 1000), token));
      api.assertConforms("GET", "/users/{id}", node.get("/users/abc", token));
      api.assertConforms("PATCH", "/users/{id}", node.patch("/users/" + id, new JsonObject().put("name", "Ada L."), token));

      Instant start = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
      TestNode.Reply started = node.post("/sessions/start",
          new JsonObject().put("user_id", id).put("start_time", start.toString()), token);
      api.assertConforms("POST", "/sessions/start", started);
      long sessionId = started.json().getLong("id");
      api.assertConforms("POST", "/sessions/start", node.post("/sessions/start", new JsonObject().put("user_id", id), token));
      api.assertConforms("GET", "/sessions/{id}", node.get("/sessions/" + sessionId, token));
      api.assertConforms("GET", "/sessions/{id}", node.get("/sessions/" + (sessionId + 1000), token));

      TestNode.Reply logged = node.post("/interruptions", new JsonObject()
          .put("session_id", sessionId).put("user_id", id).put("type", "phone").put("description", "A call")
          .put("start_time", start.plus(30, ChronoUnit.MINUTES).toString())
          .put("end_time", start.plus(35, ChronoUnit.MINUTES).toString()), token);
      api.assertConforms("POST", "/interruptions", logged);
      api.assertConforms("POST", "/interruptions", node.post("/interruptions", new JsonObject()
          .put("session_id", sessionId).put("user_id", id).put("type", "gossip"), token));
      api.assertConforms("GET", "/interruptions/session/{session_id}",
          node.get("/interruptions/session/" + sessionId, token));

      for (String view : VIEWS) {
        api.assertConforms("GET", "/users/{user_id}/stats/" + view,
            node.get("/users/" + id + "/stats/" + view + "?range=all", token));
        api.assertConforms("GET", "/users/{user_id}/stats/" + view,
            node.get("/users/" + id + "/stats/" + view + "?range=7d", token));
      }
      api.assertConforms("GET", "/users/{user_id}/stats/summary", node.get("/users/" + id + "/stats/summary?range=x", token));
      api.assertConforms("GET", "/users/{user_id}/stats/summary", node.get("/users/" + (id + 1000) + "/stats/summary", token));

      api.assertConforms("POST", "/sessions/{id}/end", node.post("/sessions/" + sessionId + "/end", null, token));
      api.assertConforms("POST", "/sessions/{id}/end", node.post("/sessions/" + sessionId + "/end", null, token));
      api.assertConforms("GET", "/sessions/user/{user_id}", node.get("/sessions/user/" + id, token));
      api.assertConforms("GET", "/sessions/user/{user_id}", node.get("/sessions/user/" + id + "?day=yesterday", token));
      api.assertConforms("DELETE", "/interruptions/{id}",
          node.delete("/interruptions/" + logged.json().getLong("id"), token));
      TestNode.Reply rotated = node.post("/users/" + id + "/token", null, token);
      api.assertConforms("POST", "/users/{id}/token", rotated);
      api.assertConforms("DELETE", "/users/{id}", node.delete("/users/" + id, rotated.json().getString("api_token")));
    }
  }

  @Test
  @DisplayName("A response that breaks the document is caught")
  void brokenResponseIsCaught() {
    try (TestNode node = TestNode.start()) {
      OpenApiSchemas api = new OpenApiSchemas(node.get("/openapi.json", null).json());
      HttpHeaders headers = HttpHeaders.of(Map.of("X-Request-Id", List.of("r1"), "Content-Type", List.of("application/json")),
          (name, value) -> true);
      TestNode.Reply userWithoutEmail = new TestNode.Reply(200, headers,
          "{\"id\":1,\"name\":\"Ada\",\"timezone\":\"UTC\",\"created_at\":\"2026-11-25T10:00:00Z\"}");
      TestNode.Reply undocumentedStatus = new TestNode.Reply(418, headers, "{\"detail\":\"teapot\"}");
      TestNode.Reply tokenLeak = new TestNode.Reply(200, headers,
          "{\"id\":1,\"name\":\"Ada\",\"email\":\"a@b.c\",\"timezone\":\"UTC\",\"created_at\":\"2026-11-25T10:00:00Z\",\"api_token\":\"x\"}");

      assertThatThrownBy(() -> api.assertConforms("GET", "/users/{id}", userWithoutEmail)).isInstanceOf(AssertionError.class);
      assertThatThrownBy(() -> api.assertConforms("GET", "/users/{id}", undocumentedStatus)).isInstanceOf(AssertionError.class);
      assertThatThrownBy(() -> api.assertConforms("GET", "/users/{id}", tokenLeak)).isInstanceOf(AssertionError.class);
    }
  }
}
