package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.InterruptionType;
import dev.hyperfocus.stats.RawInterruption;
import dev.hyperfocus.stats.RawSession;
import dev.hyperfocus.stats.StatsOracle;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A user's rows as the API returns them, and the check that every statistics view equals
 * {@link StatsOracle}'s recomputation from those rows.
 */
final class Recomputation {
  static final List<String> VIEWS =
      List.of("summary", "interruption-types", "productive-hours", "peak-distraction-time", "weekly-pattern");

  /** Everything the API lists for one user: sessions and, per session, interruptions. */
  record Rows(JsonObject user, List<JsonObject> sessions, List<JsonObject> interruptions) {}

  private Recomputation() {}

  /** Reads a user's rows through {@code get} (a path to a reply, with the user's token). */
  static Rows read(long userId, Function<String, TestNode.Reply> get) {
    JsonObject user = ok(get.apply("/users/" + userId)).json();
    List<JsonObject> sessions = new ArrayList<>();
    List<JsonObject> interruptions = new ArrayList<>();
    JsonArray listed = ok(get.apply("/sessions/user/" + userId + "?limit=1000")).array();
    for (int i = 0; i < listed.size(); i++) {
      JsonObject session = listed.getJsonObject(i);
      sessions.add(session);
      JsonArray logged = ok(get.apply("/interruptions/session/" + session.getLong("id"))).array();
      for (int k = 0; k < logged.size(); k++) {
        interruptions.add(logged.getJsonObject(k));
      }
    }
    return new Rows(user, sessions, interruptions);
  }

  /** Every view for every range equals the recomputation from {@code rows}. */
  static void assertStatsMatch(long userId, Rows rows, List<String> ranges, Function<String, TestNode.Reply> get) {
    List<RawSession> sessions = rows.sessions().stream().map(s -> new RawSession(s.getLong("id"),
        Instant.parse(s.getString("start_time")),
        s.getString("end_time") == null ? null : Instant.parse(s.getString("end_time")),
        ZoneId.of(s.getString("timezone")))).toList();
    List<RawInterruption> interruptions = rows.interruptions().stream().map(r -> new RawInterruption(
        r.getLong("id"), r.getLong("session_id"), Instant.parse(r.getString("start_time")),
        Instant.parse(r.getString("end_time")), InterruptionType.fromWire(r.getString("type")).orElseThrow(),
        r.getLong("duration"))).toList();
    ZoneId zone = ZoneId.of(rows.user().getString("timezone"));
    for (String view : VIEWS) {
      for (String range : ranges) {
        JsonObject actual = ok(get.apply("/users/" + userId + "/stats/" + view + "?range=" + range)).json();
        Instant now = Instant.parse(actual.getString("to"));
        JsonObject expected = StatsOracle.body(view, userId, sessions, interruptions, range, zone, now);
        JsonClose.assertClose(actual, expected, "user " + userId + " " + view + "?range=" + range);
      }
    }
  }

  private static TestNode.Reply ok(TestNode.Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply;
  }
}
