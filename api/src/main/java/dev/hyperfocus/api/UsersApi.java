package dev.hyperfocus.api;

import io.vertx.core.json.JsonObject;

/** The users domain's addresses and the records that travel on them. */
public final class UsersApi {
  /** Sign-up: 400 when the email is taken. */
  public static final Endpoint<Create, Created> CREATE =
      Endpoint.of(Address.USERS_CREATE, Codec.json(Create::toJson, Create::fromJson), Codec.json(Created::toJson, Created::fromJson));
  /** The user: 404 when missing, 403 when the actor is someone else. */
  public static final Endpoint<ById, User> GET = Endpoint.of(Address.USERS_GET, ById.CODEC, Codec.json(User::toJson, User::fromJson));
  public static final Endpoint<Update, User> UPDATE =
      Endpoint.of(Address.USERS_UPDATE, Codec.json(Update::toJson, Update::fromJson), Codec.json(User::toJson, User::fromJson));
  /** Deletes the user, then asks the other domains to purge the user's rows. */
  public static final Endpoint<ById, Empty> DELETE = Endpoint.of(Address.USERS_DELETE, ById.CODEC, Codec.EMPTY);
  /** A new token; the old one stops working at once. */
  public static final Endpoint<ById, Token> ROTATE_TOKEN =
      Endpoint.of(Address.USERS_ROTATE_TOKEN, ById.CODEC, Codec.json(Token::toJson, Token::fromJson));
  /** The user of a token hash: 401 when unknown. */
  public static final Endpoint<Authenticate, Authenticated> AUTHENTICATE = Endpoint.of(Address.USERS_AUTHENTICATE,
      Codec.json(Authenticate::toJson, Authenticate::fromJson), Codec.json(Authenticated::toJson, Authenticated::fromJson));
  public static final Endpoint<Empty, Empty> HEALTH = Endpoint.health(Address.USERS_HEALTH);

  /** A new calendar-feed key (shown this once); the previous key stops working at once. */
  public static final Endpoint<ById, CalendarKey> CALENDAR_KEY =
      Endpoint.of(Address.USERS_CALENDAR_KEY, ById.CODEC, Codec.json(CalendarKey::toJson, CalendarKey::fromJson));
  /** The user whose calendar-feed key hashes to this: 404 for any other key, or none. */
  public static final Endpoint<CalendarUser, User> CALENDAR_USER = Endpoint.of(Address.USERS_CALENDAR_USER,
      Codec.json(CalendarUser::toJson, CalendarUser::fromJson), Codec.json(User::toJson, User::fromJson));

  private UsersApi() {}

  /**
   * A sign-up.
   *
   * @param timezone an IANA zone id, already checked by the edge
   * @param issueToken whether to issue an API token (token mode)
   */
  public record Create(String name, String email, String timezone, boolean issueToken) {
    public JsonObject toJson() {
      return new JsonObject().put(Fields.NAME, name).put(Fields.EMAIL, email).put(Fields.TIMEZONE, timezone)
          .put(Fields.ISSUE_TOKEN, issueToken);
    }

    public static Create fromJson(JsonObject json) {
      return new Create(json.getString(Fields.NAME), json.getString(Fields.EMAIL), json.getString(Fields.TIMEZONE),
          json.getBoolean(Fields.ISSUE_TOKEN, false));
    }
  }

  /** The new user, with its API token (shown this once) when one was issued. */
  public record Created(User user, String apiToken) {
    public JsonObject toJson() {
      JsonObject json = user.toJson();
      return apiToken == null ? json : json.put(Fields.API_TOKEN, apiToken);
    }

    public static Created fromJson(JsonObject json) {
      return new Created(User.fromJson(json), json.getString(Fields.API_TOKEN));
    }
  }

  /** A profile change; a null field stays as it is. */
  public record Update(long id, Long actorId, String name, String timezone) {
    public JsonObject toJson() {
      return new ById(id, actorId).toJson().put(Fields.NAME, name).put(Fields.TIMEZONE, timezone);
    }

    public static Update fromJson(JsonObject json) {
      return new Update(json.getLong(Fields.ID), json.getLong(Fields.ACTOR_ID), json.getString(Fields.NAME),
          json.getString(Fields.TIMEZONE));
    }
  }

  /** A newly issued API token. */
  public record Token(String apiToken) {
    public JsonObject toJson() {
      return new JsonObject().put(Fields.API_TOKEN, apiToken);
    }

    public static Token fromJson(JsonObject json) {
      return new Token(json.getString(Fields.API_TOKEN));
    }
  }

  /** Who holds a token: only its SHA-256 travels. */
  public record Authenticate(String tokenHash) {
    public JsonObject toJson() {
      return new JsonObject().put(Fields.TOKEN_HASH, tokenHash);
    }

    public static Authenticate fromJson(JsonObject json) {
      return new Authenticate(json.getString(Fields.TOKEN_HASH));
    }
  }

  public record Authenticated(long userId) {
    public JsonObject toJson() {
      return new JsonObject().put(Fields.USER_ID, userId);
    }

    public static Authenticated fromJson(JsonObject json) {
      return new Authenticated(json.getLong(Fields.USER_ID));
    }
  }

  /** A newly issued calendar-feed key: only the users domain's reply holds it, never its store. */
  public record CalendarKey(String key) {
    public JsonObject toJson() {
      return new JsonObject().put(Fields.KEY, key);
    }

    public static CalendarKey fromJson(JsonObject json) {
      return new CalendarKey(json.getString(Fields.KEY));
    }
  }

  /** Whose calendar feed a key opens: only its SHA-256 travels. */
  public record CalendarUser(long userId, String keyHash) {
    public JsonObject toJson() {
      return new JsonObject().put(Fields.USER_ID, userId).put(Fields.TOKEN_HASH, keyHash);
    }

    public static CalendarUser fromJson(JsonObject json) {
      return new CalendarUser(json.getLong(Fields.USER_ID), json.getString(Fields.TOKEN_HASH));
    }
  }
}
