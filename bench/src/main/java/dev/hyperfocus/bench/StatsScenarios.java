package dev.hyperfocus.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Statistics reads from a data directory seeded once: users with a year of history, one with
 * 1,000 interruptions and one with {@code plan.bigUserRows()}; every run restarts the node on it
 * (the cold start with that many stored rows), warms the users up, then reads: a cold first
 * window, then, after {@link Plan#steadyAfter()} more of the same load, the measured steady state.
 */
final class StatsScenarios {
  static final int YEAR_USERS = 8;

  private final Vertx vertx;
  private final Plan plan;
  private final Path jar;
  private final Path dataDir;
  private final List<Client.User> yearUsers = new ArrayList<>();
  private Client.User smallUser;
  private Client.User bigUser;

  StatsScenarios(Vertx vertx, Plan plan, Path jar, Path tmp) throws Exception {
    this.vertx = vertx;
    this.plan = plan;
    this.jar = jar;
    this.dataDir = Files.createTempDirectory(tmp, "stats-");
  }

  /** Signs the users up through the API, stops the node and writes their history into its files. */
  void seed() throws Exception {
    try (NodeProcess node = NodeProcess.hyperFocus(jar, dataDir, "full", List.of());
         Client client = new Client(vertx, node.base())) {
      for (int i = 0; i < YEAR_USERS; i++) {
        yearUsers.add(client.signUp("year" + i, Seeder.ZONE).await(60, TimeUnit.SECONDS));
      }
      smallUser = client.signUp("small", Seeder.ZONE).await(60, TimeUnit.SECONDS);
      bigUser = client.signUp("big", Seeder.ZONE).await(60, TimeUnit.SECONDS);
    }
    long started = System.nanoTime();
    for (Client.User user : yearUsers) {
      Seeder.history(dataDir, user.id(), 365, 8);
    }
    Seeder.history(dataDir, smallUser.id(), 100, 10);
    Seeder.history(dataDir, bigUser.id(), plan.bigUserRows() / 1000, 1000);
    List<Long> ids = new ArrayList<>(yearUsers.stream().map(Client.User::id).toList());
    ids.addAll(List.of(smallUser.id(), bigUser.id()));
    Seeder.rollups(dataDir, ids);
    System.out.printf("  seeded %d interruptions in %.1f s%n", Seeder.count(dataDir, "interruptions"),
        (System.nanoTime() - started) / 1e9);
  }

  void run(List<JsonObject> rows, JsonObject httpCeiling) throws Exception {
    try (NodeProcess node = NodeProcess.hyperFocus(jar, dataDir, "full", List.of());
         Client client = new Client(vertx, node.base())) {
      rows.add(Row.target(Row.value("cold_start.stored_" + plan.bigUserRows() + "_interruptions", "s", node.readySeconds()),
          "< 10 s", node.readySeconds() < 10));
      long heapBefore = node.heapAfterGc();
      for (Client.User user : yearUsers) {
        warm(client, user);
      }
      warm(client, smallUser);
      long heapSmall = node.heapAfterGc();
      long started = System.nanoTime();
      warm(client, bigUser);
      rows.add(Row.value("stats.warm_up_user_of_" + plan.bigUserRows(), "s", (System.nanoTime() - started) / 1e9));
      long heapBig = node.heapAfterGc();
      rows.add(Row.value("stats.heap_bytes_per_year_user", "B",
          (heapSmall - heapBefore) / (double) (YEAR_USERS + 1)));
      rows.add(Row.value("stats.heap_bytes_per_interruption_of_big_user", "B",
          (heapBig - heapSmall) / (double) plan.bigUserRows()));

      HttpLoad load = new HttpLoad(vertx, node.base());
      IntFunction<HttpLoad.Call> yearReads = i -> {
        Client.User user = yearUsers.get(i % YEAR_USERS);
        return HttpLoad.Call.get("/users/" + user.id() + "/stats/summary?range=7d", user.token());
      };
      // As for the writes: a fresh JVM's first window is reported on its own (C2 still compiles the
      // read path, on the 2 cores the load also needs), then the node is loaded until steady state.
      rows.add(Row.of("stats.summary_7d_year_users_64c_cold_first_window",
          load.run(64, Duration.ZERO, plan.window(), yearReads)));
      load.run(64, Duration.ZERO, plan.steadyAfter(), yearReads);
      JsonObject reads = Row.of("stats.summary_7d_year_users_64c", load.run(64, plan.warmup(), plan.window(), yearReads));
      rows.add(Row.against(reads, httpCeiling, ">= 0.5x, p99 < 10 ms", 0.5)
          .put("met", reads.getDouble("ratio") >= 0.5 && reads.getDouble("p99_ms") < 10 && reads.getLong("errors") == 0));
      for (Client.User user : List.of(smallUser, bigUser)) {
        String size = user == smallUser ? "1000" : Integer.toString(plan.bigUserRows());
        rows.add(Row.of("stats.summary_7d_user_of_" + size, load.run(8, plan.warmup().dividedBy(2), plan.window().dividedBy(2),
            i -> HttpLoad.Call.get("/users/" + user.id() + "/stats/summary", user.token()))));
        rows.add(Row.of("stats.productive_hours_30d_user_of_" + size, load.run(8, plan.warmup().dividedBy(2),
            plan.window().dividedBy(2),
            i -> HttpLoad.Call.get("/users/" + user.id() + "/stats/productive-hours?range=30d", user.token()))));
      }
    }
  }

  /**
   * Asks until the user's aggregates are in memory: a load longer than the web's bus timeout
   * answers 503 while it goes on, and the next request joins it.
   */
  private static void warm(Client client, Client.User user) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (true) {
      try {
        summary(client, user, "7d").await(60, TimeUnit.SECONDS);
        return;
      } catch (Exception e) {
        boolean retry = e instanceof HttpClosedException || e.getMessage() != null && e.getMessage().contains("503");
        if (System.nanoTime() > deadline || !retry) {
          throw e;
        }
      }
    }
  }

  private static Future<JsonObject> summary(Client client, Client.User user, String range) {
    return client.send(HttpMethod.GET, "/users/" + user.id() + "/stats/summary?range=" + range, user.token(), null, 200);
  }
}
