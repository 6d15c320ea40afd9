package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A disk that fills up while the service runs stops it with a clear message; nothing acknowledged is lost. */
@Tag("slow")
class StorageFailureIT {
  /** Room for the SQLite native library the driver unpacks (about 1.1 MB), little more for the databases. */
  private static final long FILE_SIZE_LIMIT_KIB = 1400;

  @Test
  @DisplayName("When writes start failing (file size limit, like a full disk) the node answers 503, stops by itself with status 3 and a message naming the file, and keeps every acknowledged write")
  void fullDiskStopsTheNode() throws Exception {
    Path dir = Files.createTempDirectory("hyperfocus-full");
    try {
      JsonObject user;
      long sessionId;
      List<Long> acknowledged = new ArrayList<>();
      try (ChildNode node = ChildNode.start(dir, FILE_SIZE_LIMIT_KIB)) {
        user = node.post("/users", new JsonObject().put("name", "Full").put("email", "full@example.com"), null).json();
        String token = user.getString("api_token");
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(5));
        sessionId = node.post("/sessions/start", new JsonObject().put("user_id", user.getLong("id"))
            .put("start_time", start.toString()), token).json().getLong("id");
        TestNode.Reply reply = null;
        for (int i = 0; i < 1500; i++) {
          reply = node.post("/interruptions", new JsonObject().put("session_id", sessionId)
              .put("user_id", user.getLong("id")).put("type", "noise").put("description", "x".repeat(400) + i)
              .put("start_time", start.plusSeconds(10L * i).toString())
              .put("end_time", start.plusSeconds(10L * i + 5).toString()), token);
          if (reply.status() != 201) {
            break;
          }
          acknowledged.add(reply.json().getLong("id"));
        }
        assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
        assertThat(node.process().waitFor(30, TimeUnit.SECONDS)).as(node.log()).isTrue();
        assertThat(node.process().exitValue()).isEqualTo(3);
        assertThat(node.log()).contains("Storage failure, HyperFocus stops: The database file "
            + dir.resolve("interruptions.db").toAbsolutePath() + " cannot");
        System.out.printf("StorageFailureIT: %d writes acknowledged before the file size limit stopped the node%n",
            acknowledged.size());
      }
      try (ChildNode restarted = ChildNode.start(dir)) {
        TestNode.Reply listed = restarted.get("/interruptions/session/" + sessionId, user.getString("api_token"));
        List<Long> kept = listed.array().stream().map(row -> ((JsonObject) row).getLong("id")).toList();
        assertThat(kept).containsAll(acknowledged);
      }
    } finally {
      TestNode.deleteTree(dir);
    }
  }
}
