package dev.hyperfocus.web.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The hand-written readers of request text at the edge that run on every request. */
class RequestTextTest {
  @Test
  @DisplayName("The bearer token follows the scheme in any case and one or more blanks")
  void bearer() {
    assertThat(Auth.bearer("Bearer hf_abc")).isEqualTo("hf_abc");
    assertThat(Auth.bearer("bEARER \t hf_abc")).isEqualTo("hf_abc");
    assertThat(Auth.bearer("Bearer hf_abc more")).isEqualTo("hf_abc more");
    assertThat(Auth.bearer("Bearer")).isNull();
    assertThat(Auth.bearer("Bearerhf_abc")).isNull();
    assertThat(Auth.bearer("Basic dXNlcjpwYXNz")).isNull();
    assertThat(Auth.bearer("Token hf_abc")).isNull();
    assertThat(Auth.bearer("")).isNull();
  }

  @Test
  @DisplayName("A new request id is a random version 4 UUID")
  void requestIds() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String id = RequestLog.newId();
      UUID uuid = UUID.fromString(id);
      assertThat(uuid.version()).isEqualTo(4);
      assertThat(uuid.variant()).isEqualTo(2);
      assertThat(uuid.toString()).isEqualTo(id);
      seen.add(id);
    }
    assertThat(seen).hasSize(1000);
  }
}
