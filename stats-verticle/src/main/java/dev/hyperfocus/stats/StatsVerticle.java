package dev.hyperfocus.stats;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.ById;
import dev.hyperfocus.api.Events;
import dev.hyperfocus.api.Failure;
import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.Empty;
import dev.hyperfocus.api.Endpoint;
import dev.hyperfocus.api.InterruptionsApi;
import dev.hyperfocus.api.Live;
import dev.hyperfocus.api.Messages;
import dev.hyperfocus.api.Ownership;
import dev.hyperfocus.api.Outbox;
import dev.hyperfocus.api.Page;
import dev.hyperfocus.api.Session;
import dev.hyperfocus.api.SessionsApi;
import dev.hyperfocus.api.StatsApi;
import dev.hyperfocus.api.User;
import dev.hyperfocus.api.UsersApi;
import dev.hyperfocus.runtime.Handlers;
import dev.hyperfocus.runtime.Meters;
import dev.hyperfocus.sqlite.DatabaseConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Answers the statistics views and the live state from persisted hourly rollups (its own file,
 * {@code stats.db}, see {@link RollupStore}), derived from the domains' outboxes: each event is
 * applied once, in sequence order ({@link OutboxFollower}), and a user's rollups are loaded with
 * indexed reads on first access. After every applied change of a watched user (one a web node
 * holds sockets of) it publishes that user's live state on {@code live.user.<id>}.
 */
public final class StatsVerticle extends VerticleBase {
  /** A page of an outbox, a replay of a whole domain, a load: long, but bounded. */
  private static final long STORE_TIMEOUT_MS = 120_000;
  /** An existence check for a 404 / 403: one row by id; the web edge gives up well before this. */
  private static final long LOOKUP_TIMEOUT_MS = 10_000;

  private static final Logger LOG = Logger.getLogger(StatsVerticle.class.getName());

  private final Clock clock;
  private final String epoch = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
  private final Map<Long, Long> seqs = new HashMap<>();
  private final Watches watches = new Watches();
  private final DeliveryOptions lookups = new DeliveryOptions().setSendTimeout(LOOKUP_TIMEOUT_MS);
  private final DeliveryOptions storeRequests = new DeliveryOptions().setSendTimeout(STORE_TIMEOUT_MS);
  private RollupStore store;
  private UserCache cache;
  private Handlers handlers;
  private List<MessageConsumer<JsonObject>> events = List.of();
  private List<OutboxFollower> followers = List.of();

  public StatsVerticle(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    return RollupStore.open(vertx, DatabaseConfig.fromJson(config())).compose(opened -> {
      store = opened;
      cache = new UserCache(vertx, store, storeRequests, Runtime.getRuntime().maxMemory() / 4);
      Meters meters = Meters.of(vertx);
      meters.gauge(Meters.STATS_USERS_LOADED, "Users whose rollups are in memory", cache::size);
      meters.counter(Meters.STATS_REBUILDS, "Loads of a user's rollups from the store", cache::loads);
      meters.counter(Meters.STATS_EVICTIONS, "Users evicted to keep rollups within budget", cache::evictions);
      OutboxFollower sessions = follower("sessions", SessionsApi.OUTBOX, SessionsApi.OUTBOX_APPLIED,
          SessionsApi.OUTBOX_REPLAY);
      OutboxFollower interruptions = follower("interruptions", InterruptionsApi.OUTBOX,
          InterruptionsApi.OUTBOX_APPLIED, InterruptionsApi.OUTBOX_REPLAY);
      followers = List.of(sessions, interruptions);
      events = List.of(
          vertx.eventBus().consumer(Address.SESSIONS_EVENTS, message -> sessions.offer(message.body())),
          vertx.eventBus().consumer(Address.INTERRUPTIONS_EVENTS, message -> interruptions.offer(message.body())),
          vertx.eventBus().consumer(Address.USERS_EVENTS, message -> onUser(message.body())),
          vertx.eventBus().consumer(Address.STATS_LIVE_WATCH,
              message -> watches.renew(StatsApi.WATCH.decode(message.body()).userIds(), System.nanoTime())));
      vertx.setPeriodic(OutboxFollower.REPORT_EVERY_MS, tick -> followers.forEach(OutboxFollower::report));
      return Future.all(events.stream().map(MessageConsumer::completion).toList())
          .compose(listening -> store.positions())
          .compose(positions -> catchUp(positions, sessions).compose(done -> catchUp(positions, interruptions)));
    }).compose(caughtUp -> {
      handlers = new Handlers(vertx)
          .on(StatsApi.HEALTH, ping -> Future.succeededFuture(new StatsApi.Health(cache.size())))
          .on(StatsApi.LIVE, this::live);
      for (StatsView view : StatsView.values()) {
        handlers.on(StatsApi.view(view.path()), request -> view(view, request));
      }
      return handlers.ready();
    }).onSuccess(ready -> vertx.eventBus().publish(Address.STATS_STARTED, new JsonObject().put(Live.EPOCH, epoch)));
  }

  @Override
  public Future<?> stop() {
    Future<?> unbound = Future.all(handlers == null ? Future.succeededFuture() : handlers.close(),
        Future.all(events.stream().map(MessageConsumer::unregister).toList()));
    return unbound.compose(done -> store == null ? Future.succeededFuture() : store.close());
  }

  /** Users in memory, for metrics. */
  public int loadedUsers() {
    return cache.size();
  }

  private OutboxFollower follower(String domain, Endpoint<Outbox.After, Page> outbox,
      Endpoint<Outbox.Applied, Empty> applied, Endpoint<Empty, Outbox.Applied> replay) {
    return new OutboxFollower(vertx, domain, outbox, applied, replay,
        events -> store.apply(domain, events).onSuccess(done -> done.forEach(this::changed)), storeRequests);
  }

  private Future<Void> catchUp(Map<String, Long> positions, OutboxFollower follower) {
    long started = System.nanoTime();
    return follower.start(positions.get(follower.domain()), seq -> store.position(follower.domain(), seq))
        .onSuccess(done -> LOG.fine(() -> String.format("%s outbox caught up in %.1f s", follower.domain(),
            (System.nanoTime() - started) / 1e9)));
  }

  /** The view's document, encoded here: the web edge answers it as it is (see {@code Codec.encoded}). */
  private Future<Buffer> view(StatsView view, StatsApi.View request) {
    return owned(request.userId(), request.actorId()).map(user -> {
      Range range = parseRange(request.range());
      return view.body(user.id(), user.stats().report(range, user.zone(), clock.instant())).toBuffer();
    });
  }

  /** The live state now: a snapshot for a new connection, or a tick. */
  private Future<JsonObject> live(StatsApi.LiveState request) {
    boolean tick = Live.TICK.equals(request.reason());
    return owned(request.userId(), request.actorId()).map(user -> {
      watches.watch(user.id(), System.nanoTime());
      return frame(user, tick ? Live.UPDATE : Live.SNAPSHOT, tick ? Live.TICK : Live.CONNECTED,
          seqs.getOrDefault(user.id(), 0L));
    });
  }


  /**
   * The user's aggregates, once the actor may see them. Someone else's user is never loaded: the
   * users domain is asked only whether it exists (a lookup by id, no history), so a missing user
   * is still the 404 and an existing one the 403 (api.md section 3: 404 before 403), and a
   * stranger cannot make this verticle read another user's whole history into memory.
   */
  private Future<LoadedUser> owned(long userId, Long actor) {
    if (Ownership.allows(actor, userId)) {
      return cache.get(userId);
    }
    return UsersApi.GET.request(vertx.eventBus(), ById.of(userId), lookups)
        .compose(exists -> Future.failedFuture(Failure.FORBIDDEN.with(Messages.NOT_ENOUGH_PERMISSIONS)));
  }

  private static Range parseRange(String text) {
    try {
      return Range.parse(text);
    } catch (Range.InvalidRange e) {
      throw Failure.BAD_REQUEST.with(e.getMessage());
    }
  }

  private void onUser(JsonObject event) {
    long userId = event.getLong(Fields.USER_ID);
    switch (Events.kind(event)) {
      case USER_UPDATED -> cache.zone(userId, ZoneId.of(User.fromJson(event.getJsonObject(Fields.USER)).timezone()));
      case USER_DELETED -> forget(userId);
      default -> {
        // sign-ups and token changes do not move any statistic
      }
    }
  }

  private void forget(long userId) {
    cache.drop(userId);
    seqs.remove(userId);
    watches.drop(userId);
  }

  /** A change the store has applied: into memory if the user is loaded, and a live frame if watched. */
  private void changed(RollupStore.Applied applied) {
    if (applied.kind() == null) {
      return;
    }
    long userId = applied.userId();
    if (applied.change() == null) {
      forget(userId);
      return;
    }
    cache.applied(applied);
    long seq = seqs.merge(userId, 1L, Long::sum);
    if (watches.watched(userId, System.nanoTime())) {
      cache.get(userId).onSuccess(user ->
          vertx.eventBus().publish(Address.liveUser(userId), frame(user, Live.UPDATE, applied.kind().wireName(), seq)));
    }
  }

  private JsonObject frame(LoadedUser user, String type, String reason, long seq) {
    Instant now = clock.instant();
    Session active = user.active();
    return new JsonObject()
        .put(Live.TYPE, type)
        .put(Fields.USER_ID, user.id())
        .put(Live.EPOCH, epoch)
        .put(Live.SEQ, seq)
        .put(Live.AS_OF, Fields.instant(now))
        .put(Live.REASON, reason)
        .put(Live.ACTIVE_SESSION, active == null ? null : active.toJson())
        .put(Live.CURRENT_FOCUS_SECONDS, user.stats().currentFocusSeconds(now))
        .put(Live.TODAY, StatsView.SUMMARY.body(user.id(), user.stats().report(Range.TODAY, user.zone(), now)));
  }
}
