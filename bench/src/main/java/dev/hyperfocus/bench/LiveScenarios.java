package dev.hyperfocus.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Live fan-out on a fresh node with 1,000 users: 1,000 sockets of one user; the same summary
 * reads without sockets, then with 10,000 idle sockets (10 per user) and the heap they cost; one
 * change per round to one user; the dashboard mix (reads, writes and the 10,000 sockets at once);
 * and whether every socket ended with its user's latest {@code seq}. The idle sockets live in a
 * process of their own ({@link SocketsProcess}), so that the generator is never the limit.
 */
final class LiveScenarios {
  static final int USERS = 1000;
  private static final int SOCKETS_PER_USER = 10;
  private static final int READ_CLIENTS = 32;
  private static final Duration IDLE_WINDOW = Duration.ofSeconds(21);

  private LiveScenarios() {}

  static void run(Vertx vertx, Plan plan, Path jar, Path tmp, List<JsonObject> rows, JsonObject fanCeiling,
      JsonObject httpCeiling, JsonObject jdbcCeiling) throws Exception {
    Path dataDir = Files.createTempDirectory(tmp, "live-");
    try (NodeProcess node = NodeProcess.hyperFocus(jar, dataDir, "full", List.of());
         Client client = new Client(vertx, node.base())) {
      List<Sessions> users = new ArrayList<>();
      for (int from = 0; from < USERS; from += 50) {
        List<Future<Sessions>> batch = new ArrayList<>();
        for (int i = from; i < from + 50; i++) {
          batch.add(client.signUp("live" + i, Seeder.ZONE).compose(user -> Sessions.open(client, user)));
        }
        Future.all(batch).await(120, TimeUnit.SECONDS);
        batch.forEach(f -> users.add(f.result()));
      }
      Sessions first = users.get(0);
      try (FanOut fan = new FanOut(vertx, false)) {
        fan.connect(node.base(), Collections.nCopies(1000, liveUri(first)), 100);
        JsonObject row = Ceilings.fanOutRow("live.fanout_1000_sockets_one_user",
            fan.measure(plan.rounds(), 0, 1000, () -> first.log(client)));
        double ratio = row.getDouble("last_ms") / fanCeiling.getDouble("last_ms");
        rows.add(row.put("ceiling", fanCeiling.getString("name")).put("ratio", ratio)
            .put("target", "last socket <= 1.5x ceiling").put("met", ratio <= 1.5 && row.getLong("errors") == 0));
      }
      reads(vertx, plan, node, client, users, rows, httpCeiling, jdbcCeiling);
    }
  }

  /**
   * The read load alone, then with 10,000 idle sockets (10 per user, held by a {@link SocketHolder}
   * process, except the probe users' sockets, which the bench holds to time a change), then reads
   * and writes together with those sockets, and at the end whether every socket has its user's
   * latest seq.
   */
  private static void reads(Vertx vertx, Plan plan, NodeProcess node, Client client, List<Sessions> users, List<JsonObject> rows,
      JsonObject httpCeiling, JsonObject jdbcCeiling) throws Exception {
    // long enough to hold at least one of the server's 20 s ping periods
    Duration window = plan.window().compareTo(IDLE_WINDOW) > 0 ? plan.window() : IDLE_WINDOW;
    HttpLoad load = new HttpLoad(vertx, node.base());
    load.run(READ_CLIENTS, Duration.ZERO, plan.steadyAfter(), i -> summary(users));
    JsonObject alone = Row.of("live.reads_32c_no_sockets",
        cpu("reads alone", node, null, () -> load.run(READ_CLIENTS, plan.warmup(), window, i -> summary(users))));
    rows.add(Row.against(alone, httpCeiling, "", 0));
    // the mix without sockets, the same-run baseline of the mix rows below
    mix(vertx, plan, node, null, users, rows, httpCeiling, jdbcCeiling);

    int probes = plan.rounds() * 4;
    List<String> held = new ArrayList<>();
    List<String> probed = new ArrayList<>();
    for (int u = 0; u < USERS; u++) {
      (u >= USERS - probes ? probed : held).addAll(Collections.nCopies(SOCKETS_PER_USER, liveUri(users.get(u))));
    }
    long heapBefore = node.heapAfterGc();
    try (FanOut fan = new FanOut(vertx, false); SocketsProcess sockets = SocketsProcess.open(node.base(), held)) {
      fan.connect(node.base(), probed, 200);
      double perSocket = (node.heapAfterGc() - heapBefore) / (double) (held.size() + probed.size());
      rows.add(Row.target(Row.value("live.heap_bytes_per_idle_socket_10000", "B", perSocket), "< 30 KiB",
          perSocket < 30 * 1024));
      // no load at all: what 10,000 idle sockets cost the node by themselves (pings, pongs, watches)
      ThreadCpu idleFrom = ThreadCpu.of(node.pid());
      ThreadCpu.Machine machineFrom = ThreadCpu.Machine.now();
      Runnable profiled = node.profile("idle-sockets");
      Thread.sleep(IDLE_WINDOW.toMillis());
      profiled.run();
      ThreadCpu idleTo = ThreadCpu.of(node.pid());
      System.out.println("  CPU with 10,000 idle sockets and no load: " + ThreadCpu.Machine.now().since(machineFrom)
          + "; node " + idleTo.busiestSince(idleFrom, 5));
      rows.add(Row.value("live.node_cores_with_10000_idle_sockets_no_load", "cores", idleTo.coresSince(idleFrom)));
      double[] lasts = new double[probes];
      double worst = 0;
      for (int r = 0; r < probes; r++) {
        Sessions user = users.get(USERS - probes + r);
        FanOut.Rounds one = fan.measure(1, r * SOCKETS_PER_USER, (r + 1) * SOCKETS_PER_USER, () -> user.log(client));
        lasts[r] = one.lastMedianMs();
        worst = Math.max(worst, one.p99Ms());
      }
      Arrays.sort(lasts);
      rows.add(new JsonObject().put("name", "live.change_to_10_sockets_among_10000").put("last_ms", lasts[lasts.length / 2])
          .put("p99_ms", worst));

      JsonObject idle = Row.of("live.reads_32c_with_10000_idle_sockets", cpu("reads, 10,000 idle sockets", node, sockets,
          () -> load.run(READ_CLIENTS, plan.warmup(), window, i -> summary(users))));
      double ratio = idle.getDouble("per_second") / alone.getDouble("per_second");
      boolean met = ratio >= 0.9 && idle.getDouble("p99_ms") <= 1.5 * alone.getDouble("p99_ms")
          && idle.getDouble("p999_ms") < 250;
      rows.add(idle.put("ceiling", "live.reads_32c_no_sockets").put("ratio", ratio)
          .put("target", ">= 0.9x, p99 <= 1.5x, p99.9 < 250 ms").put("met", met));

      mix(vertx, plan, node, sockets, users, rows, httpCeiling, jdbcCeiling);
      SocketsProcess.Check check = sockets.check();
      System.out.println("  sockets check: " + check);
      rows.add(Row.target(Row.value("mix.sockets_behind_latest_seq", "sockets", check.behind())
          .put("sockets", check.sockets()).put("frames", check.frames()), "0 of the held sockets", check.behind() == 0));
    }
  }

  /** Reads and writes together, with the idle sockets of {@code sockets} or, when null, none. */
  private static void mix(Vertx vertx, Plan plan, NodeProcess node, SocketsProcess sockets, List<Sessions> users,
      List<JsonObject> rows, JsonObject httpCeiling, JsonObject jdbcCeiling) throws Exception {
    if (sockets == null) {
      Result[] written = new Result[1];
      Result read = cpu("reads and writes, no sockets", node, null, () -> together(vertx, plan, node, users, written));
      rows.add(Row.against(Row.of("mix.reads_32c_with_writes_no_sockets", read), httpCeiling, "", 0));
      rows.add(Row.against(Row.of("mix.writes_16c_with_reads_no_sockets", written[0]), jdbcCeiling, "", 0));
      return;
    }
    Result[] written = new Result[1];
    Result read = cpu("reads and writes, 10,000 sockets", node, sockets, () -> together(vertx, plan, node, users, written));
    String latency = ", p99 < 50 ms, p99.9 < 250 ms";
    JsonObject readRow = Row.against(Row.of("mix.reads_32c_with_writes_and_10000_sockets", read), httpCeiling, "", 0);
    rows.add(Row.target(readRow, ">= 0.2x" + latency, readRow.getDouble("ratio") >= 0.2 && fast(read)));
    JsonObject writeRow = Row.against(Row.of("mix.writes_16c_with_reads_and_10000_sockets", written[0]), jdbcCeiling, "", 0);
    rows.add(Row.target(writeRow, ">= 0.5x" + latency, writeRow.getDouble("ratio") >= 0.5 && fast(written[0])));
  }

  /** 32 readers and 16 writers at once; returns the reads, puts the writes in {@code written[0]}. */
  private static Result together(Vertx vertx, Plan plan, NodeProcess node, List<Sessions> users, Result[] written)
      throws Exception {
    HttpLoad reads = new HttpLoad(vertx, node.base());
    HttpLoad writes = new HttpLoad(vertx, node.base());
    CompletableFuture<Result> readings = CompletableFuture.supplyAsync(() -> call(() -> reads.run(READ_CLIENTS,
        plan.warmup(), plan.window(), i -> summary(users))));
    written[0] = writes.run(16, plan.warmup(), plan.window(), i -> users.get(i).logCall());
    return readings.get(5, TimeUnit.MINUTES);
  }

  private static boolean fast(Result result) {
    return result.p99Ms() < 50 && result.p999Ms() < 250 && result.errors() == 0;
  }

  private static HttpLoad.Call summary(List<Sessions> users) {
    Client.User user = users.get(ThreadLocalRandom.current().nextInt(USERS)).user();
    return HttpLoad.Call.get("/users/" + user.id() + "/stats/summary?range=7d", user.token());
  }

  /** Runs the load and prints the busiest threads of the node, the generator and the socket holder meanwhile. */
  private static Result cpu(String what, NodeProcess node, SocketsProcess sockets, Measured load) throws Exception {
    ThreadCpu nodeBefore = ThreadCpu.of(node.pid());
    ThreadCpu benchBefore = ThreadCpu.of(ProcessHandle.current().pid());
    ThreadCpu socketsBefore = sockets == null ? null : ThreadCpu.of(sockets.pid());
    ThreadCpu.Machine machineBefore = ThreadCpu.Machine.now();
    Runnable profiled = node.profile(what.replaceAll("[^a-z0-9]+", "-"));
    Result result = load.run();
    profiled.run();
    System.out.println("  CPU during " + what + ": " + ThreadCpu.Machine.now().since(machineBefore) + "; node "
        + ThreadCpu.of(node.pid()).busiestSince(nodeBefore, 5));
    System.out.println("    generator " + ThreadCpu.of(ProcessHandle.current().pid()).busiestSince(benchBefore, 3));
    if (sockets != null) {
      System.out.println("    socket holder " + ThreadCpu.of(sockets.pid()).busiestSince(socketsBefore, 3));
    }
    return result;
  }

  private static String liveUri(Sessions user) {
    return "/users/" + user.user().id() + "/live?access_token=" + user.user().token();
  }

  private interface Measured {
    Result run() throws Exception;
  }

  private static Result call(Measured measured) {
    try {
      return measured.run();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
