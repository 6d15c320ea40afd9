package dev.hyperfocus.launcher;

import static dev.hyperfocus.launcher.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.ById;
import dev.hyperfocus.api.Setting;
import dev.hyperfocus.api.User;
import dev.hyperfocus.api.UsersApi;
import dev.hyperfocus.launcher.TestNode.Reply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * api.md section 7 on real JVMs on loopback: three nodes whose event bus speaks mutual TLS with
 * certificates from one CA (made here with the {@code openssl} tool) serve normally; strangers who
 * join the Hazelcast membership (open-source Hazelcast cannot keep them out) without a certificate,
 * or with one from another CA, can use nothing; a node with another auth mode, and a node on a
 * non-loopback cluster host without TLS, refuse to start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("slow")
class ClusterTlsIT {
  private static final Duration READY_WITHIN = Duration.ofSeconds(90);
  private static final Duration EXIT_WITHIN = Duration.ofSeconds(90);
  private static final DeliveryOptions STRANGER_TIMEOUT = new DeliveryOptions().setSendTimeout(3_000);

  @TempDir
  static Path dir;
  private static String cluster;
  private static Pki trusted;
  private static Pki foreign;
  private static NodeProcess data;
  private static NodeProcess webA;
  private static NodeProcess webB;
  private static final List<NodeProcess> others = new ArrayList<>();

  private record Account(long id, String token) {}

  /** A CA and the certificates it signed, all PEM files in one folder. */
  private record Pki(Path folder) {
    static Pki create(Path folder, String name) throws Exception {
      Files.createDirectories(folder);
      openssl(folder, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
          "-days", "2", "-subj", "/CN=" + name);
      return new Pki(folder);
    }

    /** A node key and a certificate for it signed by this CA. */
    Pki sign(String node) throws Exception {
      openssl(folder, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", node + ".key", "-out", node + ".csr",
          "-subj", "/CN=" + node);
      openssl(folder, "x509", "-req", "-in", node + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key",
          "-CAcreateserial", "-out", node + ".crt", "-days", "2");
      return this;
    }

    ClusterConfig.Tls tls(String node) {
      return new ClusterConfig.Tls(folder.resolve(node + ".crt").toString(), folder.resolve(node + ".key").toString(),
          folder.resolve("ca.crt").toString());
    }

    void put(Map<Setting, String> settings, String node) {
      ClusterConfig.Tls tls = tls(node);
      settings.put(Setting.CLUSTER_TLS_CERT, tls.cert());
      settings.put(Setting.CLUSTER_TLS_KEY, tls.key());
      settings.put(Setting.CLUSTER_TLS_CA, tls.ca());
    }

    private static void openssl(Path folder, String... args) throws Exception {
      List<String> command = new ArrayList<>(List.of("openssl"));
      command.addAll(List.of(args));
      Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as("%s: %s", command, output).isZero();
    }
  }

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = "hyperfocus-tls-it-" + UUID.randomUUID();
    trusted = Pki.create(dir.resolve("cluster-ca"), "HyperFocus test cluster CA")
        .sign("data").sign("web-a").sign("web-b").sign("web-other-auth").sign("stranger");
    foreign = Pki.create(dir.resolve("foreign-ca"), "Somebody else's CA").sign("stranger");
    Map<Setting, String> dataSettings = settings(List.of(), "data,web", "data");
    dataSettings.put(Setting.DATA_DIR, dir.resolve("data").toString());
    data = NodeProcess.start("tls-data", dataSettings);
    data.awaitReady(READY_WITHIN);
    webA = NodeProcess.start("tls-web-a", settings(List.of(data.clusterMember()), "web", "web-a"));
    webB = NodeProcess.start("tls-web-b", settings(List.of(data.clusterMember()), "web", "web-b"));
    webA.awaitReady(READY_WITHIN);
    webB.awaitReady(READY_WITHIN);
  }

  private static Map<Setting, String> settings(List<String> members, String roles, String certificate) {
    Map<Setting, String> settings = new EnumMap<>(Setting.class);
    settings.put(Setting.CLUSTER, "true");
    settings.put(Setting.CLUSTER_NAME, cluster);
    settings.put(Setting.CLUSTER_HOST, "127.0.0.1");
    settings.put(Setting.CLUSTER_PORT, "0");
    settings.put(Setting.CLUSTER_MEMBERS, String.join(",", members));
    settings.put(Setting.ROLES, roles);
    settings.put(Setting.DATA_DIR, dir.resolve("unused-" + roles.replace(',', '-')).toString());
    if (certificate != null) {
      trusted.put(settings, certificate);
    }
    return settings;
  }

  @AfterAll
  static void stopCluster() throws Exception {
    List<NodeProcess> all = new ArrayList<>(others);
    all.addAll(Arrays.asList(webA, webB, data));
    for (NodeProcess node : all) {
      if (node != null) {
        node.close();
      }
    }
  }

  private static Account signUp(NodeProcess node) {
    JsonObject body = new JsonObject().put("name", "Ada").put("email", Api.uniqueEmail("tls"));
    JsonObject user = expect(node.post("/users", body, null), 201).json();
    return new Account(user.getLong("id"), user.getString("api_token"));
  }

  /** Sign up, write and read through every web node: the TLS event bus carries it all. */
  private static Account servesNormally() {
    Account ada = signUp(webA);
    JsonObject start = new JsonObject().put("user_id", ada.id())
        .put("start_time", Api.now().minus(Duration.ofMinutes(30)).toString());
    long session = expect(webB.post("/sessions/start", start, ada.token()), 201).json().getLong("id");
    for (NodeProcess node : List.of(webA, webB, data)) {
      expect(node.get("/users/" + ada.id(), ada.token()), 200);
      assertThat(expect(node.get("/sessions/user/" + ada.id(), ada.token()), 200).body()).contains("\"id\":" + session);
    }
    return ada;
  }

  @Test
  @Order(1)
  @DisplayName("Three nodes with certificates from one CA serve normally over the TLS event bus")
  void nodesOfOneCaServe() {
    servesNormally();
  }

  @Test
  @Order(2)
  @DisplayName("A stranger in the membership, without a certificate or with another CA's, can neither rotate a token nor read a user")
  void strangersUseNothing() throws Exception {
    Account ada = signUp(webA);
    JsonObject before = expect(webA.get("/users/" + ada.id(), ada.token()), 200).json();

    attack("no certificate", null, ada, null);
    attack("another CA's certificate", foreign.tls("stranger"), ada, before);

    // nothing changed: the token still works, the user is the same, and the cluster keeps serving
    assertThat(expect(webB.get("/users/" + ada.id(), ada.token()), 200).json()).isEqualTo(before);
    servesNormally();
  }

  @Test
  @Order(3)
  @DisplayName("Control: the same in-JVM member with a certificate of the cluster's CA does get an answer")
  void memberOfTheCaIsAnswered() throws Exception {
    Account ada = signUp(webA);
    Vertx vertx = join(trusted.tls("stranger"));
    try {
      User user = UsersApi.GET.request(vertx.eventBus(), ById.of(ada.id()), STRANGER_TIMEOUT)
          .await(20, TimeUnit.SECONDS);
      assertThat(user.id()).isEqualTo(ada.id());
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /** A clustered Vert.x in this JVM that joins the cluster's Hazelcast membership, as an attacker's own would. */
  private static Vertx join(ClusterConfig.Tls tls) throws Exception {
    ClusterConfig member = new ClusterConfig(cluster, "127.0.0.1", 0, 0, List.of(data.clusterMember()), tls);
    HazelcastClusterManager manager = new HazelcastClusterManager(member.hazelcast());
    Vertx vertx = Vertx.builder().with(member.vertxOptions()).withClusterManager(manager).buildClustered()
        .await(60, TimeUnit.SECONDS);
    assertThat(manager.getNodes()).as("joined the membership").hasSizeGreaterThanOrEqualTo(4);
    return vertx;
  }

  /**
   * Asks the users domain for a new token of Ada and for her record: both must fail, and not
   * because nobody listens (the stranger sees the data node's handlers) but because no event-bus
   * connection to or from a node of the cluster opens. With {@code announce}, the expected user,
   * the stranger also announces handlers of its own for authentication and user reads: no message
   * reaches them, and the requests that the web nodes route to them fail (503) while the others
   * are answered by the data node.
   */
  private static void attack(String what, ClusterConfig.Tls tls, Account ada, JsonObject announce) throws Exception {
    Vertx vertx = join(tls);
    try {
      EventBus bus = vertx.eventBus();
      Throwable rotate = refused(what, () -> UsersApi.ROTATE_TOKEN.request(bus, ById.of(ada.id()), STRANGER_TIMEOUT));
      Throwable read = refused(what, () -> UsersApi.GET.request(bus, ById.of(ada.id()), STRANGER_TIMEOUT));
      System.out.println("stranger with " + what + ": rotate failed with " + rotate + ", read failed with " + read);
      if (announce != null) {
        // after its own requests: Vert.x would deliver those to its local handlers
        AtomicInteger delivered = new AtomicInteger();
        for (String address : List.of(Address.USERS_AUTHENTICATE, Address.USERS_GET)) {
          bus.<Object>consumer(address, message -> {
            delivered.incrementAndGet();
            message.reply(new JsonObject().put("user_id", ada.id()).put("id", ada.id()).put("name", "Forged"));
          }).completion().await(20, TimeUnit.SECONDS);
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (NodeProcess web : List.of(webA, webB, webA, webB)) {
          Reply reply = web.get("/users/" + ada.id(), ada.token());
          statuses.merge(reply.status(), 1, Integer::sum);
          assertThat(reply.status()).as("%s", reply).isIn(200, 503);
          if (reply.status() == 200) {
            assertThat(reply.json()).isEqualTo(announce);
          }
        }
        System.out.println("stranger with " + what + " announcing handlers: statuses " + statuses);
        assertThat(delivered).as("messages delivered to the stranger's handlers").hasValue(0);
      }
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /** Sends until the failure is not "no handlers" (the stranger's view of the subscriptions may lag); the failure. */
  private static Throwable refused(String what, Supplier<Future<?>> request) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      Throwable failure;
      try {
        Object reply = request.get().await(10, TimeUnit.SECONDS);
        throw new AssertionError("a stranger with " + what + " got an answer: " + reply);
      } catch (AssertionError e) {
        throw e;
      } catch (Exception e) {
        failure = e;
      }
      boolean noHandlers = failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS;
      if (!noHandlers || System.nanoTime() - deadline > 0) {
        assertThat(noHandlers).as("%s: the stranger never saw the handlers: %s", what, failure).isFalse();
        return failure;
      }
      Thread.sleep(500);
    }
  }

  @Test
  @Order(4)
  @DisplayName("A node whose HYPERFOCUS_AUTH differs from the cluster's refuses to start, and the cluster keeps serving")
  void otherAuthModeRefused() throws Exception {
    Map<Setting, String> settings = settings(List.of(data.clusterMember()), "web", "web-other-auth");
    settings.put(Setting.AUTH, "none");
    NodeProcess node = NodeProcess.start("tls-web-other-auth", settings);
    others.add(node);
    assertThat(node.awaitExit(EXIT_WITHIN)).isNotZero();
    assertThat(node.output()).contains("This node has HYPERFOCUS_AUTH=none but cluster '" + cluster
        + "' runs HYPERFOCUS_AUTH=token").doesNotContain("listening on");
    servesNormally();
  }

  @Test
  @Order(5)
  @DisplayName("A clustered node on a non-loopback host without TLS exits 2 with a message naming the settings, before binding anything")
  void nonLoopbackWithoutTlsRefused() throws Exception {
    Map<Setting, String> settings = settings(List.of(), "data,web", null);
    // TEST-NET-1: never reached, the settings check refuses it before any socket exists
    settings.put(Setting.CLUSTER_HOST, "192.0.2.1");
    NodeProcess node = NodeProcess.start("tls-non-loopback", settings);
    others.add(node);
    assertThat(node.awaitExit(EXIT_WITHIN)).isEqualTo(2);
    assertThat(node.output())
        .contains("HYPERFOCUS_CLUSTER_HOST=192.0.2.1 is not a loopback address")
        .contains("HYPERFOCUS_CLUSTER_TLS_CERT, HYPERFOCUS_CLUSTER_TLS_KEY, HYPERFOCUS_CLUSTER_TLS_CA")
        .contains("HYPERFOCUS_CLUSTER_INSECURE=true")
        .doesNotContain("Joining").doesNotContain("listening on");
  }
}
