package dev.hyperfocus.bench;

import dev.hyperfocus.api.Setting;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child JVM: a HyperFocus node ({@code launcher/target/hyperfocus.jar}) or the bench's own
 * ceiling server. Ready when it logs the URL it listens on; its heap is read with {@code jcmd}.
 */
final class NodeProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://[^/\\s]+)/");
  private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

  private final Process process;
  private final URI base;
  private final double readySeconds;

  private NodeProcess(Process process, URI base, double readySeconds) {
    this.process = process;
    this.base = base;
    this.readySeconds = readySeconds;
  }

  /** Starts a HyperFocus node on an ephemeral loopback port with limits off ({@code BENCH_NODE_JVM_ARGS} adds JVM flags, e.g. JFR). */
  static NodeProcess hyperFocus(Path jar, Path dataDir, String sync, List<String> jvmArgs) throws IOException {
    List<String> command = new ArrayList<>(List.of(java()));
    command.addAll(jvmArgs);
    String extra = System.getenv("BENCH_NODE_JVM_ARGS");
    if (extra != null && !extra.isBlank()) {
      command.addAll(List.of(extra.trim().split("\\s+")));
    }
    command.addAll(List.of("-jar", jar.toString()));
    String flags = System.getenv("BENCH_NODE_ARGS");
    if (flags != null && !flags.isBlank()) {
      command.addAll(List.of(flags.trim().split("\\s+")));
    }
    return start(command, Map.of(
        Setting.HTTP_PORT.envVar(), "0",
        Setting.DATA_DIR.envVar(), dataDir.toString(),
        Setting.DB_SYNC.envVar(), sync,
        Setting.RATE_LIMIT.envVar(), "0",
        Setting.SIGNUP_RATE_LIMIT.envVar(), "0",
        // the fan-out scenario holds 1,000 sockets of one user, far past the default cap of 20
        Setting.LIVE_MAX_SOCKETS.envVar(), "0",
        Setting.AUTH_FAILURE_LIMIT.envVar(), "0"));
  }

  /** Starts the trivial ceiling server of this very jar in a JVM of its own. */
  static NodeProcess ceilingServer(boolean compression) throws IOException {
    String classpath = System.getProperty("java.class.path");
    return start(List.of(java(), "-cp", classpath, CeilingServer.class.getName(), Boolean.toString(compression)), Map.of());
  }

  private static NodeProcess start(List<String> command, Map<String, String> env) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    long started = System.nanoTime();
    Process process = builder.start();
    CompletableFuture<URI> url = new CompletableFuture<>();
    Thread reader = new Thread(() -> pump(process, url), "child-output");
    reader.setDaemon(true);
    reader.start();
    try {
      URI base = url.get(120, TimeUnit.SECONDS);
      return new NodeProcess(process, base, (System.nanoTime() - started) / 1e9);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IOException("child did not start: " + command, e);
    }
  }

  private static void pump(Process process, CompletableFuture<URI> url) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          url.complete(URI.create(m.group(1)));
        } else if (line.contains("SEVERE") || line.contains("Exception") || line.contains(" commits")) {
          System.err.println("  [child] " + line);
        }
      }
    } catch (IOException ignored) {
      // the child is gone
    }
    url.completeExceptionally(new IOException("child exited before listening"));
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  URI base() {
    return base;
  }

  long pid() {
    return process.pid();
  }

  /** Seconds from spawning the JVM to its "listening" line (all verticles deployed). */
  double readySeconds() {
    return readySeconds;
  }

  /** Heap in use after a full collection, in bytes. */
  long heapAfterGc() throws IOException, InterruptedException {
    jcmd("GC.run");
    Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info"));
    if (!m.find()) {
      throw new IOException("no heap figure from jcmd");
    }
    return Long.parseLong(m.group(1)) * 1024;
  }

  /**
   * With {@code BENCH_JFR_DIR} set, records a JFR profile of the node (settings {@code profile})
   * until the returned action runs, into {@code <dir>/<name>.jfr}; otherwise does nothing.
   */
  Runnable profile(String name) throws IOException, InterruptedException {
    String dir = System.getenv("BENCH_JFR_DIR");
    if (dir == null || dir.isBlank()) {
      return () -> { };
    }
    jcmd("JFR.start name=" + name + " settings=profile");
    return () -> {
      try {
        jcmd("JFR.stop name=" + name + " filename=" + Path.of(dir, name + ".jfr").toAbsolutePath());
      } catch (IOException | InterruptedException e) {
        System.err.println("  JFR.stop failed: " + e);
      }
    };
  }

  private String jcmd(String what) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    List<String> command = new ArrayList<>(List.of(jcmd.toString(), Long.toString(process.pid())));
    command.addAll(List.of(what.split(" ")));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    return out;
  }

  /** SIGKILL: no shutdown hook, no final commit. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM and wait for the graceful shutdown. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(40, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
