package dev.hyperfocus.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FieldListsTest {
  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

  @Test
  @DisplayName("The session field list names exactly the keys of the session JSON, in order")
  void sessionFields() {
    Session session = new Session(3, 7, T0, null, "UTC", T0);
    assertThat(session.toJson().fieldNames()).containsExactlyElementsOf(Session.FIELDS);
  }

  @Test
  @DisplayName("The interruption field list names exactly the keys of the interruption JSON, in order")
  void interruptionFields() {
    Interruption interruption = new Interruption(5, 3, 7, InterruptionType.PHONE, "call", T0, T0.plusSeconds(60), 60, T0);
    assertThat(interruption.toJson().fieldNames()).containsExactlyElementsOf(Interruption.FIELDS);
  }
}
