package dev.hyperfocus.stats;

import dev.hyperfocus.api.ById;
import dev.hyperfocus.api.UsersApi;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The users whose rollups are in memory, least recently used first. A user is loaded on first
 * access (the zone from the users domain, then the rollups from the store: indexed reads, no
 * history). The store's writer orders the load with the changes: a change that completes while
 * the user is loading is in the rows the load reads, and one that completes after the load is
 * applied here. Past the memory budget the coldest users are evicted.
 */
final class UserCache {
  private final Vertx vertx;
  private final RollupStore store;
  private final DeliveryOptions options;
  private final long budgetBytes;
  private final LinkedHashMap<Long, LoadedUser> loaded = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<Long, Loading> loading = new HashMap<>();
  private long loads;
  private long evictions;
  private long bytes;

  private static final class Loading {
    final Promise<LoadedUser> promise = Promise.promise();
    /** A zone change that arrived while loading. */
    ZoneId zone;
    /** The rows, once read (the zone may still be on its way). */
    RollupStore.Loaded rows;
    /** Changes that completed after the rows were read: applied once the user is in. */
    final List<RollupStore.Applied> after = new ArrayList<>();
  }

  UserCache(Vertx vertx, RollupStore store, DeliveryOptions options, long budgetBytes) {
    this.vertx = vertx;
    this.store = store;
    this.options = options;
    this.budgetBytes = budgetBytes;
  }

  /** The user's rollups, loading them if needed; fails with the users domain's 404. */
  Future<LoadedUser> get(long userId) {
    LoadedUser user = loaded.get(userId);
    if (user != null) {
      return Future.succeededFuture(user);
    }
    Loading pending = loading.get(userId);
    return pending != null ? pending.promise.future() : load(userId);
  }

  /** A change the store has applied: applied here too if the user is loaded (see the class comment). */
  void applied(RollupStore.Applied applied) {
    Loading pending = loading.get(applied.userId());
    if (pending != null && pending.rows != null) {
      pending.after.add(applied);
      return;
    }
    LoadedUser user = loaded.get(applied.userId());
    if (user != null) {
      user.apply(applied);
      bytes += user.reaccount();
      if (bytes > budgetBytes) {
        evictBeyondBudget(applied.userId());
      }
    }
  }

  void zone(long userId, ZoneId zone) {
    LoadedUser user = loaded.get(userId);
    if (user != null) {
      user.zone(zone);
    }
    Loading pending = loading.get(userId);
    if (pending != null) {
      pending.zone = zone;
    }
  }

  /** Forgets a deleted user (a load under way fails when it completes). */
  void drop(long userId) {
    LoadedUser user = loaded.remove(userId);
    if (user != null) {
      bytes -= user.accounted();
    }
    loading.remove(userId);
  }

  int size() {
    return loaded.size();
  }

  long loads() {
    return loads;
  }

  long evictions() {
    return evictions;
  }

  /**
   * Asks the users domain for the zone and the store for the rows at once. The store's answer is
   * ordered with the changes (see the class comment); changes that complete after it and before
   * the zone arrives wait in {@link Loading#after}.
   */
  private Future<LoadedUser> load(long userId) {
    Loading entry = new Loading();
    loading.put(userId, entry);
    loads++;
    Future<ZoneId> zone = UsersApi.GET.request(vertx.eventBus(), ById.of(userId), options)
        .map(user -> ZoneId.of(user.timezone()));
    Future<RollupStore.Loaded> rows = store.load(userId).onSuccess(read -> entry.rows = read);
    Future.all(zone, rows).onComplete(both -> {
      if (loading.get(userId) != entry) {
        entry.promise.fail(both.failed() ? both.cause() : new IllegalStateException("user " + userId + " was deleted"));
        return;
      }
      loading.remove(userId);
      if (both.failed()) {
        entry.promise.fail(zone.failed() ? zone.cause() : both.cause());
        return;
      }
      LoadedUser fresh = new LoadedUser(userId, entry.zone != null ? entry.zone : zone.result(), rows.result());
      entry.after.forEach(fresh::apply);
      loaded.put(userId, fresh);
      bytes += fresh.reaccount();
      evictBeyondBudget(userId);
      entry.promise.complete(fresh);
    });
    return entry.promise.future();
  }

  private void evictBeyondBudget(long keep) {
    Iterator<Map.Entry<Long, LoadedUser>> coldestFirst = loaded.entrySet().iterator();
    while (bytes > budgetBytes && coldestFirst.hasNext()) {
      Map.Entry<Long, LoadedUser> entry = coldestFirst.next();
      if (entry.getKey() != keep) {
        bytes -= entry.getValue().accounted();
        coldestFirst.remove();
        evictions++;
      }
    }
  }
}
