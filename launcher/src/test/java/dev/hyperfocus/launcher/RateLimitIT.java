package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.Setting;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The per-token limit (2 requests/s, bursts of 4) and the sign-up limit (3 per minute per address,
 * all three used by the set-up) on one node. Twelve back-to-back requests take far less than the 4 s it would need to stay
 * under the limit, so the 429 is certain without any timing assumption.
 */
class RateLimitIT {
  private static final int BURST = 4;
  private static TestNode node;
  private static JsonObject alice;
  private static JsonObject bob;
  private static JsonObject carol;

  @BeforeAll
  static void start() {
    node = TestNode.start(Map.of(Setting.RATE_LIMIT, "2", Setting.SIGNUP_RATE_LIMIT, "3"));
    alice = node.signUp("Alice", "alice@example.com", null);
    bob = node.signUp("Bob", "bob@example.com", null);
    carol = node.signUp("Carol", "carol@example.com", null);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  @DisplayName("Past its burst a token gets 429 Too Many Requests with Retry-After and the RateLimit headers")
  void burstThenTooManyRequests() {
    String token = alice.getString("api_token");
    List<TestNode.Reply> replies = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      replies.add(node.get("/users/me", token));
    }
    TestNode.Reply first = replies.get(0);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.header("RateLimit-Limit")).isEqualTo(String.valueOf(BURST));
    assertThat(first.header("RateLimit-Remaining")).isEqualTo(String.valueOf(BURST - 1));
    assertThat(Long.parseLong(first.header("RateLimit-Reset"))).isBetween(1L, 2L);
    assertThat(replies).allSatisfy(reply -> {
      assertThat(reply.status()).isIn(200, 429);
      assertThat(reply.header("RateLimit-Limit")).isNotNull();
      assertThat(reply.header("RateLimit-Remaining")).isNotNull();
      assertThat(reply.header("RateLimit-Reset")).isNotNull();
    });
    TestNode.Reply refused = replies.stream().filter(reply -> reply.status() == 429).findFirst().orElseThrow();
    assertThat(refused.json().getString("detail")).isEqualTo("Too Many Requests");
    assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
    assertThat(refused.header("Retry-After")).isEqualTo("1");
    assertThat(replies.stream().filter(reply -> reply.status() == 200).count()).isLessThan(12);
  }

  @Test
  @DisplayName("Each token has its own budget, and open endpoints are not limited")
  void tokensHaveSeparateBudgets() {
    for (int i = 0; i < 12; i++) {
      node.get("/users/me", bob.getString("api_token"));
    }
    assertThat(node.get("/users/me", bob.getString("api_token")).status()).isEqualTo(429);
    TestNode.Reply other = node.get("/users/me", carol.getString("api_token"));
    assertThat(other.status()).isEqualTo(200);
    assertThat(other.header("RateLimit-Remaining")).isEqualTo(String.valueOf(BURST - 1));
    TestNode.Reply health = node.get("/health", null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.header("RateLimit-Limit")).isNull();
  }

  @Test
  @DisplayName("Sign-ups past the per-address limit get 429 with Retry-After and the RateLimit headers")
  void signUpLimit() {
    List<TestNode.Reply> replies = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      replies.add(node.post("/users", new JsonObject().put("name", "Signup " + i)
          .put("email", "signup" + i + "@example.com"), null));
    }
    assertThat(replies).allSatisfy(reply -> {
      assertThat(reply.status()).isIn(201, 429);
      assertThat(reply.header("RateLimit-Limit")).isEqualTo("3");
    });
    assertThat(replies.stream().filter(reply -> reply.status() == 201).count())
        .as("the three of the minute went to alice, bob and carol; at most one refilled since").isLessThanOrEqualTo(1);
    TestNode.Reply refused = replies.get(replies.size() - 1);
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.json().getString("detail")).isEqualTo("Too Many Requests");
    assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
    assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 20L);
    assertThat(Long.parseLong(refused.header("RateLimit-Reset"))).isBetween(40L, 60L);
  }
}
