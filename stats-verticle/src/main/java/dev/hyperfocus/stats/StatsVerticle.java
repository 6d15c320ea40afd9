package dev.hyperfocus.stats;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.ById;
import dev.hyperfocus.api.Change;
import dev.hyperfocus.api.Events;
import dev.hyperfocus.api.Failure;
import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.Interruption;
import dev.hyperfocus.api.Live;
import dev.hyperfocus.api.Messages;
import dev.hyperfocus.api.Ownership;
import dev.hyperfocus.api.Session;
import dev.hyperfocus.api.StatsApi;
import dev.hyperfocus.api.User;
import dev.hyperfocus.api.UsersApi;
import dev.hyperfocus.runtime.Handlers;
import dev.hyperfocus.runtime.Meters;
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
import java.util.function.Consumer;

/**
 * Answers the statistics views and the live state from per-user aggregates in memory, folded
 * from the domain events; owns no tables. After every committed change of a watched user (one a
 * web node holds sockets of) it publishes that user's live state on {@code live.user.<id>}.
 */
public final class StatsVerticle extends VerticleBase {
  private static final long HISTORY_TIMEOUT_MS = 60_000;
  /** An existence check for a 404 / 403: one row by id; the web edge gives up well before this. */
  private static final long LOOKUP_TIMEOUT_MS = 10_000;

  private final Clock clock;
  private final String epoch = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
  private final Map<Long, Long> seqs = new HashMap<>();
  private final Watches watches = new Watches();
  private final DeliveryOptions lookups = new DeliveryOptions().setSendTimeout(LOOKUP_TIMEOUT_MS);
  private UserCache cache;
  private Handlers handlers;
  private List<MessageConsumer<JsonObject>> events;

  public StatsVerticle(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    cache = new UserCache(vertx, new DeliveryOptions().setSendTimeout(HISTORY_TIMEOUT_MS),
        Runtime.getRuntime().maxMemory() / 4);
    Meters meters = Meters.of(vertx);
    meters.gauge(Meters.STATS_USERS_LOADED, "Users whose aggregates are in memory", cache::size);
    meters.counter(Meters.STATS_REBUILDS, "Builds of a user's aggregates from history", cache::rebuilds);
    meters.counter(Meters.STATS_EVICTIONS, "Users evicted to keep aggregates within budget", cache::evictions);
    handlers = new Handlers(vertx)
        .on(StatsApi.HEALTH, ping -> Future.succeededFuture(new StatsApi.Health(cache.size())))
        .on(StatsApi.LIVE, this::live);
    for (StatsView view : StatsView.values()) {
      handlers.on(StatsApi.view(view.path()), request -> view(view, request));
    }
    events = List.of(
        vertx.eventBus().consumer(Address.SESSIONS_EVENTS, message -> onSession(message.body())),
        vertx.eventBus().consumer(Address.INTERRUPTIONS_EVENTS, message -> onInterruption(message.body())),
        vertx.eventBus().consumer(Address.USERS_EVENTS, message -> onUser(message.body())),
        vertx.eventBus().consumer(Address.STATS_LIVE_WATCH,
            message -> watches.renew(StatsApi.WATCH.decode(message.body()).userIds(), System.nanoTime())));
    return Future.all(handlers.ready(), Future.all(events.stream().map(MessageConsumer::completion).toList()))
        .onSuccess(ready -> vertx.eventBus().publish(Address.STATS_STARTED, new JsonObject().put(Live.EPOCH, epoch)));
  }

  @Override
  public Future<?> stop() {
    return Future.all(handlers.close(), Future.all(events.stream().map(MessageConsumer::unregister).toList()));
  }

  /** Users in memory, and how many times a user's aggregates were (re)built, for metrics. */
  public int loadedUsers() {
    return cache.size();
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

  private void onSession(JsonObject event) {
    Session session = Session.fromJson(event.getJsonObject(Fields.SESSION));
    changed(session.userId(), Events.kind(event), user -> user.put(session));
  }

  private void onInterruption(JsonObject event) {
    Interruption interruption = Interruption.fromJson(event.getJsonObject(Fields.INTERRUPTION));
    Change kind = Events.kind(event);
    changed(interruption.userId(), kind, kind == Change.INTERRUPTION_DELETED
        ? user -> user.remove(interruption)
        : user -> user.put(interruption));
  }

  private void onUser(JsonObject event) {
    long userId = event.getLong(Fields.USER_ID);
    switch (Events.kind(event)) {
      case USER_UPDATED -> {
        ZoneId zone = ZoneId.of(User.fromJson(event.getJsonObject(Fields.USER)).timezone());
        changed(userId, Change.USER_UPDATED, user -> user.zone(zone));
      }
      case USER_DELETED -> {
        cache.drop(userId);
        seqs.remove(userId);
        watches.drop(userId);
      }
      default -> {
        // sign-ups and token changes do not move any statistic
      }
    }
  }

  /** Applies a committed change and publishes the user's new live state if the user is watched. */
  private void changed(long userId, Change reason, Consumer<LoadedUser> change) {
    long seq = seqs.merge(userId, 1L, Long::sum);
    cache.change(userId, change).onSuccess(user -> {
      if (watches.watched(userId, System.nanoTime())) {
        vertx.eventBus().publish(Address.liveUser(userId), frame(user, Live.UPDATE, reason.wireName(), seq));
      }
    });
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
