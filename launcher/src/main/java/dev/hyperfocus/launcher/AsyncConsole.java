package dev.hyperfocus.launcher;

import java.io.PrintStream;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Writes log lines to standard error from a thread of its own. A record is queued with the
 * request id of the thread that logs it (the id belongs to that thread's context) and formatted
 * by the writer, so an event loop neither waits for the console nor formats lines. Measured: the
 * access line of every request, written synchronously, cut {@code POST /interruptions} at 64
 * clients from about 1,470 to 330 per second; formatting it on the event loop (its time stamp
 * above all) still cost 1.7 % of the web loop under the summary load. Past {@value #CAPACITY}
 * waiting lines, lines are dropped and their number is written instead.
 *
 * <p>The writer wakes on its own every {@value #WRITE_EVERY_MS} ms and writes what has queued up:
 * a blocking queue woke it for every line, and that wake-up (a futex call on the logging event
 * loop) cost more than formatting the line.
 */
final class AsyncConsole extends Handler {
  static final int CAPACITY = 65_536;
  static final long WRITE_EVERY_MS = 5;
  private static final long FLUSH_WAIT_MS = 3_000;

  private record Pending(LogRecord record, String requestId) {}

  private final Queue<Pending> lines = new ConcurrentLinkedQueue<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong queued = new AtomicLong();
  private final PrintStream out;
  private final LogSetup.Lines format;

  AsyncConsole(LogSetup.Lines format, PrintStream out) {
    this.out = out;
    this.format = format;
    setFormatter(format);
    setLevel(Level.ALL);
    Thread writer = new Thread(this::drain, "hyperfocus-log-writer");
    writer.setDaemon(true);
    writer.start();
  }

  @Override
  public void publish(LogRecord record) {
    if (!isLoggable(record)) {
      return;
    }
    if (waiting.incrementAndGet() <= CAPACITY) {
      lines.add(new Pending(record, LogSetup.requestId(record)));
      queued.incrementAndGet();
    } else {
      waiting.decrementAndGet();
      dropped.incrementAndGet();
    }
  }

  private void drain() {
    StringBuilder text = new StringBuilder();
    while (true) {
      int count = 0;
      for (Pending line = lines.poll(); line != null; line = lines.poll()) {
        text.append(formatted(line));
        count++;
      }
      long lost = dropped.getAndSet(0);
      if (lost > 0) {
        text.append("... ").append(lost).append(" log lines dropped: the console could not keep up")
            .append(System.lineSeparator());
      }
      if (!text.isEmpty()) {
        out.print(text);
        out.flush();
        text.setLength(0);
        waiting.addAndGet(-count);
        written.addAndGet(count);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(WRITE_EVERY_MS));
    }
  }

  /** The line of a record; a record that cannot be formatted must not stop the writer. */
  private String formatted(Pending line) {
    try {
      return format.format(line.record(), line.requestId());
    } catch (RuntimeException e) {
      return line.record().getLevel() + " " + line.record().getLoggerName() + " - " + line.record().getMessage()
          + " (not formatted: " + e + ")" + System.lineSeparator();
    }
  }

  /** Waits (a few seconds at most) until every line queued so far is written: before the process exits. */
  @Override
  public void flush() {
    long target = queued.get();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FLUSH_WAIT_MS);
    while (written.get() < target && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      Thread.yield();
    }
    out.flush();
  }

  @Override
  public void close() {
    flush();
  }
}
