package dev.hyperfocus.stats;

import dev.hyperfocus.api.InterruptionType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmarks of the statistics hot paths, on a user with a year of history (one 8-hour
 * session a day in Europe/Berlin, 8 interruptions each): folding an event into the aggregate,
 * answering a window, and encoding a body. Run with {@code java -jar bench/target/hyperfocus-bench.jar --jmh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StatsBenchmarks {
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  @Param({"7d", "30d", "all"})
  public String range;

  private UserStats stats;
  private Range window;
  private Instant now;
  private StatsReport report;
  private long nextId = 10_000_000;
  private long foldSession;
  private Instant foldStart;

  @Setup
  public void setUp() {
    stats = new UserStats();
    now = Instant.now();
    LocalDate today = LocalDate.ofInstant(now, ZONE);
    long interruptionId = 1;
    for (int d = 365; d >= 1; d--) {
      Instant start = today.minusDays(d).atTime(9, 0).atZone(ZONE).toInstant();
      stats.putSession(d, start, start.plus(Duration.ofHours(8)), ZONE);
      for (int i = 0; i < 8; i++) {
        Instant from = start.plus(Duration.ofMinutes(60L * i));
        stats.putInterruption(interruptionId++, d, from, from.plusSeconds(300), InterruptionType.PHONE, 300);
      }
    }
    foldSession = 1;
    foldStart = today.minusDays(1).atTime(9, 0).atZone(ZONE).toInstant().plus(Duration.ofMinutes(30));
    window = Range.parse(range);
    report = stats.report(window, ZONE, now);
  }

  /** Logging one interruption into yesterday's ended session, then deleting it (stays steady). */
  @Benchmark
  public UserStats foldInterruption() {
    long id = nextId++;
    stats.putInterruption(id, foldSession, foldStart, foldStart.plusSeconds(120), InterruptionType.NOISE, 120);
    stats.removeInterruption(id);
    return stats;
  }

  @Benchmark
  public StatsReport answerWindow() {
    return stats.report(window, ZONE, now);
  }

  @Benchmark
  public String encodeSummary() {
    return StatsView.SUMMARY.body(1, report).encode();
  }

  @Benchmark
  public String encodeProductiveHours() {
    return StatsView.PRODUCTIVE_HOURS.body(1, report).encode();
  }
}
