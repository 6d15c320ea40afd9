package dev.hyperfocus.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The stats verticle's addresses and the records that travel on them. */
public final class StatsApi {
  private static final Map<String, Endpoint<View, Buffer>> VIEWS = new LinkedHashMap<>();

  static {
    Address.STATS_VIEWS.forEach(view ->
        VIEWS.put(view, Endpoint.of(Address.stats(view), Codec.json(View::toJson, View::fromJson), Codec.encoded())));
  }

  /**
   * The live state of one user now ({@link Live}'s frame document): a snapshot on connect, or a
   * tick. Asking it also makes the user watched.
   */
  public static final Endpoint<LiveState, JsonObject> LIVE =
      Endpoint.of(Address.STATS_LIVE, Codec.json(LiveState::toJson, LiveState::fromJson), Codec.object());
  /** Replies once the stats verticle runs, with how many users it holds in memory. */
  public static final Endpoint<Empty, Health> HEALTH =
      Endpoint.of(Address.STATS_HEALTH, Codec.EMPTY, Codec.json(Health::toJson, Health::fromJson));
  /** Sent (not requested) by each web node every few seconds: the users it holds sockets of. */
  public static final Codec<Watch> WATCH = Codec.json(Watch::toJson, Watch::fromJson);

  private StatsApi() {}

  /**
   * The endpoint of one statistics view ({@link Address#STATS_VIEWS}); its reply is the view's JSON
   * document, already encoded.
   */
  public static Endpoint<View, Buffer> view(String view) {
    Endpoint<View, Buffer> endpoint = VIEWS.get(view);
    if (endpoint == null) {
      throw new IllegalArgumentException("No statistics view " + view);
    }
    return endpoint;
  }

  /**
   * One view of one user's statistics.
   *
   * @param range the query's {@code range} as given (null: the default); the stats verticle parses it (400)
   */
  public record View(long userId, Long actorId, String range) {
    public JsonObject toJson() {
      return new JsonObject().put(Fields.USER_ID, userId).put(Fields.ACTOR_ID, actorId).put(Fields.RANGE, range);
    }

    public static View fromJson(JsonObject json) {
      return new View(json.getLong(Fields.USER_ID), json.getLong(Fields.ACTOR_ID), json.getString(Fields.RANGE));
    }
  }

  /**
   * The live state of a user, asked for a reason: {@link Live#CONNECTED} (a snapshot) or {@link Live#TICK}.
   *
   * @param actorId null when a web node refreshes sockets it already authorised
   */
  public record LiveState(long userId, Long actorId, String reason) {
    public JsonObject toJson() {
      return new JsonObject().put(Fields.USER_ID, userId).put(Fields.ACTOR_ID, actorId).put(Live.REASON, reason);
    }

    public static LiveState fromJson(JsonObject json) {
      return new LiveState(json.getLong(Fields.USER_ID), json.getLong(Fields.ACTOR_ID), json.getString(Live.REASON));
    }
  }

  public record Health(int loadedUsers) {
    public JsonObject toJson() {
      return new JsonObject().put(Fields.LOADED_USERS, loadedUsers);
    }

    public static Health fromJson(JsonObject json) {
      return new Health(json.getInteger(Fields.LOADED_USERS, 0));
    }
  }

  /** The users a web node still holds sockets of. */
  public record Watch(List<Long> userIds) {
    public JsonObject toJson() {
      return new JsonObject().put(Fields.USER_IDS, new JsonArray(List.copyOf(userIds)));
    }

    public static Watch fromJson(JsonObject json) {
      JsonArray ids = json.getJsonArray(Fields.USER_IDS, new JsonArray());
      List<Long> userIds = new java.util.ArrayList<>(ids.size());
      for (int i = 0; i < ids.size(); i++) {
        userIds.add(ids.getLong(i));
      }
      return new Watch(userIds);
    }
  }
}
