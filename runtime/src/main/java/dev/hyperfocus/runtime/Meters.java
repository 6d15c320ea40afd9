package dev.hyperfocus.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * HyperFocus's own meters, with their names declared once, on the Micrometer registry of one
 * Vert.x instance. The launcher installs the node's Prometheus registry (the one Vert.x reports
 * to) before deploying; a verticle finds it with {@link #of(Vertx)}. Without an installed registry
 * (unit tests) the meters go to a private registry that nobody reads.
 *
 * <p>Names use Micrometer's dots; Prometheus shows them with underscores, and counters with a
 * {@code _total} suffix ({@code hyperfocus.pushes.sent} is {@code hyperfocus_pushes_sent_total}).
 */
public final class Meters implements Shareable {
  /** The suppliers of function counters, kept alive as long as the node (see {@link #counter}). */
  private final java.util.List<Supplier<Number>> counted = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** Gauge: focus sessions without an end, as the sessions domain counts them. */
  public static final String SESSIONS_ACTIVE = "hyperfocus.sessions.active";
  /** Gauge: live WebSockets open on this node. */
  public static final String WEBSOCKETS_CONNECTED = "hyperfocus.websockets.connected";
  /** Counter: live frames written to WebSockets by this node. */
  public static final String PUSHES_SENT = "hyperfocus.pushes.sent";
  /** Gauge: users whose statistics aggregates are in memory. */
  public static final String STATS_USERS_LOADED = "hyperfocus.stats.users.loaded";
  /** Counter: builds of a user's aggregates from the domains' history. */
  public static final String STATS_REBUILDS = "hyperfocus.stats.rebuilds";
  /** Counter: users evicted from memory to keep the aggregates within their budget. */
  public static final String STATS_EVICTIONS = "hyperfocus.stats.evictions";

  private static final String MAP = "hyperfocus.meters";
  private static final String KEY = "meters";

  private final MeterRegistry registry;
  private final AtomicLong websockets = new AtomicLong();
  private final Counter pushes;

  private Meters(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder(WEBSOCKETS_CONNECTED, websockets, AtomicLong::get)
        .description("Live WebSockets open on this node")
        .register(registry);
    pushes = Counter.builder(PUSHES_SENT)
        .description("Live frames written to WebSockets by this node")
        .register(registry);
  }

  /** Makes {@code registry} the meters of {@code vertx}; call it before deploying verticles. */
  public static Meters install(Vertx vertx, MeterRegistry registry) {
    Meters meters = new Meters(registry);
    map(vertx).put(KEY, meters);
    return meters;
  }

  /** The meters of this Vert.x instance. */
  public static Meters of(Vertx vertx) {
    LocalMap<String, Meters> map = map(vertx);
    Meters meters = map.get(KEY);
    if (meters != null) {
      return meters;
    }
    Meters unread = new Meters(new SimpleMeterRegistry());
    Meters raced = map.putIfAbsent(KEY, unread);
    return raced == null ? unread : raced;
  }

  private static LocalMap<String, Meters> map(Vertx vertx) {
    return vertx.sharedData().getLocalMap(MAP);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** A gauge that reads {@code value} at each scrape (held strongly: it lives as long as the node). */
  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).strongReference(true).register(registry);
  }

  /**
   * A counter kept by its owner, read at each scrape; {@code total} must never decrease. The
   * supplier is held here: Micrometer keeps a function counter's object only weakly, and a
   * collected supplier made the counter read 0 after a garbage collection (a flaky MetricsIT).
   */
  public void counter(String name, String description, Supplier<Number> total) {
    counted.add(total);
    FunctionCounter.builder(name, total, supplier -> supplier.get().doubleValue())
        .description(description)
        .register(registry);
  }

  public void websocketOpened() {
    websockets.incrementAndGet();
  }

  public void websocketClosed() {
    websockets.decrementAndGet();
  }

  public void pushSent() {
    pushes.increment();
  }
}
