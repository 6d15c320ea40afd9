package dev.hyperfocus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.ById;
import dev.hyperfocus.api.Codec;
import dev.hyperfocus.api.Endpoint;
import dev.hyperfocus.api.Failure;
import dev.hyperfocus.api.InvalidField;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HandlersTest {
  private static final Endpoint<ById, JsonObject> PROBE = Endpoint.of("probe", ById.CODEC, Codec.object());
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  private Throwable failureOf(Function<ById, Future<JsonObject>> handler) throws Exception {
    new Handlers(vertx).on(PROBE, handler).ready().await(30, TimeUnit.SECONDS);
    return PROBE.request(vertx.eventBus(), new ById(3, 4L)).transform(Future::succeededFuture)
        .await(30, TimeUnit.SECONDS).cause();
  }

  @Test
  @DisplayName("The handler gets the request record and the caller the reply record")
  void typedBothEnds() throws Exception {
    new Handlers(vertx).on(PROBE, request -> Future.succeededFuture(
        new JsonObject().put("id", request.id()).put("actor", request.actorId()))).ready().await(30, TimeUnit.SECONDS);

    JsonObject reply = PROBE.request(vertx.eventBus(), new ById(3, 4L)).await(30, TimeUnit.SECONDS);

    assertThat(reply).isEqualTo(new JsonObject().put("id", 3).put("actor", 4));
  }

  @Test
  @DisplayName("A broken field rule reaches the caller as that field's 422, not as text to parse")
  void invalidFieldKeepsItsType() throws Exception {
    Throwable failure = failureOf(request -> Future.failedFuture(Failure.invalidField("end_time", "too late")));

    assertThat(failure).isInstanceOf(InvalidField.class);
    assertThat(((InvalidField) failure).field()).isEqualTo("end_time");
    assertThat(((InvalidField) failure).failureCode()).isEqualTo(422);
    assertThat(failure.getMessage()).isEqualTo("too late");
  }

  @Test
  @DisplayName("A domain failure keeps its status and detail")
  void replyFailurePassesOn() throws Exception {
    Throwable failure = failureOf(request -> {
      throw Failure.NOT_FOUND.with("User not found");
    });

    assertThat(failure).isInstanceOf(ReplyException.class).isNotInstanceOf(InvalidField.class);
    assertThat(((ReplyException) failure).failureCode()).isEqualTo(404);
    assertThat(failure.getMessage()).isEqualTo("User not found");
  }

  @Test
  @DisplayName("Anything else is a bug: answered 500 without its internals")
  void bugIs500() throws Exception {
    Throwable failure = failureOf(request -> Future.failedFuture(new IllegalStateException("secret detail")));

    assertThat(((ReplyException) failure).failureCode()).isEqualTo(500);
    assertThat(failure.getMessage()).isEqualTo("Internal Server Error");
  }
}
