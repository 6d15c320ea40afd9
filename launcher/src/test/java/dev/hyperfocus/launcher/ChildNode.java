package dev.hyperfocus.launcher;

import dev.hyperfocus.api.Setting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@code hyperfocus.jar} in a child JVM, started as an operator starts it, so that tests
 * can kill it (SIGKILL), terminate it (SIGTERM) and start a second process on the same data. The
 * package phase builds the jar before failsafe runs the {@code *IT} classes.
 */
final class ChildNode implements AutoCloseable {
  static final Path JAR = Path.of("target", "hyperfocus.jar").toAbsolutePath();
  private static final Pattern LISTENING = Pattern.compile("HyperFocus listening on http://127\\.0\\.0\\.1:(\\d+)/");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(20);

  private final Process process;
  private final ProcessOutput output;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();

  private ChildNode(Process process, ProcessOutput output, int port) {
    this.process = process;
    this.output = output;
    this.port = port;
  }

  /** Starts the jar on {@code dataDir} and waits until it logs its URL; fails if it exits first. */
  static ChildNode start(Path dataDir, String... jvmOptions) {
    return start(dataDir, 0, jvmOptions);
  }

  /**
   * Like {@link #start(Path, String...)} with the process's file size limit ({@code ulimit -f},
   * KiB; 0 for none): writes past it fail with EFBIG, as on a full disk.
   */
  static ChildNode start(Path dataDir, long fileSizeLimitKib, String... jvmOptions) {
    Process process = launch(dataDir, fileSizeLimitKib, List.of(jvmOptions));
    ProcessOutput output = new ProcessOutput(process);
    String line = output.await(LISTENING, START_TIMEOUT);
    if (line == null) {
      boolean exited = !process.isAlive();
      process.destroyForcibly();
      throw new IllegalStateException("child node " + (exited ? "exited" : "still not listening after " + START_TIMEOUT)
          + " without logging its URL; its output:\n" + output.text());
    }
    Matcher m = LISTENING.matcher(line);
    m.find();
    return new ChildNode(process, output, Integer.parseInt(m.group(1)));
  }

  /** Runs the jar on {@code dataDir} expecting it to stop by itself; its status and output. */
  static Exited runToExit(Path dataDir, Duration timeout) {
    Process process = launch(dataDir, 0, List.of());
    ProcessOutput output = new ProcessOutput(process);
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new IllegalStateException("child node still running after " + timeout + ":\n" + output.text());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return new Exited(process.exitValue(), output.finish());
  }

  private static Process launch(Path dataDir, long fileSizeLimitKib, List<String> jvmOptions) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: run the end-to-end tests with mvn verify");
    }
    List<String> command = new ArrayList<>();
    if (fileSizeLimitKib > 0) {
      command.addAll(List.of("/bin/bash", "-c", "ulimit -f " + fileSizeLimitKib + " && exec \"$0\" \"$@\""));
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:+UseSerialGC");
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", JAR.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put(Setting.HTTP_HOST.envVar(), "127.0.0.1");
    env.put(Setting.HTTP_PORT.envVar(), "0");
    env.put(Setting.RATE_LIMIT.envVar(), "0");
    env.put(Setting.SIGNUP_RATE_LIMIT.envVar(), "0");
    env.put(Setting.AUTH_FAILURE_LIMIT.envVar(), "0");
    env.put(Setting.DATA_DIR.envVar(), dataDir.toString());
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return port;
  }

  Process process() {
    return process;
  }

  /** Waits until the process logs a line containing {@code text}; fails on timeout or exit. */
  void awaitLog(String text, Duration timeout) {
    if (output.await(Pattern.compile(Pattern.quote(text)), timeout) == null) {
      throw new AssertionError("the child " + (process.isAlive() ? "did not log" : "exited without logging")
          + " \"" + text + "\" within " + timeout + "; its output:\n" + output.text());
    }
  }

  String log() {
    return output.text();
  }

  /** SIGKILL, as a power cut or the OOM killer would end it; waits for the process to be gone. */
  void kill() {
    try {
      process.destroyForcibly().waitFor();
      output.finish();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** SIGTERM, then waits for the process to exit by itself; its exit status. Fails (and kills it) on timeout. */
  int terminate(Duration timeout) {
    sigterm();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the child did not exit within " + timeout + " of SIGTERM (killed it); its output:\n"
            + output.text());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    output.finish();
    return process.exitValue();
  }

  /** Sends SIGTERM and returns at once. Not {@code Process.destroy()}: it also closes the output we read. */
  void sigterm() {
    process.toHandle().destroy();
  }

  TestNode.Reply get(String path, String token) {
    return send("GET", path, null, token);
  }

  TestNode.Reply post(String path, Object body, String token) {
    return send("POST", path, body == null ? null : body.toString(), token);
  }

  TestNode.Reply delete(String path, String token) {
    return send("DELETE", path, null, token);
  }

  /** One request; an {@link UncheckedIOException} when the process is gone. */
  TestNode.Reply send(String method, String path, String body, String token) {
    return HttpCalls.send(http, "http://127.0.0.1:" + port + path, method, body, token, Map.of(), HTTP_TIMEOUT);
  }

  HttpClient http() {
    return http;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  /** A process that ended by itself. */
  record Exited(int status, String output) {}
}
