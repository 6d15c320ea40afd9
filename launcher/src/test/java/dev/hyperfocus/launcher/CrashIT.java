package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real jar in a child process, concurrent writers on several users, SIGKILL at a chosen
 * moment, a restart on the same data: every write that got a 2xx is there, nothing is
 * half-written, and every statistic equals a recomputation from the rows.
 */
@Tag("slow")
class CrashIT {
  private static final List<String> ZONES = List.of("Europe/Madrid", "Asia/Kolkata", "America/New_York", "UTC");
  private static final String[] TYPES = {"family", "phone", "noise", "self", "urgent_task", "unknown"};
  private static final Duration WAIT = Duration.ofSeconds(60);

  private record Account(long id, String token) {}

  /** What the writers were told was done: the 2xx bodies, and the ids of acknowledged deletions. */
  private static final class Acked {
    final Map<Long, JsonObject> started = new ConcurrentHashMap<>();
    final Map<Long, JsonObject> ended = new ConcurrentHashMap<>();
    final Map<Long, JsonObject> logged = new ConcurrentHashMap<>();
    final Set<Long> deleted = ConcurrentHashMap.newKeySet();
    /** Deletions sent: one cut short by the kill may have committed without its 204. */
    final Set<Long> deleting = ConcurrentHashMap.newKeySet();
    final List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
  }

  @ParameterizedTest(name = "SIGKILL after {0} acknowledged writes")
  @ValueSource(ints = {10, 90, 260})
  @DisplayName("A node killed mid-stream loses no acknowledged write, shows nothing half-written, and its statistics equal a recomputation")
  void killedMidStream(int killAfter) throws Exception {
    Path dir = Files.createTempDirectory("hyperfocus-crash");
    Acked acked = new Acked();
    List<Account> accounts = new ArrayList<>();
    try {
      AtomicInteger count = new AtomicInteger();
      try (ChildNode node = ChildNode.start(dir)) {
        for (int u = 0; u < ZONES.size(); u++) {
          JsonObject body = new JsonObject().put("name", "Writer " + u)
              .put("email", "writer" + u + "@example.com").put("timezone", ZONES.get(u));
          JsonObject user = node.post("/users", body, null).json();
          accounts.add(new Account(user.getLong("id"), user.getString("api_token")));
        }
        CountDownLatch reached = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int u = 0; u < accounts.size(); u++) {
          Account account = accounts.get(u);
          Random random = new Random(killAfter * 31L + u);
          Runnable acknowledged = () -> {
            if (count.incrementAndGet() == killAfter) {
              reached.countDown();
            }
          };
          Thread writer = new Thread(() -> write(node, account, random, acked, acknowledged), "writer-" + u);
          writers.add(writer);
          writer.start();
        }
        assertThat(reached.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("writes acknowledged in time").isTrue();
        node.kill();
        for (Thread writer : writers) {
          writer.join(WAIT.toMillis());
          assertThat(writer.isAlive()).as(writer.getName() + " stopped").isFalse();
        }
      }
      assertThat(acked.unexpected).isEmpty();
      try (ChildNode restarted = ChildNode.start(dir)) {
        int sessions = 0;
        int interruptions = 0;
        for (Account account : accounts) {
          Recomputation.Rows rows = Recomputation.read(account.id(), path -> restarted.get(path, account.token()));
          assertAcknowledgedPresent(rows, acked);
          assertNothingHalfWritten(account, rows, restarted);
          Recomputation.assertStatsMatch(account.id(), rows, List.of("7d", "30d", "all"),
              path -> restarted.get(path, account.token()));
          sessions += rows.sessions().size();
          interruptions += rows.interruptions().size();
        }
        System.out.printf("CrashIT: killed after %d acknowledged writes (%d counted); after restart %d sessions,"
            + " %d interruptions present%n", killAfter, count.get(), sessions, interruptions);
        assertThat(restarted.terminate(WAIT)).isIn(0, 143);
      }
    } finally {
      TestNode.deleteTree(dir);
    }
  }

  /** Sessions back to back in the past, each with up to three interruptions, some deleted again. */
  private static void write(ChildNode node, Account account, Random random, Acked acked, Runnable acknowledged) {
    Instant cursor = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(20))
        .plus(Duration.ofMinutes(random.nextInt(600)));
    try {
      while (true) {
        Instant start = cursor;
        long minutes = 20 + random.nextInt(100);
        Instant end = start.plus(Duration.ofMinutes(minutes));
        TestNode.Reply started = node.post("/sessions/start",
            new JsonObject().put("user_id", account.id()).put("start_time", start.toString()), account.token());
        if (!expect(started, 201, acked)) {
          return;
        }
        long sessionId = started.json().getLong("id");
        acked.started.put(sessionId, started.json());
        acknowledged.run();
        int count = random.nextInt(4);
        long slot = minutes * 60 / (count + 1);
        for (int i = 0; i < count; i++) {
          Instant from = start.plusSeconds(i * slot + random.nextInt((int) (slot / 2)));
          Instant to = from.plusSeconds(1 + random.nextInt((int) (slot / 2)));
          JsonObject body = new JsonObject().put("session_id", sessionId).put("user_id", account.id())
              .put("type", TYPES[random.nextInt(TYPES.length)]).put("description", "crash, \"test\" " + i)
              .put("start_time", from.toString()).put("end_time", to.toString());
          TestNode.Reply logged = node.post("/interruptions", body, account.token());
          if (!expect(logged, 201, acked)) {
            return;
          }
          long id = logged.json().getLong("id");
          acked.logged.put(id, logged.json());
          acknowledged.run();
          if (random.nextInt(5) == 0) {
            acked.deleting.add(id);
            if (!expect(node.delete("/interruptions/" + id, account.token()), 204, acked)) {
              return;
            }
            acked.deleted.add(id);
            acknowledged.run();
          }
        }
        TestNode.Reply ended = node.post("/sessions/" + sessionId + "/end",
            new JsonObject().put("end_time", end.toString()), account.token());
        if (!expect(ended, 200, acked)) {
          return;
        }
        acked.ended.put(sessionId, ended.json());
        acknowledged.run();
        cursor = end.plus(Duration.ofMinutes(5 + random.nextInt(300)));
      }
    } catch (UncheckedIOException killed) {
      // the node died during this request: the write may or may not have happened
    }
  }

  private static boolean expect(TestNode.Reply reply, int status, Acked acked) {
    if (reply.status() != status) {
      acked.unexpected.add("expected " + status + " but got " + reply);
      return false;
    }
    return true;
  }

  private static void assertAcknowledgedPresent(Recomputation.Rows rows, Acked acked) {
    Map<Long, JsonObject> sessions = byId(rows.sessions());
    Map<Long, JsonObject> interruptions = byId(rows.interruptions());
    long userId = rows.user().getLong("id");
    acked.started.forEach((id, body) -> {
      if (body.getLong("user_id") == userId) {
        assertThat(sessions).as("acknowledged session " + id).containsKey(id);
        JsonObject stored = sessions.get(id).copy();
        stored.put("end_time", null);
        assertThat(stored).as("session " + id).isEqualTo(body);
      }
    });
    acked.ended.forEach((id, body) -> {
      if (body.getLong("user_id") == userId) {
        assertThat(sessions.get(id)).as("acknowledged end of session " + id).isEqualTo(body);
      }
    });
    acked.logged.forEach((id, body) -> {
      if (body.getLong("user_id") == userId) {
        if (acked.deleted.contains(id)) {
          assertThat(interruptions).as("acknowledged deletion of interruption " + id).doesNotContainKey(id);
        } else if (!acked.deleting.contains(id) || interruptions.containsKey(id)) {
          assertThat(interruptions.get(id)).as("acknowledged interruption " + id).isEqualTo(body);
        }
      }
    });
  }

  /** Whole rows only: one active session at most, consistent fields, no interruption without its session. */
  private static void assertNothingHalfWritten(Account account, Recomputation.Rows rows, ChildNode node) {
    assertThat(rows.sessions().stream().filter(s -> s.getValue("end_time") == null)).hasSizeLessThanOrEqualTo(1);
    for (JsonObject session : rows.sessions()) {
      assertThat(session.getLong("user_id")).isEqualTo(account.id());
      assertThat(session.getString("start_time")).isNotNull();
      assertThat(session.getString("timezone")).isNotNull();
      if (session.getString("end_time") != null) {
        assertThat(Instant.parse(session.getString("end_time"))).isAfterOrEqualTo(Instant.parse(session.getString("start_time")));
      }
    }
    for (JsonObject interruption : rows.interruptions()) {
      assertThat(interruption.getLong("user_id")).isEqualTo(account.id());
      Instant start = Instant.parse(interruption.getString("start_time"));
      Instant end = Instant.parse(interruption.getString("end_time"));
      assertThat(interruption.getLong("duration")).isEqualTo(Duration.between(start, end).toSeconds());
      assertThat(interruption.getString("description")).startsWith("crash, \"test\" ");
    }
    JsonObject export = node.get("/users/" + account.id() + "/export", account.token()).json();
    assertThat(byId(export.getJsonArray("sessions").stream().map(JsonObject.class::cast).toList()))
        .isEqualTo(byId(rows.sessions()));
    assertThat(byId(export.getJsonArray("interruptions").stream().map(JsonObject.class::cast).toList()))
        .as("every interruption of the user belongs to one of the user's sessions")
        .isEqualTo(byId(rows.interruptions()));
  }

  private static Map<Long, JsonObject> byId(List<JsonObject> rows) {
    Map<Long, JsonObject> map = new HashMap<>();
    rows.forEach(row -> map.put(row.getLong("id"), row));
    return map;
  }
}
