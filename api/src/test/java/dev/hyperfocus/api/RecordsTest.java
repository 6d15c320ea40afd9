package dev.hyperfocus.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RecordsTest {
  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

  @Test
  @DisplayName("A user survives its JSON form, with the contract's field names")
  void userRoundTrip() {
    User user = new User(7, "Ada", "Ada@Example.com", "Europe/Berlin", T0);
    JsonObject json = user.toJson();
    assertThat(json.fieldNames()).containsExactlyInAnyOrder("id", "name", "email", "timezone", "created_at");
    assertThat(json.getString("created_at")).isEqualTo("2026-11-23T08:00:00Z");
    assertThat(User.fromJson(json)).isEqualTo(user);
  }

  @Test
  @DisplayName("An active session has a null end_time in JSON and survives the round trip")
  void sessionRoundTrip() {
    Session session = new Session(3, 7, T0, null, "Asia/Kolkata", T0);
    JsonObject json = session.toJson();
    assertThat(json.containsKey("end_time")).isTrue();
    assertThat(json.getValue("end_time")).isNull();
    assertThat(Session.fromJson(json)).isEqualTo(session);
    assertThat(Session.fromJson(json).active()).isTrue();
  }

  @Test
  @DisplayName("An interruption survives its JSON form and its duration is whole seconds, floored")
  void interruptionRoundTrip() {
    Instant end = T0.plusMillis(150_999);
    Interruption interruption = new Interruption(5, 3, 7, InterruptionType.URGENT_TASK, "boss", T0, end,
        Interruption.durationSeconds(T0, end), T0);
    JsonObject json = interruption.toJson();
    assertThat(json.getString("type")).isEqualTo("urgent_task");
    assertThat(json.getLong("duration")).isEqualTo(150L);
    assertThat(Interruption.fromJson(json)).isEqualTo(interruption);
  }

  @Test
  @DisplayName("Failure codes are the HTTP statuses, never ordinals")
  void failureCodes() {
    assertThat(Failure.BAD_REQUEST.code()).isEqualTo(400);
    assertThat(Failure.NOT_FOUND.with("User not found").failureCode()).isEqualTo(404);
    assertThat(Failure.UNPROCESSABLE.code()).isEqualTo(422);
  }

  @Test
  @DisplayName("A domain-rule 422 carries the FastAPI-shaped body naming the field")
  void invalidFieldShape() {
    InvalidField failure = Failure.invalidField("start_time", "too late");
    assertThat(failure.failureCode()).isEqualTo(422);
    JsonObject item = failure.body().getJsonArray("detail").getJsonObject(0);
    assertThat(item.getJsonArray("loc").getList()).containsExactly("body", "start_time");
    assertThat(item.getString("msg")).isEqualTo("too late");
    assertThat(item.getString("type")).isEqualTo("value_error");
  }

  @Test
  @DisplayName("A domain-rule 422 crosses the cluster's wire with its field and message")
  void invalidFieldOnTheWire() {
    Buffer wire = Buffer.buffer();
    InvalidField.CODEC.encodeToWire(wire, Failure.invalidField("end_time", "Zeit \u00fcberschritten"));
    Buffer framed = Buffer.buffer().appendString("xyz").appendBuffer(wire);
    InvalidField back = InvalidField.CODEC.decodeFromWire(3, framed);
    assertThat(back.field()).isEqualTo("end_time");
    assertThat(back.getMessage()).isEqualTo("Zeit \u00fcberschritten");
    assertThat(back.failureCode()).isEqualTo(422);
  }

  @Test
  @DisplayName("Settings derive their variable, flag and JSON key from one name")
  void settingNames() {
    assertThat(Setting.HTTP_PORT.envVar()).isEqualTo("HYPERFOCUS_HTTP_PORT");
    assertThat(Setting.HTTP_PORT.flag()).isEqualTo("--http-port");
    assertThat(Setting.HTTP_PORT.key()).isEqualTo("http_port");
  }

  @Test
  @DisplayName("A token is random and only its hash is kept")
  void tokens() {
    String a = Tokens.generate();
    String b = Tokens.generate();
    assertThat(a).isNotEqualTo(b).startsWith("hf_");
    assertThat(Tokens.hash(a)).hasSize(64).isEqualTo(Tokens.hash(a)).isNotEqualTo(Tokens.hash(b));
  }
}
