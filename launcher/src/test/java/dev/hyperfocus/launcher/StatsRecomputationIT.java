package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.InterruptionType;
import dev.hyperfocus.api.Setting;
import dev.hyperfocus.stats.RawInterruption;
import dev.hyperfocus.stats.RawSession;
import dev.hyperfocus.stats.StatsOracle;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Random histories written through the real HTTP API and event flow; every field of every
 * statistics view, for 1d, 7d, 30d and all, must equal a plain recomputation from the raw rows
 * (read back through the API): live, after a restart, and after more late logging, deletions,
 * zone changes and session ends followed at once by SIGKILL (the rollups, applied after the
 * write's answer, catch up from the domains' outboxes on the next start).
 */
@Tag("slow")
class StatsRecomputationIT {
  private static final List<String> VIEWS =
      List.of("summary", "interruption-types", "productive-hours", "peak-distraction-time", "weekly-pattern");
  private static final List<String> RANGES = List.of("1d", "7d", "30d", "all");
  private static final List<String> ZONES =
      List.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe");
  private static final InterruptionType[] TYPES = InterruptionType.values();

  private record Account(long id, String token) {}

  @Test
  @DisplayName("Every statistic equals a recomputation from the raw rows: live, after a restart, after SIGKILL, after a migration")
  void statisticsEqualRecomputation() throws Exception {
    Path dir = Files.createTempDirectory("hyperfocus-stats");
    List<Account> accounts = new ArrayList<>();
    try (TestNode node = TestNode.start(Map.of(Setting.DATA_DIR, dir.toString()))) {
      Random random = new Random(20261125L);
      for (int u = 0; u < ZONES.size(); u++) {
        accounts.add(writeHistory(node, random, ZONES.get(u), ZONES.get((u + 2) % ZONES.size()), u));
      }
      for (Account account : accounts) {
        assertEveryViewMatches(node, account);
      }
      node.stopOnly();
    }
    try (TestNode restarted = TestNode.start(Map.of(Setting.DATA_DIR, dir.toString()))) {
      for (Account account : accounts) {
        assertEveryViewMatches(restarted, account);
      }
      restarted.stopOnly();
    }
    try (ChildNode child = ChildNode.start(dir)) {
      Random random = new Random(20261205L);
      for (Account account : accounts) {
        changeLate(child, random, account);
      }
      child.kill();
    }
    try (TestNode afterKill = TestNode.start(Map.of(Setting.DATA_DIR, dir.toString()))) {
      for (Account account : accounts) {
        assertEveryViewMatches(afterKill, account);
      }
      afterKill.stopOnly();
    }
    // a data directory from before the outboxes and rollups: the first start replays its rows
    for (String domain : List.of("sessions", "interruptions")) {
      SqliteFiles.execute(dir, domain, "DROP TABLE outbox", "DELETE FROM schema_version WHERE version = 3");
    }
    for (String file : List.of("stats.db", "stats.db-wal", "stats.db-shm")) {
      Files.deleteIfExists(dir.resolve(file));
    }
    try (TestNode migrated = TestNode.start(Map.of(Setting.DATA_DIR, dir.toString()))) {
      for (Account account : accounts) {
        assertEveryViewMatches(migrated, account);
      }
    } finally {
      TestNode.deleteTree(dir);
    }
  }

  /** About 60 days of sessions, a zone change halfway, deletions, and an active session at the end. */
  private static Account writeHistory(TestNode node, Random random, String zone, String laterZone, int n) {
    JsonObject user = node.signUp("User " + n, "stats" + n + "-" + random.nextInt(1_000_000) + "@example.com", zone);
    Account account = new Account(user.getLong("id"), user.getString("api_token"));
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant cursor = now.minus(Duration.ofDays(60));
    List<Long> interruptionIds = new ArrayList<>();
    int sessions = 0;
    while (true) {
      cursor = cursor.plus(Duration.ofMinutes(30 + random.nextInt(36 * 60)));
      Instant end = cursor.plus(Duration.ofMinutes(random.nextInt(7 * 60)));
      if (end.isAfter(now.minus(Duration.ofHours(4)))) {
        break;
      }
      if (sessions++ == 12) {
        ok(node.patch("/users/" + account.id(), new JsonObject().put("timezone", laterZone), account.token()), 200);
      }
      JsonObject start = new JsonObject().put("user_id", account.id()).put("start_time", cursor.toString());
      if (random.nextInt(8) == 0) {
        start.put("timezone", ZONES.get(random.nextInt(ZONES.size())));
      }
      long sessionId = ok(node.post("/sessions/start", start, account.token()), 201).getLong("id");
      ok(node.post("/sessions/" + sessionId + "/end", new JsonObject().put("end_time", end.toString()), account.token()), 200);
      logInterruptions(node, random, account, sessionId, cursor, end, now, interruptionIds);
      cursor = end;
    }
    Instant activeStart = now.minus(Duration.ofHours(3));
    long active = ok(node.post("/sessions/start",
        new JsonObject().put("user_id", account.id()).put("start_time", activeStart.toString()), account.token()), 201).getLong("id");
    logInterruptions(node, random, account, active, activeStart, now, now, interruptionIds);
    JsonObject planned = interruption(account, active, now.minus(Duration.ofMinutes(2)), now.plus(Duration.ofHours(2)), TYPES[n]);
    int status = node.post("/interruptions", planned, account.token()).status();
    assertThat(status).isIn(201, 409);
    for (long id : interruptionIds) {
      if (random.nextInt(5) == 0) {
        ok(node.delete("/interruptions/" + id, account.token()), 204);
      }
    }
    return account;
  }

  /**
   * Late logging into ended sessions, deletions, a zone change and the end of the active session,
   * through a child process that the caller kills right after the last answer.
   */
  private static void changeLate(ChildNode node, Random random, Account account) {
    JsonArray sessions = ok(node.get("/sessions/user/" + account.id(), account.token()), 200).getJsonArray("items");
    Instant now = Instant.now();
    for (int k = 0; k < 6; k++) {
      JsonObject session = sessions.getJsonObject(random.nextInt(sessions.size()));
      Instant start = Instant.parse(session.getString("start_time"));
      Instant end = session.getString("end_time") == null ? now : Instant.parse(session.getString("end_time"));
      Instant from = start.plusSeconds(random.nextLong(Math.max(1, end.getEpochSecond() - start.getEpochSecond())));
      TestNode.Reply reply = node.post("/interruptions", interruption(account, session.getLong("id"), from,
          from.plusSeconds(60 + random.nextInt(3600)), TYPES[random.nextInt(TYPES.length)]), account.token());
      assertThat(reply.status()).as(reply.toString()).isIn(201, 409, 422);
      JsonArray logged = new JsonArray(node.get("/interruptions/session/" + session.getLong("id"), account.token()).body());
      if (!logged.isEmpty() && random.nextBoolean()) {
        long id = logged.getJsonObject(random.nextInt(logged.size())).getLong("id");
        ok(node.delete("/interruptions/" + id, account.token()), 204);
      }
    }
    String zone = ZONES.get(random.nextInt(ZONES.size()));
    ok(node.send("PATCH", "/users/" + account.id(), new JsonObject().put("timezone", zone).encode(), account.token()), 200);
    JsonObject active = sessions.stream().map(JsonObject.class::cast)
        .filter(session -> session.getString("end_time") == null).findFirst().orElseThrow();
    ok(node.post("/sessions/" + active.getLong("id") + "/end", new JsonObject(), account.token()), 200);
  }

  /** Up to four interruptions around the span, some reaching outside it; overlapping ones are refused (409). */
  private static void logInterruptions(TestNode node, Random random, Account account, long sessionId,
      Instant start, Instant end, Instant now, List<Long> ids) {
    long spanMinutes = Math.max(1, Duration.between(start, end).toMinutes());
    for (int k = random.nextInt(5); k > 0; k--) {
      Instant from = start.plus(Duration.ofMinutes(random.nextLong(spanMinutes + 20) - 10)).plusSeconds(random.nextInt(60));
      Instant to = from.plus(Duration.ofSeconds(30 + random.nextInt(50 * 60)));
      if (from.isAfter(now)) {
        continue;
      }
      TestNode.Reply reply = node.post("/interruptions",
          interruption(account, sessionId, from, to, TYPES[random.nextInt(TYPES.length)]), account.token());
      assertThat(reply.status()).as(reply.toString()).isIn(201, 409, 422);
      if (reply.status() == 201) {
        ids.add(reply.json().getLong("id"));
      }
    }
  }

  private static JsonObject interruption(Account account, long sessionId, Instant start, Instant end, InterruptionType type) {
    return new JsonObject().put("session_id", sessionId).put("user_id", account.id()).put("type", type.wireName())
        .put("description", "generated").put("start_time", start.toString()).put("end_time", end.toString());
  }

  private static void assertEveryViewMatches(TestNode node, Account account) {
    List<RawSession> sessions = new ArrayList<>();
    List<RawInterruption> interruptions = new ArrayList<>();
    JsonArray rows = ok(node.get("/sessions/user/" + account.id(), account.token()), 200).getJsonArray("items");
    for (int i = 0; i < rows.size(); i++) {
      JsonObject s = rows.getJsonObject(i);
      sessions.add(new RawSession(s.getLong("id"), Instant.parse(s.getString("start_time")),
          s.getString("end_time") == null ? null : Instant.parse(s.getString("end_time")),
          ZoneId.of(s.getString("timezone"))));
      JsonArray logged = new JsonArray(node.get("/interruptions/session/" + s.getLong("id"), account.token()).body());
      for (int k = 0; k < logged.size(); k++) {
        JsonObject r = logged.getJsonObject(k);
        interruptions.add(new RawInterruption(r.getLong("id"), r.getLong("session_id"),
            Instant.parse(r.getString("start_time")), Instant.parse(r.getString("end_time")),
            InterruptionType.fromWire(r.getString("type")).orElseThrow(), r.getLong("duration")));
      }
    }
    ZoneId userZone = ZoneId.of(ok(node.get("/users/" + account.id(), account.token()), 200).getString("timezone"));
    assertThat(sessions).hasSizeGreaterThan(10);
    assertThat(interruptions).isNotEmpty();
    for (String view : VIEWS) {
      for (String range : RANGES) {
        JsonObject actual = ok(node.get("/users/" + account.id() + "/stats/" + view + "?range=" + range, account.token()), 200);
        Instant now = Instant.parse(actual.getString("to"));
        JsonObject expected = StatsOracle.body(view, account.id(), sessions, interruptions, range, userZone, now);
        JsonClose.assertClose(actual, expected, "user " + account.id() + " " + view + "?range=" + range);
      }
    }
  }

  private static JsonObject ok(TestNode.Reply reply, int status) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    return reply.body() == null || reply.body().isEmpty() ? new JsonObject()
        : reply.body().startsWith("[") ? new JsonObject().put("items", reply.array()) : reply.json();
  }
}
