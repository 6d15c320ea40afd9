package dev.hyperfocus.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Collects the child's output lines as they come, so that a test can wait for one. */
final class ProcessOutput {
  private final List<String> lines = new ArrayList<>();
  private final Thread reader;
  private boolean ended;

  ProcessOutput(Process process) {
    reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          add(line);
        }
      } catch (IOException ignored) {
        // the process is gone; what was read is kept
      }
      end();
    }, "child-node-output");
    reader.setDaemon(true);
    reader.start();
  }

  private synchronized void add(String line) {
    lines.add(line);
    notifyAll();
  }

  private synchronized void end() {
    ended = true;
    notifyAll();
  }

  /**
   * The first line matching {@code pattern}, waiting for it; null on timeout or end of output, which
   * every caller turns into a failure that shows the output.
   */
  synchronized String await(Pattern pattern, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int seen = 0;
    while (true) {
      for (; seen < lines.size(); seen++) {
        if (pattern.matcher(lines.get(seen)).find()) {
          return lines.get(seen);
        }
      }
      long left = deadline - System.nanoTime();
      if (ended || left <= 0) {
        return null;
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }

  /**
   * Waits until the process closed its output (it has exited, or is about to); the whole output.
   * Fails when the output stays open for 10 s rather than return part of it.
   */
  String finish() {
    try {
      reader.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while reading the child's output:\n" + text(), e);
    }
    if (reader.isAlive()) {
      throw new AssertionError("the child's output was still open 10 s after it should have ended:\n" + text());
    }
    return text();
  }

  synchronized String text() {
    return String.join("\n", lines);
  }
}
