package dev.hyperfocus.launcher;

import static dev.hyperfocus.launcher.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.Setting;
import dev.hyperfocus.launcher.TestNode.Reply;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three real JVMs started from the built jar on loopback, in one Hazelcast cluster of their own:
 * a {@code data,web} node and two {@code web} nodes. The scenarios share the JVMs (forming a
 * cluster takes seconds on two cores) and run in order, since the later ones kill nodes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("slow")
class ClusterIT {
  private static final Duration READY_WITHIN = Duration.ofSeconds(90);
  private static final Duration UNAVAILABLE_WITHIN = Duration.ofSeconds(5);

  private static Path dataDir;
  private static String cluster;
  private static NodeProcess data;
  private static NodeProcess webA;
  private static NodeProcess webB;

  private record Account(long id, String token) {}

  private record Timed(Reply reply, Duration took) {}

  /**
   * Every member binds Hazelcast port 0 and reports the port the OS gave it. The data node starts
   * alone (nobody to list); the web nodes list the data node, which lets them in and introduces
   * them to each other; a restarted data node lists the two web nodes. No port is chosen before the
   * process that binds it runs, so none can be taken in between.
   */
  @BeforeAll
  static void startCluster() throws Exception {
    dataDir = Files.createTempDirectory("hyperfocus-cluster");
    cluster = "hyperfocus-it-" + UUID.randomUUID();
    data = NodeProcess.start("data", dataSettings(List.of()));
    data.awaitReady(READY_WITHIN);
    List<String> viaData = List.of(data.clusterMember());
    webA = NodeProcess.start("web-a", settings(viaData, "web"));
    webB = NodeProcess.start("web-b", settings(viaData, "web"));
    webA.awaitReady(READY_WITHIN);
    webB.awaitReady(READY_WITHIN);
  }

  private static Map<Setting, String> dataSettings(List<String> members) {
    Map<Setting, String> settings = settings(members, "data,web");
    settings.put(Setting.DATA_DIR, dataDir.toString());
    return settings;
  }

  private static Map<Setting, String> settings(List<String> members, String roles) {
    Map<Setting, String> settings = new EnumMap<>(Setting.class);
    settings.put(Setting.CLUSTER, "true");
    settings.put(Setting.CLUSTER_NAME, cluster);
    settings.put(Setting.CLUSTER_HOST, "127.0.0.1");
    settings.put(Setting.CLUSTER_PORT, "0");
    settings.put(Setting.CLUSTER_MEMBERS, String.join(",", members));
    settings.put(Setting.ROLES, roles);
    return settings;
  }

  @AfterAll
  static void stopCluster() throws Exception {
    for (NodeProcess node : new NodeProcess[] {webA, webB, data}) {
      if (node != null) {
        node.close();
      }
    }
    TestNode.deleteTree(dataDir);
  }

  private static Account signUp(NodeProcess node) {
    JsonObject body = new JsonObject().put("name", "Ada").put("email", Api.uniqueEmail("cluster"));
    JsonObject user = expect(node.post("/users", body, null), 201).json();
    return new Account(user.getLong("id"), user.getString("api_token"));
  }

  private static LiveClient live(NodeProcess node, Account account) throws Exception {
    return LiveClient.connect(node.port(), "/users/" + account.id() + "/live", account.token());
  }

  private static JsonObject startSession(NodeProcess node, Account account, Instant start) {
    JsonObject body = new JsonObject().put("user_id", account.id()).put("start_time", start.toString());
    return expect(node.post("/sessions/start", body, account.token()), 201).json();
  }

  private static JsonObject frame(LiveClient client, String type, String reason) throws InterruptedException {
    JsonObject frame = client.next();
    assertThat(frame.getString("type")).as("frame %s", frame).isEqualTo(type);
    assertThat(frame.getString("reason")).as("frame %s", frame).isEqualTo(reason);
    return frame;
  }

  /** The summary without {@code to}, which is the moment of the request. */
  private static JsonObject summary(NodeProcess node, Account account) {
    JsonObject summary = expect(node.get("/users/" + account.id() + "/stats/summary", account.token()), 200).json();
    summary.remove("to");
    return summary;
  }

  /** Sends the requests at once, each on its own thread, and times each answer. */
  private static List<Timed> timedAtOnce(List<Supplier<Reply>> requests) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(requests.size());
    try {
      List<CompletableFuture<Timed>> answers = requests.stream().map(request -> CompletableFuture.supplyAsync(() -> {
        long started = System.nanoTime();
        Reply reply = request.get();
        return new Timed(reply, Duration.ofNanos(System.nanoTime() - started));
      }, threads)).toList();
      CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      return answers.stream().map(CompletableFuture::join).toList();
    } finally {
      threads.shutdownNow();
    }
  }

  /** Waits until the server ends the connection, by a close frame or by dropping it. */
  private static void awaitEnd(LiveClient client) throws Exception {
    try {
      client.closeCode();
    } catch (ExecutionException dropped) {
      // a connection that is simply cut ends with an error rather than a close frame: an end too
    }
  }

  @Test
  @Order(1)
  @DisplayName("Changes made through one web node reach live sockets on both web nodes, and every node reports the same statistics")
  void updatesReachEveryWebNode() throws Exception {
    Account ada = signUp(webA);
    Instant now = Api.now();
    try (LiveClient onA = live(webA, ada); LiveClient onB = live(webB, ada)) {
      frame(onA, "snapshot", "connected");
      frame(onB, "snapshot", "connected");

      JsonObject session = startSession(webA, ada, now.minus(Duration.ofMinutes(60)));
      assertThat(frame(onA, "update", "session_started")).isEqualTo(frame(onB, "update", "session_started"));

      JsonObject interruption = Api.interruption(session.getLong("id"), ada.id(),
          now.minus(Duration.ofMinutes(50)), now.minus(Duration.ofMinutes(45)));
      expect(webA.post("/interruptions", interruption, ada.token()), 201);
      assertThat(frame(onA, "update", "interruption_logged")).isEqualTo(frame(onB, "update", "interruption_logged"));

      JsonObject end = new JsonObject().put("end_time", now.minus(Duration.ofMinutes(10)).toString());
      expect(webA.post("/sessions/" + session.getLong("id") + "/end", end, ada.token()), 200);
      JsonObject ended = frame(onA, "update", "session_ended");
      assertThat(frame(onB, "update", "session_ended")).isEqualTo(ended);
      assertThat(ended.getValue("active_session")).isNull();
    }

    JsonObject expected = summary(data, ada);
    assertThat(expected.getLong("total_sessions")).isEqualTo(1);
    assertThat(expected.getLong("total_interruptions")).isEqualTo(1);
    assertThat(expected.getLong("total_time_worked_seconds")).isEqualTo(50 * 60);
    assertThat(expected.getLong("total_time_lost_seconds")).isEqualTo(5 * 60);
    assertThat(summary(webA, ada)).isEqualTo(expected);
    assertThat(summary(webB, ada)).isEqualTo(expected);

    // A keyed retry reaching another web node is the data node's kept answer, across the cluster.
    JsonObject late = Api.interruption(session(data, ada), ada.id(),
        now.minus(Duration.ofMinutes(40)), now.minus(Duration.ofMinutes(38)));
    Map<String, String> key = Map.of("Idempotency-Key", "cluster-late-call");
    Reply first = expect(webA.post("/interruptions", late, ada.token(), key), 201);
    Reply retried = expect(webB.post("/interruptions", late, ada.token(), key), 201);
    assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retried.body()).isEqualTo(first.body());
    Reply reused = expect(data.post("/interruptions", late.copy().put("description", "Other"), ada.token(), key), 422);
    assertThat(reused.detail()).isEqualTo("Idempotency-Key reused with a different request");
  }

  private static long session(NodeProcess node, Account account) {
    return expect(node.get("/sessions/user/" + account.id(), account.token()), 200).array().getJsonObject(0).getLong("id");
  }

  @Test
  @Order(2)
  @DisplayName("When the data node dies, web nodes answer 503 within 5 s; when it returns they recover by themselves and pushes resume")
  void webNodesOutliveTheDataNode() throws Exception {
    Account ada = signUp(webB);
    try (LiveClient onA = live(webA, ada); LiveClient onB = live(webB, ada)) {
      String epoch = frame(onA, "snapshot", "connected").getString("epoch");
      frame(onB, "snapshot", "connected");

      data.kill();
      String sessions = "/sessions/user/" + ada.id();
      List<Timed> down = timedAtOnce(List.of(
          () -> webA.get(sessions, ada.token()), () -> webB.get(sessions, ada.token()),
          () -> webA.get("/health", null), () -> webB.get("/health", null)));
      for (Timed answer : down) {
        assertThat(answer.reply().status()).as("%s", answer.reply()).isEqualTo(503);
        assertThat(answer.reply().header("Retry-After")).isNotBlank();
        assertThat(answer.took()).as("time to answer %s", answer.reply()).isLessThan(UNAVAILABLE_WITHIN);
      }
      assertThat(down.get(2).reply().json().getString("status")).isEqualTo("DOWN");
      assertThat(down.get(3).reply().json().getString("status")).isEqualTo("DOWN");
      JsonObject dataNode = down.get(2).reply().json().getJsonArray("checks").getJsonObject(0);
      assertThat(dataNode.getString("id")).isEqualTo("data-node");
      assertThat(dataNode.getString("status")).isEqualTo("DOWN");

      data = NodeProcess.start("data-restarted", dataSettings(List.of(webA.clusterMember(), webB.clusterMember())));
      data.awaitReady(READY_WITHIN);
      JsonObject fresh = frame(onA, "snapshot", "connected");
      assertThat(fresh.getString("epoch")).isNotEqualTo(epoch);
      assertThat(frame(onB, "snapshot", "connected").getString("epoch")).isEqualTo(fresh.getString("epoch"));

      expect(webA.get("/health", null), 200);
      expect(webB.get("/health", null), 200);
      startSession(webA, ada, Api.now().minus(Duration.ofMinutes(5)));
      JsonObject started = frame(onA, "update", "session_started");
      assertThat(started.getString("epoch")).isEqualTo(fresh.getString("epoch"));
      assertThat(frame(onB, "update", "session_started")).isEqualTo(started);
      assertThat(summary(webB, ada).getLong("total_sessions")).isEqualTo(1);
    }
  }

  @Test
  @Order(3)
  @DisplayName("A web node that dies loses only its own sockets; the other web node keeps serving and pushing")
  void aDeadWebNodeLosesOnlyItsSockets() throws Exception {
    Account ada = signUp(webA);
    try (LiveClient onA = live(webA, ada); LiveClient onB = live(webB, ada)) {
      frame(onA, "snapshot", "connected");
      frame(onB, "snapshot", "connected");

      webB.kill();
      awaitEnd(onB);
      startSession(webA, ada, Api.now().minus(Duration.ofMinutes(5)));
      frame(onA, "update", "session_started");
      expect(webA.get("/health", null), 200);
    }
  }
}
