package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.Setting;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The per-token limit (2 requests/s, bursts of 4) and the sign-up limit (3 per minute per address)
 * on real nodes, one per test so that every bucket starts full. The limiter refills from the
 * node's own clock, which a test cannot stop; so no assertion assumes how fast the requests go:
 * each test sends until the first 429 and checks the number let through against the time it
 * measured (at least the burst, at most the burst plus what can have refilled meanwhile). Exact
 * refill arithmetic is {@code RateLimiterTest}'s, with a clock it controls.
 */
class RateLimitIT {
  private static final int PER_SECOND = 2;
  private static final int BURST = 2 * PER_SECOND;
  private static final int SIGNUPS_PER_MINUTE = 3;
  /** A 429 comes after a few requests unless each one took about half a second: far beyond any slow machine. */
  private static final int AT_MOST = 1000;

  private record Run(List<TestNode.Reply> replies, Duration took) {
    TestNode.Reply refused() {
      return replies.get(replies.size() - 1);
    }

    int allowed() {
      return replies.size() - 1;
    }

    /** Whole requests the bucket can have regained while the run lasted. */
    long refilledAtMost(double perSecond) {
      return (long) Math.floor(perSecond * took.toNanos() / 1e9);
    }
  }

  /** Sends {@code request(i)} for i = 0, 1, ... until the first 429, which ends the run. */
  private static Run untilRefused(String what, IntFunction<TestNode.Reply> request) {
    List<TestNode.Reply> replies = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < AT_MOST; i++) {
      TestNode.Reply reply = request.apply(i);
      replies.add(reply);
      if (reply.status() == 429) {
        return new Run(replies, Duration.ofNanos(System.nanoTime() - started));
      }
    }
    throw new AssertionError(what + ": no 429 in " + AT_MOST + " requests over "
        + Duration.ofNanos(System.nanoTime() - started) + "; the last reply: " + replies.get(replies.size() - 1));
  }

  private static TestNode tokenLimited() {
    return TestNode.start(Map.of(Setting.RATE_LIMIT, String.valueOf(PER_SECOND)));
  }

  @Test
  @DisplayName("Past its burst a token gets 429 Too Many Requests with Retry-After and the RateLimit headers")
  void burstThenTooManyRequests() {
    try (TestNode node = tokenLimited()) {
      String token = node.signUp("Alice", "alice@example.com", null).getString("api_token");
      Run run = untilRefused("alice's token", i -> node.get("/users/me", token));

      TestNode.Reply first = run.replies().get(0);
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.header("RateLimit-Limit")).isEqualTo(String.valueOf(BURST));
      assertThat(first.header("RateLimit-Remaining")).isEqualTo(String.valueOf(BURST - 1));
      assertThat(Long.parseLong(first.header("RateLimit-Reset"))).isBetween(1L, 2L);
      assertThat(run.replies().subList(0, run.allowed())).allSatisfy(reply -> assertThat(reply.status()).isEqualTo(200));
      assertThat(run.replies()).allSatisfy(reply -> {
        assertThat(reply.header("RateLimit-Limit")).isNotNull();
        assertThat(reply.header("RateLimit-Remaining")).isNotNull();
        assertThat(reply.header("RateLimit-Reset")).isNotNull();
      });
      assertThat(run.allowed()).as("requests let through in %s", run.took())
          .isBetween(BURST, BURST + (int) run.refilledAtMost(PER_SECOND));

      TestNode.Reply refused = run.refused();
      assertThat(refused.json().getString("detail")).isEqualTo("Too Many Requests");
      assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
      assertThat(refused.header("Retry-After")).as("less than one request's refill, rounded up").isEqualTo("1");
    }
  }

  @Test
  @DisplayName("Each token has its own budget, and open endpoints are not limited")
  void tokensHaveSeparateBudgets() {
    try (TestNode node = tokenLimited()) {
      String bob = node.signUp("Bob", "bob@example.com", null).getString("api_token");
      String carol = node.signUp("Carol", "carol@example.com", null).getString("api_token");
      untilRefused("bob's token", i -> node.get("/users/me", bob));

      TestNode.Reply other = node.get("/users/me", carol);
      assertThat(other.status()).isEqualTo(200);
      assertThat(other.header("RateLimit-Remaining")).as("carol's first request").isEqualTo(String.valueOf(BURST - 1));
      TestNode.Reply health = node.get("/health", null);
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.header("RateLimit-Limit")).isNull();
    }
  }

  @Test
  @DisplayName("Sign-ups past the per-address limit get 429 with Retry-After and the RateLimit headers")
  void signUpLimit() {
    try (TestNode node = TestNode.start(Map.of(Setting.SIGNUP_RATE_LIMIT, String.valueOf(SIGNUPS_PER_MINUTE)))) {
      Run run = untilRefused("sign-ups", i -> node.post("/users", new JsonObject().put("name", "Signup " + i)
          .put("email", "signup" + i + "@example.com"), null));

      assertThat(run.replies()).allSatisfy(reply ->
          assertThat(reply.header("RateLimit-Limit")).isEqualTo(String.valueOf(SIGNUPS_PER_MINUTE)));
      assertThat(run.replies().subList(0, run.allowed())).allSatisfy(reply -> assertThat(reply.status()).isEqualTo(201));
      assertThat(run.allowed()).as("sign-ups let through in %s", run.took())
          .isBetween(SIGNUPS_PER_MINUTE, SIGNUPS_PER_MINUTE + (int) run.refilledAtMost(SIGNUPS_PER_MINUTE / 60.0));

      TestNode.Reply refused = run.refused();
      assertThat(refused.json().getString("detail")).isEqualTo("Too Many Requests");
      assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
      assertThat(Long.parseLong(refused.header("Retry-After"))).as("one sign-up refills in 20 s").isBetween(1L, 20L);
      assertThat(Long.parseLong(refused.header("RateLimit-Reset"))).as("the whole minute, less under one refill")
          .isBetween(41L, 60L);
    }
  }

  @Test
  @DisplayName("Failed authentications past the per-address limit get 429 before any token check; another address is unaffected")
  void authFailureLimit() throws Exception {
    try (TestNode node = TestNode.start(Map.of(Setting.AUTH_FAILURE_LIMIT, String.valueOf(PER_SECOND)))) {
      String token = node.signUp("Dave", "dave@example.com", null).getString("api_token");
      Run run = untilRefused("bogus tokens", i -> node.get("/users/me", "hf_bogus_" + i));

      assertThat(run.replies().subList(0, run.allowed())).allSatisfy(reply -> assertThat(reply.status()).isEqualTo(401));
      assertThat(run.allowed()).as("failures let through in %s", run.took())
          .isBetween(BURST, BURST + (int) run.refilledAtMost(PER_SECOND));
      TestNode.Reply refused = run.refused();
      assertThat(refused.json().getString("detail")).isEqualTo("Too Many Requests");
      assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 1L);
      assertThat(refused.header("WWW-Authenticate")).isNull();
      // a missing token counts on the same bucket, and is refused from memory too
      assertThat(node.get("/users/me", null).status()).isEqualTo(429);

      // a valid token from another client address is served as usual
      String request = "GET /users/me HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
          + "Authorization: Bearer " + token + "\r\n\r\n";
      try (RawHttp other = new RawHttp(node.port(), Duration.ofSeconds(20), java.net.InetAddress.getByName("127.0.0.2"))) {
        String response = other.send(request).readUntilClosed();
        assertThat(RawHttp.status(response)).isEqualTo(200);
        assertThat(new JsonObject(RawHttp.body(response)).getString("name")).isEqualTo("Dave");
      }
    }
  }

  @Test
  @DisplayName("Behind a trusted proxy each X-Forwarded-For client has its own bucket; without the setting they share the peer's")
  void trustedProxies() {
    for (boolean trusted : new boolean[] {true, false}) {
      Map<Setting, String> settings = trusted
          ? Map.of(Setting.SIGNUP_RATE_LIMIT, String.valueOf(SIGNUPS_PER_MINUTE), Setting.TRUSTED_PROXIES, "10.0.0.0/8, 127.0.0.1, ::1")
          : Map.of(Setting.SIGNUP_RATE_LIMIT, String.valueOf(SIGNUPS_PER_MINUTE));
      try (TestNode node = TestNode.start(settings)) {
        Run first = untilRefused("sign-ups from 203.0.113.1", i -> node.send("POST", "/users",
            new JsonObject().put("name", "P" + i).put("email", "p" + i + "@example.com").encode(), null,
            Map.of("X-Forwarded-For", "198.51.100.7, 203.0.113.1")));
        assertThat(first.allowed()).isGreaterThanOrEqualTo(SIGNUPS_PER_MINUTE);
        TestNode.Reply other = node.send("POST", "/users",
            new JsonObject().put("name", "Q").put("email", "q@example.com").encode(), null,
            Map.of("X-Forwarded-For", "203.0.113.2"));
        assertThat(other.status()).as("another forwarded client, proxy trusted: %s", trusted).isEqualTo(trusted ? 201 : 429);
        if (trusted) {
          // what a client writes itself left of the proxy's entry does not choose its bucket
          TestNode.Reply spoofed = node.send("POST", "/users",
              new JsonObject().put("name", "R").put("email", "r@example.com").encode(), null,
              Map.of("X-Forwarded-For", "192.0.2.99, 203.0.113.1"));
          assertThat(spoofed.status()).isEqualTo(429);
        }
      }
    }
  }
}
