package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.Setting;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The host check, CORS and the browser security headers, on a default node and a configured one. */
class EdgeSecurityIT {
  private static final String APP = "https://app.example.com";
  @AutoClose
  private static final TestNode standard = TestNode.start();
  @AutoClose
  private static final TestNode configured = TestNode.start(Map.of(
        Setting.CORS_ORIGINS, APP + ", https://other.example.com",
        Setting.ALLOWED_HOSTS, "api.example.com,127.0.0.1"));

  @Test
  @DisplayName("A Host outside the loopback names is refused with 403 on a loopback node")
  void foreignHostIsRefused() {
    String refused = RawHttp.exchange(standard.port(), "GET", "/", "rebind.attacker.example:" + standard.port());
    assertThat(RawHttp.status(refused)).isEqualTo(403);
    assertThat(new JsonObject(RawHttp.body(refused)).getString("detail")).isEqualTo("Host not allowed");
    assertThat(RawHttp.status(RawHttp.exchange(standard.port(), "GET", "/health", "evil.example"))).isEqualTo(403);
  }

  @Test
  @DisplayName("The loopback names are accepted as Host, with or without a port")
  void loopbackHostsAreAccepted() {
    for (String host : new String[] {"localhost:" + standard.port(), "127.0.0.1", "[::1]:" + standard.port(), "LOCALHOST"}) {
      assertThat(RawHttp.status(RawHttp.exchange(standard.port(), "GET", "/", host))).as(host).isEqualTo(200);
    }
  }

  @Test
  @DisplayName("A request without any Host header is refused")
  void missingHostIsRefused() {
    assertThat(RawHttp.status(RawHttp.exchange(standard.port(), "GET", "/", null))).isIn(400, 403);
  }

  @Test
  @DisplayName("HYPERFOCUS_ALLOWED_HOSTS replaces the loopback names")
  void configuredHostsReplaceTheDefault() {
    assertThat(RawHttp.status(RawHttp.exchange(configured.port(), "GET", "/", "api.example.com"))).isEqualTo(200);
    assertThat(RawHttp.status(RawHttp.exchange(configured.port(), "GET", "/", "localhost"))).isEqualTo(403);
  }

  @Test
  @DisplayName("Without configured origins no response carries any CORS header")
  void noCorsByDefault() {
    TestNode.Reply reply = standard.send("GET", "/", null, null, Map.of("Origin", APP));
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.headers().map().keySet()).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
    TestNode.Reply preflight = standard.send("OPTIONS", "/sessions/start", null, null,
        Map.of("Origin", APP, "Access-Control-Request-Method", "POST"));
    assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  @DisplayName("An allowed origin gets Access-Control-Allow-Origin; any other origin gets none")
  void corsForAllowedOriginsOnly() {
    TestNode.Reply allowed = configured.send("GET", "/health", null, null, Map.of("Origin", APP));
    assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(APP);
    assertThat(allowed.header("Access-Control-Expose-Headers")).contains("X-Request-Id", "RateLimit-Remaining");
    TestNode.Reply other = configured.send("GET", "/health", null, null, Map.of("Origin", "https://evil.example"));
    assertThat(other.status()).isEqualTo(200);
    assertThat(other.header("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  @DisplayName("A preflight from an allowed origin is answered 204 with the methods and headers a client needs")
  void preflightOfAllowedOrigin() {
    TestNode.Reply preflight = configured.send("OPTIONS", "/sessions/start", null, null, Map.of(
        "Origin", APP, "Access-Control-Request-Method", "POST",
        "Access-Control-Request-Headers", "authorization, content-type, idempotency-key"));
    assertThat(preflight.status()).isEqualTo(204);
    assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(APP);
    assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST", "PATCH", "DELETE");
    assertThat(preflight.header("Access-Control-Allow-Headers")).contains("Authorization", "Idempotency-Key");
    TestNode.Reply refused = configured.send("OPTIONS", "/sessions/start", null, null,
        Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "POST"));
    assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
    assertThat(refused.status()).isGreaterThanOrEqualTo(400).isLessThan(500);
  }

  @Test
  @DisplayName("Pages carry a strict content security policy, nosniff, a referrer policy and no framing")
  void pagesCarrySecurityHeaders() {
    for (String path : new String[] {"/", "/dashboard", "/dashboard/app.js", "/docs"}) {
      TestNode.Reply reply = standard.get(path, null);
      String policy = reply.header("Content-Security-Policy");
      assertThat(policy).as(path).contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
          .doesNotContain("unsafe-inline", "unsafe-eval");
      assertThat(reply.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
      assertThat(reply.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
    }
  }

  /** One request over a raw socket (the JDK client would add nothing, but say so plainly), the whole response. */
  private static String raw(TestNode node, String method, String path, String token, String contentType, String body) {
    String request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
        + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
        + "Content-Length: " + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    try (RawHttp http = new RawHttp(node.port(), Duration.ofSeconds(20))) {
      return http.send(request).readUntilClosed();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  @DisplayName("A body without Content-Type: application/json is a 415 and changes nothing; an empty body needs none")
  void bodyNeedsJsonContentType() {
    String signUp = "{\"name\": \"Mallory\", \"email\": \"no-type@example.com\"}";
    for (String type : new String[] {null, "text/plain"}) {
      String refused = raw(standard, "POST", "/users", null, type, signUp);
      assertThat(RawHttp.status(refused)).as("Content-Type %s", type).isEqualTo(415);
      assertThat(new JsonObject(RawHttp.body(refused)).getString("detail")).isNotBlank();
    }
    assertThat(RawHttp.status(raw(standard, "POST", "/users", null, "application/json", signUp))).as("nothing was created").isEqualTo(201);

    JsonObject user = standard.signUp("Empty", "empty-body@example.com", null);
    String token = user.getString("api_token");
    assertThat(RawHttp.status(raw(standard, "PATCH", "/users/" + user.getLong("id"), token, null, "")))
        .as("an empty body without Content-Type").isEqualTo(200);
    assertThat(RawHttp.status(raw(standard, "PATCH", "/users/" + user.getLong("id"), token, null, "{\"name\": \"X\"}")))
        .isEqualTo(415);
    assertThat(standard.get("/users/" + user.getLong("id"), token).json().getString("name")).isEqualTo("Empty");
  }

  @Test
  @DisplayName("The docs' stock HTML pages from the Swagger UI WebJar carry the page security headers too")
  void stockDocsPagesCarrySecurityHeaders() {
    for (String path : new String[] {"/docs/assets/index.html", "/docs/assets/oauth2-redirect.html"}) {
      TestNode.Reply reply = standard.get(path, null);
      assertThat(reply.status()).as(path).isEqualTo(200);
      assertThat(reply.header("Content-Type")).as(path).startsWith("text/html");
      assertThat(reply.header("Content-Security-Policy")).as(path).contains("default-src 'self'", "frame-ancestors 'none'");
      assertThat(reply.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
      assertThat(reply.header("X-Frame-Options")).as(path).isEqualTo("DENY");
      assertThat(reply.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
    }
  }

  @Test
  @DisplayName("JSON responses, errors included, carry X-Content-Type-Options: nosniff")
  void jsonResponsesAreNotSniffed() {
    assertThat(standard.get("/health", null).header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(standard.get("/users/1", null).header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(standard.get("/no/such/path", null).header("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  @DisplayName("A client that sends headers and never finishes its body gets a 503 and loses the connection")
  void unfinishedBodyIsCutOff() throws IOException {
    try (TestNode node = TestNode.start(Map.of(Setting.REQUEST_TIMEOUT, "1", Setting.IDLE_TIMEOUT, "600"));
         RawHttp raw = new RawHttp(node.port(), Duration.ofSeconds(20))) {
      String response = raw.send("POST /users HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: 1000\r\n\r\n{\"name\": \"Sl").readUntilClosed();
      assertThat(RawHttp.status(response)).isEqualTo(503);
      assertThat(response).contains("Retry-After");
      assertThat(new JsonObject(RawHttp.body(response)).getString("detail")).isNotBlank();
    }
  }

  @Test
  @DisplayName("Upgrade: websocket on an unfinished body does not escape the request timeout; an accepted live socket does")
  void upgradeHeaderDoesNotEscapeTheTimeout() throws Exception {
    try (TestNode node = TestNode.start(Map.of(Setting.REQUEST_TIMEOUT, "1", Setting.IDLE_TIMEOUT, "600"));
         RawHttp raw = new RawHttp(node.port(), Duration.ofSeconds(20))) {
      String response = raw.send("POST /users HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          + "Content-Length: 1000\r\n\r\n{\"name\": \"Sl").readUntilClosed();
      assertThat(RawHttp.status(response)).isEqualTo(503);

      Api.Account account = Api.signUp(node);
      try (LiveClient live = LiveClient.connect(node.port(), "/users/" + account.id() + "/live", account.token())) {
        assertThat(live.next().getString("type")).isNotBlank();
        Thread.sleep(2_500);
        assertThat(live.closed()).as("a live socket outlives the 1 s request timeout").isFalse();
        Api.startSession(node, account, Api.now());
        assertThat(live.next()).isNotNull();
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("an Upgrade header let a partial body hold the connection for 20 s", e);
    }
  }

  @Test
  @DisplayName("A connection that never sends anything is closed after the idle timeout")
  void silentConnectionIsClosed() throws IOException {
    try (TestNode node = TestNode.start(Map.of(Setting.IDLE_TIMEOUT, "1"));
         RawHttp raw = new RawHttp(node.port(), Duration.ofSeconds(20))) {
      assertThat(raw.readUntilClosed()).isEmpty();
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server kept a silent connection open for 20 s", e);
    }
  }
}
