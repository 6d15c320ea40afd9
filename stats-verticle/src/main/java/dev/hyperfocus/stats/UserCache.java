package dev.hyperfocus.stats;

import dev.hyperfocus.api.ById;
import dev.hyperfocus.api.Endpoint;
import dev.hyperfocus.api.History;
import dev.hyperfocus.api.Interruption;
import dev.hyperfocus.api.InterruptionsApi;
import dev.hyperfocus.api.Page;
import dev.hyperfocus.api.Session;
import dev.hyperfocus.api.SessionsApi;
import dev.hyperfocus.api.UsersApi;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The users whose aggregates are in memory, least recently used first. A user is (re)built from
 * the domains' history addresses on first access; changes that arrive meanwhile are kept and
 * applied once the history is in, so nothing committed is missed or counted twice (every change
 * is an idempotent upsert or removal). Past the memory budget the coldest users are evicted.
 */
final class UserCache {
  private final Vertx vertx;
  private final DeliveryOptions options;
  private final long budgetBytes;
  private final LinkedHashMap<Long, LoadedUser> loaded = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<Long, Loading> loading = new HashMap<>();
  private long rebuilds;
  private long evictions;

  private static final class Loading {
    final Promise<LoadedUser> promise = Promise.promise();
    final List<Consumer<LoadedUser>> pending = new ArrayList<>();
  }

  UserCache(Vertx vertx, DeliveryOptions options, long budgetBytes) {
    this.vertx = vertx;
    this.options = options;
    this.budgetBytes = budgetBytes;
  }

  /** The user's aggregates, loading them if needed; fails with the users domain's 404. */
  Future<LoadedUser> get(long userId) {
    LoadedUser user = loaded.get(userId);
    if (user != null) {
      return Future.succeededFuture(user);
    }
    Loading pending = loading.get(userId);
    if (pending != null) {
      return pending.promise.future();
    }
    return load(userId);
  }

  /**
   * Applies a committed change: at once to a loaded user, after the history to one being loaded.
   * A user not in memory is loaded, and its history already holds the change.
   */
  Future<LoadedUser> change(long userId, Consumer<LoadedUser> change) {
    LoadedUser user = loaded.get(userId);
    if (user != null) {
      change.accept(user);
      return Future.succeededFuture(user);
    }
    Loading pending = loading.get(userId);
    if (pending != null) {
      pending.pending.add(change);
      return pending.promise.future();
    }
    return load(userId);
  }

  /** Forgets a deleted user (a load under way is discarded when it completes). */
  void drop(long userId) {
    loaded.remove(userId);
    Loading pending = loading.remove(userId);
    if (pending != null) {
      pending.pending.clear();
    }
  }

  int size() {
    return loaded.size();
  }

  long rebuilds() {
    return rebuilds;
  }

  long evictions() {
    return evictions;
  }

  private Future<LoadedUser> load(long userId) {
    Loading entry = new Loading();
    loading.put(userId, entry);
    rebuilds++;
    UsersApi.GET.request(vertx.eventBus(), ById.of(userId), options)
        .compose(user -> {
          LoadedUser fresh = new LoadedUser(userId, ZoneId.of(user.timezone()));
          return pages(SessionsApi.HISTORY, History.first(userId), row -> fresh.put(Session.fromJson(row)))
              .compose(done -> pages(InterruptionsApi.HISTORY, History.first(userId),
                  row -> fresh.put(Interruption.fromJson(row))))
              .map(fresh);
        })
        .onComplete(done -> {
          if (loading.get(userId) != entry) {
            entry.promise.fail(done.failed() ? done.cause() : new IllegalStateException("user " + userId + " was deleted"));
            return;
          }
          loading.remove(userId);
          if (done.failed()) {
            entry.promise.fail(done.cause());
            return;
          }
          LoadedUser user = done.result();
          entry.pending.forEach(change -> change.accept(user));
          loaded.put(userId, user);
          evictBeyondBudget(userId);
          entry.promise.complete(user);
        });
    return entry.promise.future();
  }

  /** Reads a history address page by page (by id) and hands every row to {@code sink}. */
  private Future<Void> pages(Endpoint<History, Page> history, History request, Consumer<JsonObject> sink) {
    return history.request(vertx.eventBus(), request, options)
        .compose(page -> {
          JsonArray items = page.items();
          for (int i = 0; i < items.size(); i++) {
            sink.accept(items.getJsonObject(i));
          }
          return items.size() < request.limit() ? Future.succeededFuture()
              : pages(history, request.after(page.lastId(request.afterId())), sink);
        });
  }

  private void evictBeyondBudget(long keep) {
    long total = 0;
    for (LoadedUser user : loaded.values()) {
      total += user.stats().approximateBytes();
    }
    Iterator<Map.Entry<Long, LoadedUser>> coldestFirst = loaded.entrySet().iterator();
    while (total > budgetBytes && coldestFirst.hasNext()) {
      Map.Entry<Long, LoadedUser> entry = coldestFirst.next();
      if (entry.getKey() != keep) {
        total -= entry.getValue().stats().approximateBytes();
        coldestFirst.remove();
        evictions++;
      }
    }
  }
}
