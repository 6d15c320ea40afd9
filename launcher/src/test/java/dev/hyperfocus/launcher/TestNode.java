package dev.hyperfocus.launcher;

import dev.hyperfocus.api.Setting;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real HyperFocus node for end-to-end tests: every verticle, a fresh SQLite data directory in a
 * temporary folder, the HTTP server on an ephemeral loopback port, and a plain JDK HTTP client.
 */
final class TestNode implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final HyperFocus node;
  private final Path dataDir;
  private final boolean ownsDataDir;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final String base;

  private TestNode(HyperFocus node, Path dataDir, boolean ownsDataDir) {
    this.node = node;
    this.dataDir = dataDir;
    this.ownsDataDir = ownsDataDir;
    this.base = "http://127.0.0.1:" + node.httpPort();
  }

  /** A node in token mode (the default). */
  static TestNode start() {
    return start(Map.of());
  }

  /** A node with these settings on top of the test defaults (port 0, limits off (the auth-failure limit too), fresh data dir). */
  static TestNode start(Map<Setting, String> overrides) {
    try {
      Path dir = overrides.containsKey(Setting.DATA_DIR)
          ? Path.of(overrides.get(Setting.DATA_DIR))
          : Files.createTempDirectory("hyperfocus-test");
      Map<String, String> env = new HashMap<>();
      env.put(Setting.HTTP_PORT.envVar(), "0");
      env.put(Setting.RATE_LIMIT.envVar(), "0");
      env.put(Setting.SIGNUP_RATE_LIMIT.envVar(), "0");
      env.put(Setting.AUTH_FAILURE_LIMIT.envVar(), "0");
      env.put(Setting.DATA_DIR.envVar(), dir.toString());
      overrides.forEach((setting, value) -> env.put(setting.envVar(), value));
      JsonObject config = Settings.resolve(new String[0], env);
      HyperFocus node = HyperFocus.start(config, Clock.systemUTC()).await(60, TimeUnit.SECONDS);
      return new TestNode(node, dir, !overrides.containsKey(Setting.DATA_DIR));
    } catch (Exception e) {
      throw new IllegalStateException("test node did not start", e);
    }
  }

  Path dataDir() {
    return dataDir;
  }

  int port() {
    return node.httpPort();
  }

  HyperFocus node() {
    return node;
  }

  Reply get(String path, String token) {
    return send("GET", path, null, token, Map.of());
  }

  Reply post(String path, Object body, String token) {
    return send("POST", path, body == null ? null : body.toString(), token, Map.of());
  }

  Reply patch(String path, Object body, String token) {
    return send("PATCH", path, body == null ? null : body.toString(), token, Map.of());
  }

  Reply delete(String path, String token) {
    return send("DELETE", path, null, token, Map.of());
  }

  /** Any request: a raw body (sent as JSON unless headers say otherwise) and extra headers. */
  Reply send(String method, String path, String rawBody, String token, Map<String, String> headers) {
    return send(method, path, rawBody, token, headers, TIMEOUT);
  }

  /** Any request, failing with an {@link UncheckedIOException} when no response comes within {@code timeout}. */
  Reply send(String method, String path, String rawBody, String token, Map<String, String> headers, Duration timeout) {
    return HttpCalls.send(http, base + path, method, rawBody, token, headers, timeout);
  }

  /** Signs up a user and returns the 201 body, which holds {@code api_token} in token mode. */
  JsonObject signUp(String name, String email, String timezone) {
    JsonObject body = new JsonObject().put("name", name).put("email", email);
    if (timezone != null) {
      body.put("timezone", timezone);
    }
    Reply reply = post("/users", body, null);
    if (reply.status() != 201) {
      throw new IllegalStateException("sign-up failed: " + reply);
    }
    return reply.json();
  }

  /** Stops the node and removes a data directory it created. */
  @Override
  public void close() {
    stopOnly();
    if (ownsDataDir) {
      deleteTree(dataDir);
    }
  }

  /** Stops the node but keeps its data directory (for restart tests). */
  void stopOnly() {
    try {
      node.stop().await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("test node did not stop", e);
    }
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder left behind is harmless
    }
  }

  /** One HTTP response. */
  record Reply(int status, HttpHeaders headers, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }

    JsonArray array() {
      return new JsonArray(body);
    }

    /** The {@code detail} of an error body: a string, or the FastAPI list. */
    Object detail() {
      return json().getValue("detail");
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
