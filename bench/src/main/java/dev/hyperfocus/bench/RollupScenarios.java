package dev.hyperfocus.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the persisted rollups of issue 15 promise, on a data directory of many year-users (10,000;
 * 1,100 with {@code --quick}) and one user with {@code plan.bigUserRows()} interruptions, seeded
 * once: each run restarts the node and times its start, the first summary of the big user and of
 * a year-user, and 1,000 year-users asked at once; the heap those users take; every answer checked
 * against a recomputation from the seeding pattern. The one-time migration of a data directory
 * from before the rollups (100 year-users) is timed on its own.
 */
final class RollupScenarios {
  private static final int AT_ONCE = 1000;
  private static final int MIGRATED_USERS = 100;

  private final Vertx vertx;
  private final Plan plan;
  private final Path jar;
  private final Path dataDir;
  private final Path oldDataDir;
  private final List<Client.User> yearUsers = new ArrayList<>();
  private Client.User bigUser;
  /** Index 0 is the user that warms the request path up. */
  private int nextUnloaded = 1;

  RollupScenarios(Vertx vertx, Plan plan, Path jar, Path tmp) throws Exception {
    this.vertx = vertx;
    this.plan = plan;
    this.jar = jar;
    this.dataDir = Files.createTempDirectory(tmp, "rollups-");
    this.oldDataDir = Files.createTempDirectory(tmp, "rollups-old-");
  }

  private int yearUserCount() {
    String asked = System.getProperty("bench.yearUsers");
    return asked != null ? Integer.parseInt(asked) : plan.quick() ? 1100 : 10_000;
  }

  void seed() throws Exception {
    long started = System.nanoTime();
    try (NodeProcess node = NodeProcess.hyperFocus(jar, dataDir, "normal", List.of());
         Client client = new Client(vertx, node.base())) {
      yearUsers.addAll(signUp(node.base(), "ryear", yearUserCount()));
      bigUser = client.signUp("rbig", Seeder.ZONE).await(60, TimeUnit.SECONDS);
    }
    List<Long> ids = new ArrayList<>();
    for (Client.User user : yearUsers) {
      Seeder.history(dataDir, user.id(), 365, 8);
      ids.add(user.id());
    }
    Seeder.history(dataDir, bigUser.id(), plan.bigUserRows() / 1000, 1000);
    ids.add(bigUser.id());
    System.out.printf("  rollups: seeded %d year-users and one of %d interruptions in %.1f s%n", yearUsers.size(),
        plan.bigUserRows(), (System.nanoTime() - started) / 1e9);
    long built = System.nanoTime();
    Seeder.rollups(dataDir, ids);
    System.out.printf("  rollups: built their rollups in %.1f s%n", (System.nanoTime() - built) / 1e9);

    try (NodeProcess node = NodeProcess.hyperFocus(jar, oldDataDir, "normal", List.of());
         Client client = new Client(vertx, node.base())) {
      for (Client.User user : signUp(node.base(), "ryearold", MIGRATED_USERS)) {
        Seeder.history(oldDataDir, user.id(), 365, 8);
      }
    }
  }

  void run(List<JsonObject> rows) throws Exception {
    long heapBefore;
    long heapAfter;
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    int wrong = 0;
    int errors = 0;
    try (NodeProcess node = NodeProcess.hyperFocus(jar, dataDir, "full", List.of());
         Client client = new Client(vertx, node.base(), AT_ONCE)) {
      rows.add(Row.target(Row.value("rollups.startup_" + yearUsers.size() + "_year_users", "s", node.readySeconds()),
          "< 3 s", node.readySeconds() < 3));
      // a fresh JVM's first requests compile the request path; the users measured below are not
      // among those asked here, so what is timed is loading their rollups
      Client.User warm = yearUsers.get(0);
      for (int i = 0; i < 300; i++) {
        client.send(HttpMethod.GET, "/users/" + warm.id() + "/stats/summary?range=7d", warm.token(), null, 200)
            .await(60, TimeUnit.SECONDS);
      }
      double big = timeFirstSummary(client, bigUser);
      rows.add(Row.target(Row.value("rollups.first_summary_user_of_" + plan.bigUserRows(), "ms", big),
          "< 200 ms", big < 200));
      Client.User year = yearUsers.get(next(1));
      double first = timeFirstSummary(client, year);
      rows.add(Row.target(Row.value("rollups.first_summary_year_user", "ms", first), "< 20 ms", first < 20));

      heapBefore = node.heapAfterGc();
      int from = next(AT_ONCE);
      List<Future<JsonObject>> answers = new ArrayList<>();
      long sent = System.nanoTime();
      for (int i = 0; i < AT_ONCE; i++) {
        Client.User user = yearUsers.get(from + i);
        answers.add(client.send(HttpMethod.GET, "/users/" + user.id() + "/stats/summary?range=7d", user.token(), null, 200)
            .onComplete(done -> latencies.add((System.nanoTime() - sent) / 1_000_000)));
      }
      Future.join(answers).await(60, TimeUnit.SECONDS);
      for (Future<JsonObject> answer : answers) {
        if (answer.failed()) {
          errors++;
        } else if (!matches(answer.result())) {
          wrong++;
        }
      }
      heapAfter = node.heapAfterGc();
      // the same users again, now in memory: what of the above is loading and what is the request path
      List<Future<JsonObject>> again = new ArrayList<>();
      long[] slowestWarm = {0};
      long resent = System.nanoTime();
      for (int i = 0; i < AT_ONCE; i++) {
        Client.User user = yearUsers.get(from + i);
        again.add(client.send(HttpMethod.GET, "/users/" + user.id() + "/stats/summary?range=7d", user.token(), null, 200)
            .onComplete(done -> {
              synchronized (slowestWarm) {
                slowestWarm[0] = Math.max(slowestWarm[0], (System.nanoTime() - resent) / 1_000_000);
              }
            }));
      }
      Future.join(again).await(60, TimeUnit.SECONDS);
      rows.add(Row.value("rollups." + AT_ONCE + "_year_users_at_once_again_slowest", "ms", slowestWarm[0]));
    }
    long slowest = latencies.stream().mapToLong(Long::longValue).max().orElse(-1);
    rows.add(Row.target(Row.value("rollups." + AT_ONCE + "_year_users_at_once_slowest", "ms", slowest)
        .put("errors", errors), "0 errors, all < 2 s", errors == 0 && slowest < 2000));
    rows.add(Row.target(Row.value("rollups.answers_differing_from_recomputation", "n", wrong), "0", wrong == 0));
    double perUser = (heapAfter - heapBefore) / (double) AT_ONCE;
    rows.add(Row.target(Row.value("rollups.heap_bytes_per_loaded_year_user", "B", perUser), "<= 100 KB",
        perUser <= 100 * 1024));

    for (String file : List.of("stats.db", "stats.db-wal", "stats.db-shm")) {
      Files.deleteIfExists(oldDataDir.resolve(file));
    }
    try (NodeProcess node = NodeProcess.hyperFocus(jar, oldDataDir, "full", List.of())) {
      rows.add(Row.value("rollups.migration_start_" + MIGRATED_USERS + "_year_users_from_rows", "s", node.readySeconds())
          .put("rows", MIGRATED_USERS * 365L * 9));
    }
  }

  /** Users that no run has asked for yet, so that every timed answer is a first one after a restart. */
  private int next(int count) {
    int from = nextUnloaded;
    nextUnloaded += count;
    if (nextUnloaded > yearUsers.size()) {
      from = 1;
      nextUnloaded = 1 + count;
    }
    return from;
  }

  private double timeFirstSummary(Client client, Client.User user) throws Exception {
    long started = System.nanoTime();
    JsonObject summary = client.send(HttpMethod.GET, "/users/" + user.id() + "/stats/summary?range=7d", user.token(),
        null, 200).await(60, TimeUnit.SECONDS);
    double ms = (System.nanoTime() - started) / 1e6;
    if (user != bigUser && !matches(summary)) {
      throw new IllegalStateException("summary differs from the recomputation: " + summary);
    }
    return ms;
  }

  private static boolean matches(JsonObject summary) {
    JsonObject expected = Seeder.expectedSummary(365, 8, 7, Instant.parse(summary.getString("to")));
    for (String field : expected.fieldNames()) {
      if (!expected.getValue(field).equals(summary.getLong(field))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Signs {@code count} users up, 100 at a time, each batch on a fresh client: one pooled client
   * that had sent some thousands of sign-ups was seen to leave a batch waiting for ever with no
   * connection open (the node answered others meanwhile), so a batch that takes a minute is sent
   * again, under new names, on a new client.
   */
  private List<Client.User> signUp(java.net.URI base, String prefix, int count) throws Exception {
    List<Client.User> users = new ArrayList<>();
    int attempt = 0;
    for (int from = 0; from < count; ) {
      List<Future<Client.User>> batch = new ArrayList<>();
      try (Client client = new Client(vertx, base)) {
        for (int i = from; i < Math.min(count, from + 100); i++) {
          batch.add(client.signUp(prefix + i + (attempt == 0 ? "" : "r" + attempt), Seeder.ZONE));
        }
        Future.all(batch).await(60, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException stuck) {
        attempt++;
        System.out.printf("  rollups: sign-ups from %d took over a minute; again on a new client%n", from);
        continue;
      }
      batch.forEach(user -> users.add(user.result()));
      from += 100;
      if (from % 2000 == 0) {
        System.out.printf("  rollups: %d signed up%n", from);
      }
    }
    return users;
  }

}
