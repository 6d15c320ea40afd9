package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Collections;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** SIGTERM: stop accepting, finish what is in flight, close the databases, exit by itself. */
@Tag("slow")
class GracefulShutdownIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int CLIENTS = 4;

  private Path dir;

  @BeforeEach
  void createDir() throws IOException {
    dir = Files.createTempDirectory("hyperfocus-shutdown");
  }

  @AfterEach
  void deleteDir() {
    TestNode.deleteTree(dir);
  }

  @Test
  @DisplayName("A request in flight when SIGTERM arrives completes with 201, its row is kept, and the process exits by itself with the databases closed")
  void inFlightRequestCompletes() throws Exception {
    long sessionId;
    JsonObject user;
    String body;
    try (ChildNode node = ChildNode.start(dir)) {
      user = node.post("/users", new JsonObject().put("name", "A").put("email", "a@example.com"), null).json();
      Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));
      sessionId = node.post("/sessions/start", new JsonObject().put("user_id", user.getLong("id"))
          .put("start_time", start.toString()), user.getString("api_token")).json().getLong("id");
      body = new JsonObject().put("session_id", sessionId).put("user_id", user.getLong("id")).put("type", "phone")
          .put("description", "a call during shutdown").put("start_time", start.plusSeconds(60).toString())
          .put("end_time", start.plusSeconds(180).toString()).encode();
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      try (Socket socket = new Socket("127.0.0.1", node.port())) {
        socket.setSoTimeout((int) WAIT.toMillis());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /interruptions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Authorization: Bearer " + user.getString("api_token") + "\r\nExpect: 100-continue\r\n"
            + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        assertThat(readHead(in)).as("the server took the request").startsWith("HTTP/1.1 100");

        node.sigterm();
        node.awaitLog("HTTP server stops accepting connections", WAIT);
        out.write(bytes);
        out.flush();
        String head = readHead(in);
        assertThat(head).as("the in-flight request's response").startsWith("HTTP/1.1 201");
      }
      assertThat(node.terminate(WAIT)).as(node.log()).isIn(0, 143);
      assertThat(node.log()).contains("Stopped: in-flight requests finished, databases closed");
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .as("a clean close checkpoints and removes every write-ahead log")
          .noneMatch(name -> name.endsWith("-wal") || name.endsWith("-shm"));
    }
    try (ChildNode restarted = ChildNode.start(dir)) {
      TestNode.Reply listed = restarted.get("/interruptions/session/" + sessionId, user.getString("api_token"));
      assertThat(listed.array()).hasSize(1);
      assertThat(listed.array().getJsonObject(0).getString("description")).isEqualTo("a call during shutdown");
    }
  }

  @Test
  @DisplayName("Requests racing a SIGTERM either complete with their row kept or fail to connect; never a 2xx whose row is missing")
  void racingRequests() throws Exception {
    JsonObject user;
    long sessionId;
    List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger afterSigterm = new AtomicInteger();
    AtomicBoolean terminated = new AtomicBoolean();
    List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    try (ChildNode node = ChildNode.start(dir)) {
      user = node.post("/users", new JsonObject().put("name", "B").put("email", "b@example.com"), null).json();
      String token = user.getString("api_token");
      Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(3));
      sessionId = node.post("/sessions/start", new JsonObject().put("user_id", user.getLong("id"))
          .put("start_time", start.toString()), token).json().getLong("id");
      long session = sessionId;
      long userId = user.getLong("id");
      CountDownLatch enough = new CountDownLatch(30);
      List<Thread> clients = new ArrayList<>();
      for (int t = 0; t < CLIENTS; t++) {
        int client = t;
        Thread thread = new Thread(() -> {
          try {
            for (int slot = client; slot < 500; slot += CLIENTS) {
              String description = "racing " + slot;
              TestNode.Reply reply = node.post("/interruptions", new JsonObject().put("session_id", session)
                  .put("user_id", userId).put("type", "noise").put("description", description)
                  .put("start_time", start.plusSeconds(slot * 20L).toString())
                  .put("end_time", start.plusSeconds(slot * 20L + 10).toString()), token);
              if (reply.status() != 201) {
                unexpected.add(reply.toString());
                return;
              }
              acknowledged.add(description);
              if (terminated.get()) {
                afterSigterm.incrementAndGet();
              }
              enough.countDown();
            }
          } catch (UncheckedIOException refused) {
            // the server no longer accepts connections: this request was never taken
          }
        }, "client-" + t);
        clients.add(thread);
        thread.start();
      }
      assertThat(enough.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      terminated.set(true);
      assertThat(node.terminate(WAIT)).as(node.log()).isIn(0, 143);
      for (Thread thread : clients) {
        thread.join(WAIT.toMillis());
        assertThat(thread.isAlive()).as("%s finished within %s of the node's exit", thread.getName(), WAIT).isFalse();
      }
    }
    assertThat(unexpected).isEmpty();
    System.out.printf("GracefulShutdownIT: %d requests acknowledged, %d of them after SIGTERM was sent%n",
        acknowledged.size(), afterSigterm.get());
    try (ChildNode restarted = ChildNode.start(dir)) {
      TestNode.Reply listed = restarted.get("/interruptions/session/" + sessionId, user.getString("api_token"));
      List<String> kept = listed.array().stream().map(row -> ((JsonObject) row).getString("description")).toList();
      assertThat(kept).containsAll(acknowledged);
    }
  }

  /** The status line and headers of one response. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }
}
