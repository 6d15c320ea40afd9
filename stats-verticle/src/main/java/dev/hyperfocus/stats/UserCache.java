package dev.hyperfocus.stats;

import dev.hyperfocus.api.ById;
import dev.hyperfocus.api.UsersApi;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
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

  private Future<LoadedUser> load(long userId) {
    Loading entry = new Loading();
    loading.put(userId, entry);
    loads++;
    UsersApi.GET.request(vertx.eventBus(), ById.of(userId), options).onComplete(user -> {
      if (user.failed() || loading.get(userId) != entry) {
        loading.remove(userId, entry);
        entry.promise.fail(user.failed() ? user.cause() : new IllegalStateException("user " + userId + " was deleted"));
        return;
      }
      ZoneId zone = ZoneId.of(user.result().timezone());
      // the load is submitted to the store's writer now; its completion (below) runs before any
      // change submitted after it completes
      store.load(userId).onComplete(rows -> {
        if (loading.get(userId) != entry) {
          entry.promise.fail(rows.failed() ? rows.cause() : new IllegalStateException("user " + userId + " was deleted"));
          return;
        }
        loading.remove(userId);
        if (rows.failed()) {
          entry.promise.fail(rows.cause());
          return;
        }
        LoadedUser fresh = new LoadedUser(userId, entry.zone != null ? entry.zone : zone, rows.result());
        loaded.put(userId, fresh);
        bytes += fresh.reaccount();
        evictBeyondBudget(userId);
        entry.promise.complete(fresh);
      });
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
