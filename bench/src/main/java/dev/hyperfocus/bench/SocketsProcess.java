package dev.hyperfocus.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Idle live sockets held by a {@link SocketHolder} in a JVM of its own: the generator's event loops
 * stay free for the load it measures, and the holder's CPU shows on its own in a profile.
 */
final class SocketsProcess implements AutoCloseable {
  /** What {@code check} found: held sockets, those without their user's latest seq, frames received in all. */
  record Check(int sockets, int behind, long frames) {}

  /** The holder exits by itself after this long, whatever the bench does. */
  private static final long MAX_SECONDS = 3600;

  private final Process process;
  private final PrintWriter commands;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

  private SocketsProcess(Process process) {
    this.process = process;
    this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          if (line.startsWith("connected ") || line.startsWith("checked ")) {
            answers.add(line);
          } else {
            System.err.println("  [sockets] " + line);
          }
        }
      } catch (IOException ignored) {
        // the holder is gone
      }
    }, "sockets-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts a holder and opens one socket per URI on {@code base}; returns once all are open. */
  static SocketsProcess open(URI base, List<String> uris) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
        SocketHolder.class.getName(), base.getHost(), Integer.toString(base.getPort()), Long.toString(MAX_SECONDS))
        .redirectErrorStream(true).start();
    SocketsProcess sockets = new SocketsProcess(process);
    uris.forEach(sockets.commands::println);
    String connected = sockets.ask("connect", 300);
    if (Integer.parseInt(connected.substring("connected ".length())) != uris.size()) {
      sockets.close();
      throw new IOException("the holder opened " + connected + " of " + uris.size() + " sockets");
    }
    return sockets;
  }

  long pid() {
    return process.pid();
  }

  /** Waits (at most about 20 s) until every socket has its user's latest seq, and says how many have not. */
  Check check() throws IOException, InterruptedException {
    String[] parts = ask("check", 300).split(" ");
    return new Check(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), Long.parseLong(parts[3]));
  }

  private String ask(String command, long seconds) throws IOException, InterruptedException {
    commands.println(command);
    String answer = answers.poll(seconds, TimeUnit.SECONDS);
    if (answer == null) {
      throw new IOException("the socket holder did not answer '" + command + "' within " + seconds + " s");
    }
    return answer;
  }

  @Override
  public void close() throws InterruptedException {
    commands.println("exit");
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
