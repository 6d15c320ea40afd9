package dev.hyperfocus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time per thread of a process, read from {@code /proc/<pid>/task/<tid>/stat} (Linux only;
 * elsewhere empty). Two snapshots around a window give each thread's share of a core in it, for
 * the node, the generator and the socket holder alike.
 */
final class ThreadCpu {
  private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

  private final Map<String, Long> ticksByThread;
  private final long at = System.nanoTime();

  private ThreadCpu(Map<String, Long> ticksByThread) {
    this.ticksByThread = ticksByThread;
  }

  static ThreadCpu of(long pid) {
    Map<String, Long> ticks = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      tasks.forEach(task -> {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          // after the name: state is field 0, utime 11, stime 12
          long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
          ticks.merge(name.replaceAll("\\d+$", "#") + "/" + task.getFileName(), used, Long::sum);
        } catch (IOException | RuntimeException ignored) {
          // the thread ended meanwhile
        }
      });
    } catch (IOException | RuntimeException ignored) {
      // not Linux, or the process is gone
    }
    return new ThreadCpu(ticks);
  }

  /** The whole machine's CPU time so far ({@code /proc/stat}): busy, iowait and total ticks. */
  record Machine(long busy, long iowait, long total) {
    static Machine now() {
      try {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long user = Long.parseLong(f[1]) + Long.parseLong(f[2]);
        long system = Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7]) + Long.parseLong(f[8]);
        long idle = Long.parseLong(f[4]);
        long iowait = Long.parseLong(f[5]);
        return new Machine(user + system, iowait, user + system + idle + iowait);
      } catch (IOException | RuntimeException e) {
        return new Machine(0, 0, 0);
      }
    }

    /** E.g. "machine 1.85 of 2 cores busy, 0.10 in iowait" since {@code before}. */
    String since(Machine before) {
      double ticks = Math.max(1, total - before.total);
      int cores = Runtime.getRuntime().availableProcessors();
      return String.format(Locale.ROOT, "machine %.2f of %d cores busy, %.2f in iowait",
          cores * (busy - before.busy) / ticks, cores, cores * (iowait - before.iowait) / ticks);
    }
  }

  /** Cores used on average since {@code before}, all threads together. */
  double coresSince(ThreadCpu before) {
    double seconds = (at - before.at) / 1e9;
    return ticksByThread.entrySet().stream()
        .mapToLong(e -> e.getValue() - before.ticksByThread.getOrDefault(e.getKey(), 0L)).sum() / TICKS_PER_SECOND / seconds;
  }

  /** The {@code top} busiest threads since {@code before}, as shares of one core, e.g. "vert.x-eventloop-thread-#/123 0.83". */
  String busiestSince(ThreadCpu before, int top) {
    double seconds = (at - before.at) / 1e9;
    return String.format(Locale.ROOT, "%.2f cores: ", coresSince(before)) + ticksByThread.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), (e.getValue() - before.ticksByThread.getOrDefault(e.getKey(), 0L)) / TICKS_PER_SECOND / seconds))
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(top)
        .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey().substring(0, e.getKey().lastIndexOf('/')), e.getValue()))
        .collect(Collectors.joining(", "));
  }
}
