package dev.hyperfocus.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.InvalidField;
import dev.hyperfocus.api.Setting;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ground a domain verticle's own test stands on: the verticle alone over its event-bus
 * endpoints, on real SQLite files in a temporary directory.
 *
 * <p>One Vert.x instance serves the whole class (creating and closing one per test cost more than
 * the tests); each test gets a fresh data directory and deployments. After each test the
 * redeployments it started are awaited, its consumers unregistered and every verticle undeployed,
 * so no state crosses from one test to the next, even after a failed one.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, timeUnit = TimeUnit.SECONDS)
public abstract class VerticleHarness {
  protected static Vertx vertx;

  @TempDir
  protected Path dataDir;

  /** Redeployments this test started: a failed test may end while one is in flight. */
  private final List<Future<String>> redeploys = new CopyOnWriteArrayList<>();
  /** The consumers this test registered, unregistered after it. */
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  /** The inbound interceptors this test added, removed after it. */
  private final List<Handler<DeliveryContext<Object>>> interceptors = new ArrayList<>();

  @BeforeAll
  static void shareVertx(Vertx shared) {
    vertx = shared;
  }

  @AfterEach
  void undeployAll(VertxTestContext ctx) {
    interceptors.forEach(bus()::removeInboundInterceptor);
    Future.join(redeploys)
        .transform(settled -> Future.all(consumers.stream().map(MessageConsumer::unregister).toList()))
        .compose(unbound -> undeployEverything())
        .onComplete(ctx.succeedingThenComplete());
  }

  /** Undeploys every verticle of the shared instance, closing their files and consumers; normally a no-op before a test. */
  protected static Future<Void> undeployEverything() {
    // one already undeployed (by a redeploy the failed test left half done) is no reason to fail the next test
    return Future.all(vertx.deploymentIDs().stream().map(id -> vertx.undeploy(id).otherwiseEmpty()).toList()).mapEmpty();
  }

  protected static EventBus bus() {
    return vertx.eventBus();
  }

  /** A verticle's configuration: this test's data directory; no fsync per commit (tests do not lose power). */
  protected DeploymentOptions options() {
    return new DeploymentOptions().setConfig(new JsonObject()
        .put(Setting.DATA_DIR.key(), dataDir.toString())
        .put(Setting.DB_SYNC.key(), "normal"));
  }

  /** Remembers a redeployment, so that the cleanup waits for it. */
  protected Future<String> redeploying(Future<String> redeployed) {
    redeploys.add(redeployed);
    return redeployed;
  }

  /** Remembers a consumer this test registered, so that the cleanup unregisters it. */
  protected <T> MessageConsumer<T> registered(MessageConsumer<T> consumer) {
    consumers.add(consumer);
    return consumer;
  }

  /**
   * Holds the first message delivered to {@code address} until {@code meanwhile} has completed:
   * the way to put another request (a user's purge, say) exactly between a verticle's check, whose
   * request this holds back, and the write that follows it.
   */
  protected void beforeFirstDelivery(String address, Supplier<Future<?>> meanwhile) {
    AtomicBoolean held = new AtomicBoolean();
    Handler<DeliveryContext<Object>> interceptor = delivery -> {
      if (address.equals(delivery.message().address()) && held.compareAndSet(false, true)) {
        meanwhile.get().onComplete(finished -> delivery.next());
      } else {
        delivery.next();
      }
    };
    interceptors.add(interceptor);
    bus().addInboundInterceptor(interceptor);
  }

  /** Flags {@code published} once an event of {@code kind} on {@code address} passes {@code check}. */
  protected Future<Void> onEvent(VertxTestContext ctx, Checkpoint published, String address, String kind,
      Consumer<JsonObject> check) {
    MessageConsumer<JsonObject> consumer = registered(bus().consumer(address, event -> {
      if (kind.equals(event.body().getString(Fields.KIND))) {
        ctx.verify(() -> {
          check.accept(event.body());
          published.flag();
        });
      }
    }));
    return consumer.completion();
  }

  /** Succeeds with the failure of {@code request}; fails when it succeeded. */
  protected static Future<ReplyException> refused(Future<?> request) {
    return request.transform(done -> {
      if (done.succeeded()) {
        return Future.failedFuture(new AssertionError("expected a failure, got " + done.result()));
      }
      return done.cause() instanceof ReplyException failure
          ? Future.succeededFuture(failure) : Future.failedFuture(done.cause());
    });
  }

  /** A domain failure: its code (the HTTP status) and its client-facing detail. */
  protected static void assertFailure(ReplyException failure, int code, String detail) {
    assertThat(failure.failureCode()).as("failure code").isEqualTo(code);
    assertThat(failure.getMessage()).as("detail").isEqualTo(detail);
  }

  /** A domain-rule 422: a typed field failure whose body is FastAPI's detail naming {@code field}. */
  protected static void assertInvalid(ReplyException failure, String field, String msg) {
    assertThat(failure).as("a typed field failure").isInstanceOf(InvalidField.class);
    assertThat(failure.failureCode()).as("failure code").isEqualTo(422);
    JsonObject problem = ((InvalidField) failure).body().getJsonArray(Fields.DETAIL).getJsonObject(0);
    assertThat(problem.getJsonArray(Fields.LOC)).isEqualTo(new JsonArray().add("body").add(field));
    assertThat(problem.getString(Fields.MSG)).isEqualTo(msg);
    assertThat(problem.getString(Fields.TYPE)).isEqualTo("value_error");
  }
}
