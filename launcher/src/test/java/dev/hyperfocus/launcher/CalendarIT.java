package dev.hyperfocus.launcher;

import static dev.hyperfocus.launcher.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.launcher.Api.Account;
import dev.hyperfocus.launcher.TestNode.Reply;
import io.vertx.core.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The calendar feed (api.md section 9), parsed back with iCal4j like a calendar app would. */
class CalendarIT {
  private static final DateTimeFormatter ICAL_UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private static TestNode node;

  @BeforeAll
  static void start() {
    node = TestNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  @DisplayName("The feed holds the last 90 days' sessions and the active one, in UTC, without a bearer token")
  void feedHoldsRecentSessions() throws Exception {
    Account ada = Api.signUp(node, "Europe/Berlin");
    Instant now = Api.now();
    Api.pastSession(node, ada, now.minus(Duration.ofDays(100)), now.minus(Duration.ofDays(100)).plus(Duration.ofHours(2)));
    Instant recentStart = now.minus(Duration.ofDays(2));
    JsonObject recent = Api.pastSession(node, ada, recentStart, recentStart.plus(Duration.ofMinutes(95)));
    Api.logInterruption(node, ada, recent.getLong("id"), recentStart.plus(Duration.ofMinutes(10)),
        recentStart.plus(Duration.ofMinutes(22)).plusSeconds(30));
    Instant activeStart = now.minus(Duration.ofMinutes(30));
    JsonObject active = Api.startSession(node, ada, activeStart);

    String url = issue(ada);
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Reply feed = get(url);
    Instant after = Instant.now();

    expect(feed, 200);
    assertThat(feed.header("Content-Type")).startsWith("text/calendar");
    Calendar calendar = new CalendarBuilder().build(new StringReader(feed.body()));
    List<VEvent> events = calendar.getComponents("VEVENT");
    assertThat(events).extracting(event -> event.getUid().orElseThrow().getValue())
        .containsExactly("session-" + recent.getLong("id") + "@hyperfocus", "session-" + active.getLong("id") + "@hyperfocus");

    VEvent ended = events.get(0);
    assertThat(value(ended, "DTSTART")).isEqualTo(ICAL_UTC.format(recentStart));
    assertThat(value(ended, "DTEND")).isEqualTo(ICAL_UTC.format(recentStart.plus(Duration.ofMinutes(95))));
    assertThat(ended.getSummary().getValue()).isEqualTo("Focus: 1h 35m, 1 interruptions");
    assertThat(ended.getDescription().getValue())
        .contains("Worked 1h 35m 00s").contains("lost 0h 12m 30s").contains("effective 1h 22m 30s");

    VEvent running = events.get(1);
    assertThat(value(running, "DTSTART")).isEqualTo(ICAL_UTC.format(activeStart));
    Instant end = ICAL_UTC.parse(value(running, "DTEND"), Instant::from);
    assertThat(end).isBetween(before, after);
    assertThat(running.getSummary().getValue()).isEqualTo("Focus: 0h 30m, 0 interruptions");
  }

  @Test
  @DisplayName("A new calendar-token revokes the previous key: the old URL is a 404, the new one works")
  void newKeyRevokesOld() {
    Account ada = Api.signUp(node);
    String first = issue(ada);
    expect(get(first), 200);

    String second = issue(ada);

    assertThat(second).isNotEqualTo(first);
    Api.expectDetail(get(first), 404, "Calendar not found");
    expect(get(second), 200);
  }

  @Test
  @DisplayName("A wrong, missing or other user's key is a 404; issuing a key needs the user's own token")
  void wrongKeys() {
    Account ada = Api.signUp(node);
    Account bob = Api.signUp(node);
    String url = issue(ada);
    String key = url.substring(url.indexOf("key=") + 4);

    Api.expectDetail(node.get("/users/" + ada.id() + "/calendar.ics?key=" + key + "x", null), 404, "Calendar not found");
    Api.expectDetail(node.get("/users/" + ada.id() + "/calendar.ics", null), 404, "Calendar not found");
    Api.expectDetail(node.get("/users/" + bob.id() + "/calendar.ics?key=" + key, null), 404, "Calendar not found");
    Api.expectDetail(node.get("/users/999999/calendar.ics?key=" + key, null), 404, "Calendar not found");
    expect(node.post("/users/" + ada.id() + "/calendar-token", null, null), 401);
    expect(node.post("/users/" + ada.id() + "/calendar-token", null, bob.token()), 403);
  }

  @Test
  @DisplayName("The calendar URL's base is HYPERFOCUS_PUBLIC_URL when set")
  void publicUrl() {
    try (TestNode other = TestNode.start(java.util.Map.of(dev.hyperfocus.api.Setting.PUBLIC_URL, "https://focus.example.com/"))) {
      Account ada = Api.signUp(other);
      String url = expect(other.post("/users/" + ada.id() + "/calendar-token", null, ada.token()), 201)
          .json().getString("calendar_url");
      assertThat(url).startsWith("https://focus.example.com/users/" + ada.id() + "/calendar.ics?key=hfc_");
    }
  }

  @Test
  @DisplayName("Wrong keys count as failed authentications of the client address: past the limit a 429 with Retry-After")
  void wrongKeysAreLimited() {
    try (TestNode other = TestNode.start(java.util.Map.of(dev.hyperfocus.api.Setting.AUTH_FAILURE_LIMIT, "1"))) {
      Account ada = Api.signUp(other);
      String path = "/users/" + ada.id() + "/calendar.ics?key=hfc_guess";
      expect(other.get(path, null), 404);
      Reply refused = null;
      for (int i = 0; i < 10 && refused == null; i++) {
        Reply reply = other.get(path, null);
        refused = reply.status() == 429 ? reply : null;
      }

      assertThat(refused).as("a 429 within 10 quick wrong keys (limit 1/s, burst 2)").isNotNull();
      assertThat(refused.header("Retry-After")).isNotNull();
      assertThat(refused.json().getString("detail")).isEqualTo("Too Many Requests");
    }
  }

  private static String issue(Account account) {
    Reply reply = expect(node.post("/users/" + account.id() + "/calendar-token", null, account.token()), 201);
    String url = reply.json().getString("calendar_url");
    assertThat(url).startsWith("http://127.0.0.1:" + node.port() + "/users/" + account.id() + "/calendar.ics?key=");
    return url;
  }

  /** The feed, fetched as a calendar app does: the whole URL, no Authorization header. */
  private static Reply get(String url) {
    URI uri = URI.create(url);
    return node.get(uri.getRawPath() + "?" + uri.getRawQuery(), null);
  }

  private static String value(VEvent event, String property) {
    return event.getProperty(property).orElseThrow().getValue();
  }
}
