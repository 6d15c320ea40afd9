package dev.hyperfocus.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code java -jar bench/target/hyperfocus-bench.jar [--quick] [--runs N] [--jar PATH] [--out DIR]
 * [--only ceilings,stats,rollups,writes,live] [--target URL] [--jmh]}: measures the ceilings and HyperFocus in the same run, prints the table
 * of medians and writes every run to {@code bench-results/<date>.json}.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    List<String> list = Arrays.asList(args);
    if (list.contains("--jmh")) {
      org.openjdk.jmh.Main.main(list.stream().filter(a -> !a.equals("--jmh")).toArray(String[]::new));
      return;
    }
    boolean quick = list.contains("--quick");
    Plan plan = Plan.of(quick, Integer.parseInt(option(list, "--runs", quick ? "1" : "3")),
        option(list, "--only", "ceilings,stats,rollups,writes,live"));
    Path jar = Path.of(option(list, "--jar", "launcher/target/hyperfocus.jar"));
    Path out = Path.of(option(list, "--out", "bench-results"));
    String target = option(list, "--target", null);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    Path tmp = Files.createTempDirectory("hyperfocus-bench");
    long started = System.nanoTime();
    List<List<JsonObject>> runs = new ArrayList<>();
    try {
      if (target != null) {
        runs.add(TargetScenarios.run(vertx, plan, java.net.URI.create(target)));
      } else {
        StatsScenarios stats = new StatsScenarios(vertx, plan, jar, tmp);
        if (plan.runs("stats")) {
          System.out.println("seeding the statistics data directory...");
          stats.seed();
        }
        RollupScenarios rollups = new RollupScenarios(vertx, plan, jar, tmp);
        if (plan.runs("rollups")) {
          System.out.println("seeding the rollups data directories...");
          rollups.seed();
        }
        for (int run = 1; run <= plan.runs(); run++) {
          System.out.println("run " + run + " of " + plan.runs());
          runs.add(oneRun(vertx, plan, jar, tmp, stats, rollups));
        }
      }
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
      if (System.getProperty("bench.keepTmp") == null) {
        deleteTree(tmp);
      } else {
        System.out.println("kept " + tmp);
      }
    }
    List<JsonObject> medians = Table.medians(runs);
    System.out.println();
    System.out.println(Table.render(medians));
    JsonObject report = new JsonObject().put("date", ZonedDateTime.now().toString()).put("machine", machine())
        .put("quick", quick).put("runs", runs.size()).put("seconds", (System.nanoTime() - started) / 1e9)
        .put("medians", Table.json(medians)).put("each_run", new io.vertx.core.json.JsonArray(
            runs.stream().map(Table::json).toList()));
    Files.createDirectories(out);
    Path file = out.resolve(LocalDate.now() + (quick ? "-quick" : "") + ".json");
    Files.writeString(file, report.encodePrettily());
    System.out.printf("%nwritten %s (%.0f s)%n", file, (System.nanoTime() - started) / 1e9);
    System.exit(0);
  }

  private static List<JsonObject> oneRun(Vertx vertx, Plan plan, Path jar, Path tmp, StatsScenarios stats,
      RollupScenarios rollups) throws Exception {
    List<JsonObject> rows = new ArrayList<>();
    shown = 0;
    if (plan.runs("ceilings")) {
      Ceilings.measure(vertx, plan, tmp, rows);
      progress(rows);
    }
    JsonObject http = find(rows, "ceiling.http_trivial_64c");
    JsonObject jdbcFull = find(rows, "ceiling.jdbc_full_1_per_commit");
    if (plan.runs("stats")) {
      stats.run(rows, http);
      progress(rows);
    }
    if (plan.runs("rollups")) {
      rollups.run(rows);
      progress(rows);
    }
    if (plan.runs("writes")) {
      WriteScenarios.run(vertx, plan, jar, tmp, "FULL", rows, jdbcFull);
      WriteScenarios.run(vertx, plan, jar, tmp, "NORMAL", rows, find(rows, "ceiling.jdbc_normal_1_per_commit"));
      progress(rows);
    }
    if (plan.runs("live")) {
      LiveScenarios.run(vertx, plan, jar, tmp, rows, find(rows, "ceiling.fanout_1000"), http, jdbcFull);
      progress(rows);
    }
    return rows;
  }

  /** Rows of the current run printed so far. */
  private static int shown;

  private static void progress(List<JsonObject> rows) {
    rows.subList(Math.min(shown, rows.size()), rows.size()).forEach(row -> System.out.println("  " + row.encode()));
    shown = rows.size();
  }

  static JsonObject find(List<JsonObject> rows, String name) {
    return rows.stream().filter(r -> name.equals(r.getString("name"))).findFirst()
        .orElse(new JsonObject().put("name", name + " (not measured)").put("per_second", Double.NaN)
            .put("last_ms", Double.NaN));
  }

  private static String option(List<String> args, String name, String otherwise) {
    int at = args.indexOf(name);
    return at >= 0 && at + 1 < args.size() ? args.get(at + 1) : otherwise;
  }

  private static JsonObject machine() {
    String cpu = "";
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      cpu = lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.replaceAll(".*:\\s*", "")).orElse("");
    } catch (Exception ignored) {
      // not Linux
    }
    return new JsonObject().put("cores", Runtime.getRuntime().availableProcessors()).put("cpu", cpu)
        .put("java", System.getProperty("java.version")).put("os", System.getProperty("os.name"))
        .put("note", "client and server share this machine");
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (Exception ignored) {
      // a temporary folder left behind is harmless
    }
  }
}
