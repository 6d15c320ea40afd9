package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.Setting;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real fat jar in a child process, as an operator runs it: with HYPERFOCUS_LOG_FORMAT=json
 * every line it writes is one JSON object, each request has an access line naming its id, and the
 * docs page and its renderer are served from inside the jar.
 */
@Tag("slow")
class LogsIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");

  @Test
  @DisplayName("The jar writes JSON log lines with the request id, and serves the docs from inside the jar")
  void jsonLogsAndDocsFromTheJar() throws Exception {
    Path jar = Path.of("target", "hyperfocus.jar");
    assertThat(jar).as("the fat jar is built in the package phase, before the integration tests").exists();
    Path dataDir = Files.createTempDirectory("hyperfocus-logs");
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
        .redirectErrorStream(true);
    builder.environment().put(Setting.HTTP_PORT.envVar(), "0");
    builder.environment().put(Setting.DATA_DIR.envVar(), dataDir.toString());
    builder.environment().put(Setting.LOG_FORMAT.envVar(), "json");
    builder.environment().put(Setting.RATE_LIMIT.envVar(), "0");
    builder.environment().put(Setting.SIGNUP_RATE_LIMIT.envVar(), "0");
    builder.environment().put(Setting.AUTH_FAILURE_LIMIT.envVar(), "0");
    Process process = builder.start();
    List<String> lines = new CopyOnWriteArrayList<>();
    BlockingQueue<String> arriving = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> read(process, lines, arriving), "child-output");
    reader.start();
    try {
      int port = awaitPort(arriving);
      HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
      HttpResponse<String> unauthorized = get(http, port, "/users/7", "logs-it-1");
      HttpResponse<String> docs = get(http, port, "/docs", null);
      HttpResponse<String> renderer = get(http, port, "/docs/assets/swagger-ui-bundle.js", null);
      HttpResponse<String> init = get(http, port, "/docs/files/init.js", null);

      assertThat(unauthorized.statusCode()).isEqualTo(401);
      assertThat(docs.statusCode()).isEqualTo(200);
      assertThat(docs.body()).contains("swagger-ui-bundle.js").doesNotContain("<script>");
      assertThat(renderer.statusCode()).isEqualTo(200);
      assertThat(renderer.body()).contains("SwaggerUIBundle");
      assertThat(init.statusCode()).isEqualTo(200);
      assertThat(init.body()).contains("/openapi.json");
      String generatedId = docs.headers().firstValue("X-Request-Id").orElseThrow();

      // SIGTERM through the handle: Process.destroy() also closes our end of the output pipe,
      // and what the node writes while it stops would be lost to this test
      process.toHandle().destroy();
      assertThat(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
      reader.join(TIMEOUT.toMillis());
      assertThat(reader.isAlive()).as("the child's output ends within %s of its exit", TIMEOUT).isFalse();

      assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(isJsonObject(line)).as(line).isTrue());
      JsonObject access = accessLine(lines, "logs-it-1");
      assertThat(access.getString("level")).isEqualTo("INFO");
      assertThat(access.getString("method")).isEqualTo("GET");
      assertThat(access.getString("route")).isEqualTo("/users/:id");
      assertThat(access.getInteger("status")).isEqualTo(401);
      assertThat(access.getLong("duration_ms")).isNotNegative();
      assertThat(accessLine(lines, generatedId).getString("route")).isEqualTo("/docs");
      assertThat(lines).as("the graceful shutdown's last line, written after the node stopped ")
          .anySatisfy(line -> assertThat(new JsonObject(line).getString("message"))
              .isEqualTo("Stopped: in-flight requests finished, databases closed"));
    } finally {
      process.destroyForcibly();
      TestNode.deleteTree(dataDir);
    }
  }

  private static void read(Process process, List<String> lines, BlockingQueue<String> arriving) {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.add(line);
        arriving.add(line);
      }
    } catch (IOException ignored) {
      // the child is gone; the assertions read what arrived
    }
  }

  private static int awaitPort(BlockingQueue<String> arriving) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      String line = arriving.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      Matcher listening = line == null ? null : LISTENING.matcher(line);
      if (listening != null && listening.find()) {
        return Integer.parseInt(listening.group(1));
      }
    }
    throw new AssertionError("the jar did not report its port within " + TIMEOUT);
  }

  private static HttpResponse<String> get(HttpClient http, int port, String path, String requestId)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(TIMEOUT);
    if (requestId != null) {
      request.header("X-Request-Id", requestId);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject accessLine(List<String> lines, String requestId) {
    return lines.stream().map(JsonObject::new)
        .filter(line -> "dev.hyperfocus.access".equals(line.getString("logger")))
        .filter(line -> requestId.equals(line.getString("request_id")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no access line for request " + requestId + " in " + lines));
  }

  private static boolean isJsonObject(String line) {
    try {
      new JsonObject(line);
      return true;
    } catch (DecodeException e) {
      return false;
    }
  }
}
