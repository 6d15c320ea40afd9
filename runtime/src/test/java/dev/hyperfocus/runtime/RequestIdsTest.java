package dev.hyperfocus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.Codec;
import dev.hyperfocus.api.Empty;
import dev.hyperfocus.api.Endpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RequestIdsTest {
  private static final Endpoint<Empty, JsonObject> PROBE = Endpoint.of("probe", Codec.EMPTY, Codec.object());
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("A domain handler sees the request id its message carries")
  void handlerSeesTheRequestId() throws Exception {
    new Handlers(vertx).on(PROBE, body -> Future.succeededFuture(
        new JsonObject().put("seen", RequestIds.current()))).ready().await(30, TimeUnit.SECONDS);

    JsonObject reply = vertx.eventBus().<JsonObject>request("probe", new JsonObject(),
        new DeliveryOptions().addHeader(RequestIds.HEADER, "req-7")).await(30, TimeUnit.SECONDS).body();

    assertThat(reply.getString("seen")).isEqualTo("req-7");
  }

  @Test
  @DisplayName("A message without a request id leaves none behind from an earlier one")
  void noRequestIdWithoutHeader() throws Exception {
    new Handlers(vertx).on(PROBE, body -> Future.succeededFuture(
        new JsonObject().put("seen", RequestIds.current()))).ready().await(30, TimeUnit.SECONDS);
    vertx.eventBus().request("probe", new JsonObject(), new DeliveryOptions().addHeader(RequestIds.HEADER, "req-8"))
        .await(30, TimeUnit.SECONDS);

    JsonObject reply = vertx.eventBus().<JsonObject>request("probe", new JsonObject()).await(30, TimeUnit.SECONDS).body();

    assertThat(reply.getString("seen")).isNull();
  }
}
