package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Drives the real dashboard in headless Chromium ({@code browser-tests/dashboard.mjs} with
 * playwright-core). {@code .ci/run} installs Chromium and the package, so this always runs in CI;
 * on a machine without them it is skipped with a message saying what to install.
 */
class DashboardBrowserIT {
  private static final Path SCRIPTS = Path.of("..", "browser-tests").toAbsolutePath().normalize();
  private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

  @Test
  @DisplayName("A person pastes a token, starts a session and logs an interruption; the page updates live")
  void dashboardUpdatesLive() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM),
        "No Chromium at " + CHROMIUM + ": install Debian's chromium (apt-get install chromium) to run the browser test");
    assumeTrue(Files.isDirectory(SCRIPTS.resolve("node_modules/playwright-core")),
        "playwright-core is not installed: run `npm install --no-package-lock` in browser-tests/ to run the browser test");
    Path shots = Path.of("target", "screenshots").toAbsolutePath();
    Files.createDirectories(shots);
    try (TestNode node = TestNode.start()) {
      JsonObject user = node.signUp("Dashboard Dana", "dana@example.com", "Europe/Berlin");
      Process process = new ProcessBuilder("node", "dashboard.mjs", "http://127.0.0.1:" + node.port(),
              user.getString("api_token"), shots.toString())
          .directory(SCRIPTS.toFile())
          .redirectErrorStream(true)
          .start();
      boolean finished = process.waitFor(150, TimeUnit.SECONDS);
      if (!finished) {
        process.destroyForcibly().waitFor();
      }
      String output = read(process);
      assertThat(finished).as("the browser run finished in time: " + output).isTrue();
      assertThat(process.exitValue()).as(output).isZero();
      assertThat(output).contains("dashboard: all checks passed");
      assertThat(shots.resolve("dashboard-desktop.png")).exists();
      assertThat(shots.resolve("dashboard-phone.png")).exists();
    }
  }

  private static String read(Process process) throws IOException {
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
