package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonObject;
import dev.hyperfocus.api.Setting;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Drives the real dashboard in headless Chromium ({@code browser-tests/dashboard.mjs} with
 * playwright-core). {@code .ci/run} installs Chromium and the package, so this always runs in CI;
 * on a machine without them it is skipped with a message saying what to install.
 */
@Tag("slow")
class DashboardBrowserIT {
  private static final Path SCRIPTS = Path.of("..", "browser-tests").toAbsolutePath().normalize();
  private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

  @Test
  @DisplayName("A person pastes a token, starts a session and logs an interruption; the page updates live and reconnects after a restart")
  void dashboardUpdatesLive() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM),
        "No Chromium at " + CHROMIUM + ": install Debian's chromium (apt-get install chromium) to run the browser test");
    assumeTrue(Files.isDirectory(SCRIPTS.resolve("node_modules/playwright-core")),
        "playwright-core is not installed: run `npm install --no-package-lock` in browser-tests/ to run the browser test");
    Path shots = Path.of("target", "screenshots").toAbsolutePath();
    Files.createDirectories(shots);
    Path dataDir = Files.createTempDirectory("hyperfocus-dashboard");
    TestNode node = TestNode.start(Map.of(Setting.DATA_DIR, dataDir.toString()));
    try {
      JsonObject user = node.signUp("Dashboard Dana", "dana@example.com", "Europe/Berlin");
      int port = node.port();
      Process process = new ProcessBuilder("node", "dashboard.mjs", "http://127.0.0.1:" + port,
              user.getString("api_token"), shots.toString())
          .directory(SCRIPTS.toFile())
          .redirectErrorStream(true)
          .start();
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder output = new StringBuilder();
      CompletableFuture<Void> restartAsked = new CompletableFuture<>();
      Thread reader = new Thread(() -> {
        out.lines().forEach(line -> {
          output.append(line).append('\n');
          if (line.equals("restart the server")) {
            restartAsked.complete(null);
          }
        });
        restartAsked.completeExceptionally(new IllegalStateException("the script ended before asking for a restart"));
      });
      reader.start();
      try {
        restartAsked.get(90, TimeUnit.SECONDS);
        node.stopOnly();
        node = TestNode.start(Map.of(Setting.DATA_DIR, dataDir.toString(), Setting.HTTP_PORT, String.valueOf(port)));
        process.getOutputStream().write("restarted\n".getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
      } catch (ExecutionException e) {
        // the script failed before the restart: the assertions below show its exit status and output
      } catch (TimeoutException e) {
        process.destroyForcibly().waitFor();
        reader.join(10_000);
        throw new AssertionError("the script did not ask for a restart within 90 s; its output:\n" + output, e);
      }
      boolean finished = process.waitFor(90, TimeUnit.SECONDS);
      if (!finished) {
        process.destroyForcibly().waitFor();
      }
      reader.join(10_000);
      assertThat(reader.isAlive()).as("the script's output ends within 10 s of its exit").isFalse();
      assertThat(finished).as("the browser run finished in time: " + output).isTrue();
      assertThat(process.exitValue()).as(output.toString()).isZero();
      assertThat(output.toString()).contains("dashboard: all checks passed");
      assertThat(shots.resolve("dashboard-desktop.png")).exists();
      assertThat(shots.resolve("dashboard-phone.png")).exists();
    } finally {
      node.stopOnly();
      TestNode.deleteTree(dataDir);
    }
  }
}
