package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.Setting;
import dev.hyperfocus.launcher.TestNode.Reply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A HyperFocus node in a JVM of its own, started from the built {@code hyperfocus.jar} like an
 * operator would: settings as environment variables, the HTTP port picked by the OS and read from
 * the "listening on" log line. A clustered node's Hazelcast port is picked the same way when its
 * setting is 0 and read from the "Joined cluster ... as member host:port" line: every port is bound
 * by the process that uses it, never found free by the test and bound later by someone else.
 * Its output goes to {@code target/cluster-it/<name>.log}.
 */
final class NodeProcess implements AutoCloseable {
  static final Path JAR = Path.of("target", "hyperfocus.jar");
  private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");
  private static final Pattern MEMBER = Pattern.compile("Joined cluster '.*' at .* as member (\\S+:\\d+);");
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(20);
  /** Small heaps, one GC thread and C1 only: three JVMs share two cores with other builds. */
  private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private final String name;
  private final Process process;
  private final CompletableFuture<Integer> port = new CompletableFuture<>();
  private final CompletableFuture<String> member = new CompletableFuture<>();
  private final List<String> output = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();

  private NodeProcess(String name, Process process) {
    this.name = name;
    this.process = process;
  }

  /** Starts {@code java -jar hyperfocus.jar} with these settings (and rate limits off, HTTP port 0). */
  static NodeProcess start(String name, Map<Setting, String> settings) throws IOException {
    assertThat(JAR).as("the runnable jar (built by the package phase)").exists();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.add("-jar");
    command.add(JAR.toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(key -> key.startsWith("HYPERFOCUS_"));
    builder.environment().put(Setting.HTTP_PORT.envVar(), "0");
    builder.environment().put(Setting.RATE_LIMIT.envVar(), "0");
    builder.environment().put(Setting.SIGNUP_RATE_LIMIT.envVar(), "0");
    builder.environment().put(Setting.AUTH_FAILURE_LIMIT.envVar(), "0");
    settings.forEach((setting, value) -> builder.environment().put(setting.envVar(), value));
    Path log = Path.of("target", "cluster-it", name + ".log");
    Files.createDirectories(log.getParent());
    NodeProcess node = new NodeProcess(name, builder.start());
    Thread reader = new Thread(() -> node.pump(log), "output of " + name);
    reader.setDaemon(true);
    reader.start();
    return node;
  }

  private void pump(Path log) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      String line;
      while ((line = lines.readLine()) != null) {
        file.write(line + System.lineSeparator());
        file.flush();
        synchronized (output) {
          output.add(line);
        }
        Matcher listening = LISTENING.matcher(line);
        if (listening.find()) {
          port.complete(Integer.parseInt(listening.group(1)));
        }
        Matcher joined = MEMBER.matcher(line);
        if (joined.find()) {
          member.complete(joined.group(1));
        }
      }
    } catch (IOException e) {
      port.completeExceptionally(e);
      member.completeExceptionally(e);
    }
    port.completeExceptionally(new IllegalStateException(name + " exited before listening:\n" + tail()));
    member.completeExceptionally(new IllegalStateException(name + " exited before joining a cluster:\n" + tail()));
  }

  /** Waits until the node listens (so it reports ready) and returns its HTTP port. */
  int awaitReady(Duration limit) throws Exception {
    try {
      return port.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(name + " not ready within " + limit + ":\n" + tail(), e);
    }
  }

  /** The HTTP port; only once {@link #awaitReady(Duration)} returned. */
  int port() {
    return readyValue(port, "HTTP port");
  }

  /**
   * The {@code host:port} of its Hazelcast member, for the member lists of nodes started later; only
   * once {@link #awaitReady(Duration)} returned (a node joins its cluster before it listens).
   */
  String clusterMember() {
    return readyValue(member, "cluster member address");
  }

  private <T> T readyValue(CompletableFuture<T> value, String what) {
    if (!value.isDone()) {
      throw new IllegalStateException(name + " has not reported its " + what + " yet (await it ready first):\n" + tail());
    }
    return value.join();
  }

  String tail() {
    synchronized (output) {
      return String.join("\n", output.subList(Math.max(0, output.size() - 30), output.size()));
    }
  }

  Reply get(String path, String token) {
    return send("GET", path, null, token);
  }

  Reply post(String path, Object body, String token) {
    return send("POST", path, body == null ? null : body.toString(), token);
  }

  /** A POST with extra headers (an Idempotency-Key, say). */
  Reply post(String path, Object body, String token, Map<String, String> headers) {
    return HttpCalls.send(http, "http://127.0.0.1:" + port() + path, "POST", body == null ? null : body.toString(), token,
        headers, HTTP_TIMEOUT);
  }

  Reply send(String method, String path, String body, String token) {
    return HttpCalls.send(http, "http://127.0.0.1:" + port() + path, method, body, token, Map.of(), HTTP_TIMEOUT);
  }

  /** Waits for a process that should stop by itself (a refused start); its exit status. */
  int awaitExit(Duration limit) throws Exception {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(name + " still running after " + limit + ":\n" + tail());
    }
    // the reader thread may still be draining the last lines
    try {
      port.get(5, TimeUnit.SECONDS);
    } catch (Exception drained) {
      // expected: the process exited before listening
    }
    return process.exitValue();
  }

  /** Everything the process printed so far. */
  String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  /** SIGKILL, like a crash or a pulled plug: no shutdown hook runs. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(name + " is gone after SIGKILL").isTrue();
  }

  /** SIGTERM (graceful shutdown), then SIGKILL if it takes too long. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
