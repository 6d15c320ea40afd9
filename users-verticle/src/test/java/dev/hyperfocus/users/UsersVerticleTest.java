package dev.hyperfocus.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.Messages;
import dev.hyperfocus.api.Setting;
import dev.hyperfocus.api.Tokens;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The users verticle alone, over its event-bus addresses, on a real SQLite file. The sessions and
 * interruptions domains are stood in for by consumers of their {@code purge-user} addresses, which
 * record what they were asked.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, timeUnit = TimeUnit.SECONDS)
class UsersVerticleTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir
  Path dataDir;

  private Vertx vertx;
  private String deployment;
  /** User ids the stand-in sessions and interruptions domains were asked to purge. */
  private final List<Long> sessionPurges = new CopyOnWriteArrayList<>();
  private final List<Long> interruptionPurges = new CopyOnWriteArrayList<>();
  /** Whether the stand-ins answer a purge (true) or fail it as an unavailable domain would. */
  private volatile boolean purgesSucceed = true;

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    this.vertx = vertx;
    Future.all(standIn(Address.SESSIONS_PURGE_USER, sessionPurges),
            standIn(Address.INTERRUPTIONS_PURGE_USER, interruptionPurges))
        .compose(bound -> deployUsers())
        .onComplete(ctx.succeedingThenComplete());
  }

  // ---- requests, built in one place (the JSON wire contract of the users addresses) ----

  private static JsonObject signUp(String name, String email, String timezone) {
    return new JsonObject().put(Fields.NAME, name).put(Fields.EMAIL, email).put(Fields.TIMEZONE, timezone);
  }

  private static JsonObject byId(long id, Long actor) {
    return new JsonObject().put(Fields.ID, id).put(Fields.ACTOR_ID, actor);
  }

  private static JsonObject profile(long id, Long actor, String name, String timezone) {
    return byId(id, actor).put(Fields.NAME, name).put(Fields.TIMEZONE, timezone);
  }

  private static JsonObject tokenHash(String token) {
    return new JsonObject().put(Fields.TOKEN_HASH, Tokens.hash(token));
  }

  private Future<JsonObject> ask(String address, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address, body).map(Message::body);
  }

  private Future<Long> newUser(String email) {
    return ask(Address.USERS_CREATE, signUp("Ada", email, "Europe/Madrid")).map(user -> user.getLong(Fields.ID));
  }

  // ---- deployment and stand-ins ----

  private Future<String> deployUsers() {
    JsonObject config = new JsonObject()
        .put(Setting.DATA_DIR.key(), dataDir.toString())
        .put(Setting.DB_SYNC.key(), "normal");
    return vertx.deployVerticle(new UsersVerticle(CLOCK), new DeploymentOptions().setConfig(config))
        .onSuccess(id -> deployment = id);
  }

  private Future<String> redeployUsers() {
    return vertx.undeploy(deployment).compose(undeployed -> deployUsers());
  }

  private Future<Void> standIn(String address, List<Long> asked) {
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(address, message -> {
      asked.add(message.body().getLong(Fields.USER_ID));
      if (purgesSucceed) {
        message.reply(new JsonObject());
      } else {
        message.fail(503, "stand-in domain unavailable");
      }
    });
    return consumer.completion();
  }

  private Future<Void> onEvent(VertxTestContext ctx, Checkpoint published, String kind,
      java.util.function.Consumer<JsonObject> check) {
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(Address.USERS_EVENTS, event -> {
      if (kind.equals(event.body().getString(Fields.KIND))) {
        ctx.verify(() -> {
          check.accept(event.body());
          published.flag();
        });
      }
    });
    return consumer.completion();
  }

  /** Succeeds with the failure of {@code request}; fails when it succeeded. */
  private static Future<ReplyException> refused(Future<?> request) {
    return request.transform(done -> {
      if (done.succeeded()) {
        return Future.failedFuture(new AssertionError("expected a failure, got " + done.result()));
      }
      return done.cause() instanceof ReplyException failure
          ? Future.succeededFuture(failure) : Future.failedFuture(done.cause());
    });
  }

  private static void assertFailure(ReplyException failure, int code, String detail) {
    assertThat(failure.failureCode()).as("failure code").isEqualTo(code);
    assertThat(failure.getMessage()).as("detail").isEqualTo(detail);
  }

  // ---- sign-up ----

  @Test
  @DisplayName("Sign-up answers the stored user and publishes user_created with the same row")
  void signUpAnswersAndPublishes(VertxTestContext ctx) {
    Checkpoint replied = ctx.checkpoint();
    Checkpoint published = ctx.checkpoint();
    onEvent(ctx, published, "user_created", event -> {
      assertThat(event.getLong(Fields.USER_ID)).isEqualTo(1L);
      assertThat(event.getJsonObject(Fields.USER).getString(Fields.EMAIL)).isEqualTo("Ada@Example.org");
      assertThat(event.getJsonObject(Fields.USER).getString(Fields.CREATED_AT)).isEqualTo("2026-11-23T10:00:00Z");
    }).compose(bound -> ask(Address.USERS_CREATE, signUp("Ada", "Ada@Example.org", "Europe/Madrid")))
        .onComplete(ctx.succeeding(user -> ctx.verify(() -> {
          assertThat(user).isEqualTo(new JsonObject().put(Fields.ID, 1L).put(Fields.NAME, "Ada")
              .put(Fields.EMAIL, "Ada@Example.org").put(Fields.TIMEZONE, "Europe/Madrid")
              .put(Fields.CREATED_AT, "2026-11-23T10:00:00Z"));
          replied.flag();
        })));
  }

  @Test
  @DisplayName("A sign-up that asks for a token gets one that authenticates as the new user")
  void issuedTokenAuthenticates(VertxTestContext ctx) {
    ask(Address.USERS_CREATE, signUp("Ada", "ada@example.org", "UTC").put(Fields.ISSUE_TOKEN, true))
        .compose(user -> ask(Address.USERS_AUTHENTICATE, tokenHash(user.getString(Fields.API_TOKEN)))
            .map(auth -> auth.getLong(Fields.USER_ID)).map(id -> new Long[] {user.getLong(Fields.ID), id}))
        .onComplete(ctx.succeeding(ids -> ctx.verify(() -> {
          assertThat(ids[1]).isEqualTo(ids[0]);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("A sign-up without issue_token carries no api_token")
  void noTokenUnlessAsked(VertxTestContext ctx) {
    ask(Address.USERS_CREATE, signUp("Ada", "ada@example.org", "UTC"))
        .onComplete(ctx.succeeding(user -> ctx.verify(() -> {
          assertThat(user.containsKey(Fields.API_TOKEN)).isFalse();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("An email already registered, in any letter case, is a 400 Email already registered")
  void emailTakenIgnoringCase(VertxTestContext ctx) {
    newUser("ada@example.org")
        .compose(first -> refused(ask(Address.USERS_CREATE, signUp("Other", "ADA@example.ORG", "UTC"))))
        .onComplete(ctx.succeeding(failure -> ctx.verify(() -> {
          assertFailure(failure, 400, Messages.EMAIL_ALREADY_REGISTERED);
          ctx.completeNow();
        })));
  }

  // ---- reading ----

  @Test
  @DisplayName("A user reads their own profile, and in open mode (no actor) anyone may")
  void getOwnAndOpen(VertxTestContext ctx) {
    newUser("ada@example.org")
        .compose(id -> Future.all(ask(Address.USERS_GET, byId(id, id)), ask(Address.USERS_GET, byId(id, null))))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          JsonObject own = both.resultAt(0);
          assertThat(own.getString(Fields.EMAIL)).isEqualTo("ada@example.org");
          assertThat((JsonObject) both.resultAt(1)).isEqualTo(own);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Reading a user that does not exist is a 404 User not found")
  void getMissing(VertxTestContext ctx) {
    refused(ask(Address.USERS_GET, byId(42, null)))
        .onComplete(ctx.succeeding(failure -> ctx.verify(() -> {
          assertFailure(failure, 404, Messages.USER_NOT_FOUND);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Another user's actor_id is refused with 403 on get, update, delete and token rotation")
  void othersAreForbidden(VertxTestContext ctx) {
    Future.all(newUser("ada@example.org"), newUser("bob@example.org"))
        .compose(ids -> {
          long ada = ids.resultAt(0);
          long bob = ids.resultAt(1);
          return Future.all(List.of(
              refused(ask(Address.USERS_GET, byId(ada, bob))),
              refused(ask(Address.USERS_UPDATE, profile(ada, bob, "Mallory", null))),
              refused(ask(Address.USERS_ROTATE_TOKEN, byId(ada, bob))),
              refused(ask(Address.USERS_DELETE, byId(ada, bob)))))
              .compose(failures -> ask(Address.USERS_GET, byId(ada, null)).map(user -> {
                for (int i = 0; i < 4; i++) {
                  assertFailure(failures.resultAt(i), 403, Messages.NOT_ENOUGH_PERMISSIONS);
                }
                return user;
              }));
        })
        .onComplete(ctx.succeeding(ada -> ctx.verify(() -> {
          assertThat(ada.getString(Fields.NAME)).as("not renamed by the forbidden update").isEqualTo("Ada");
          assertThat(sessionPurges).as("nothing purged by the forbidden delete").isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("A missing user is a 404 before any ownership check on update, delete and token rotation")
  void missingBeforeForbidden(VertxTestContext ctx) {
    Future.all(refused(ask(Address.USERS_UPDATE, profile(42, 7L, "X", null))),
            refused(ask(Address.USERS_DELETE, byId(42, 7L))),
            refused(ask(Address.USERS_ROTATE_TOKEN, byId(42, 7L))))
        .onComplete(ctx.succeeding(failures -> ctx.verify(() -> {
          for (int i = 0; i < 3; i++) {
            assertFailure(failures.resultAt(i), 404, Messages.USER_NOT_FOUND);
          }
          ctx.completeNow();
        })));
  }

  // ---- update ----

  @Test
  @DisplayName("An update changes only the fields it names and publishes user_updated")
  void partialUpdate(VertxTestContext ctx) {
    Checkpoint replied = ctx.checkpoint();
    Checkpoint published = ctx.checkpoint();
    onEvent(ctx, published, "user_updated", event -> {
      assertThat(event.getJsonObject(Fields.USER).getString(Fields.TIMEZONE)).isEqualTo("Asia/Kolkata");
      assertThat(event.getJsonObject(Fields.USER).getString(Fields.NAME)).isEqualTo("Ada");
    }).compose(bound -> newUser("ada@example.org"))
        .compose(id -> ask(Address.USERS_UPDATE, profile(id, id, null, "Asia/Kolkata")))
        .onComplete(ctx.succeeding(user -> ctx.verify(() -> {
          assertThat(user.getString(Fields.NAME)).isEqualTo("Ada");
          assertThat(user.getString(Fields.TIMEZONE)).isEqualTo("Asia/Kolkata");
          assertThat(user.getString(Fields.EMAIL)).isEqualTo("ada@example.org");
          replied.flag();
        })));
  }

  // ---- tokens ----

  @Test
  @DisplayName("Rotating the token revokes the old one (401), authenticates the new one, publishes token_revoked")
  void rotateToken(VertxTestContext ctx) {
    Checkpoint replied = ctx.checkpoint();
    Checkpoint published = ctx.checkpoint();
    onEvent(ctx, published, "token_revoked", event -> assertThat(event.getLong(Fields.USER_ID)).isEqualTo(1L))
        .compose(bound -> ask(Address.USERS_CREATE, signUp("Ada", "ada@example.org", "UTC").put(Fields.ISSUE_TOKEN, true)))
        .compose(user -> ask(Address.USERS_ROTATE_TOKEN, byId(user.getLong(Fields.ID), user.getLong(Fields.ID)))
            .compose(rotated -> Future.all(
                refused(ask(Address.USERS_AUTHENTICATE, tokenHash(user.getString(Fields.API_TOKEN)))),
                ask(Address.USERS_AUTHENTICATE, tokenHash(rotated.getString(Fields.API_TOKEN))))))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertFailure(both.resultAt(0), 401, Messages.NOT_AUTHENTICATED);
          assertThat(((JsonObject) both.resultAt(1)).getLong(Fields.USER_ID)).isEqualTo(1L);
          replied.flag();
        })));
  }

  @Test
  @DisplayName("An unknown token hash is a 401 Not authenticated")
  void unknownToken(VertxTestContext ctx) {
    refused(ask(Address.USERS_AUTHENTICATE, tokenHash("hf_nobody")))
        .onComplete(ctx.succeeding(failure -> ctx.verify(() -> {
          assertFailure(failure, 401, Messages.NOT_AUTHENTICATED);
          ctx.completeNow();
        })));
  }

  // ---- deletion ----

  @Test
  @DisplayName("Deleting a user removes it, publishes user_deleted and asks both other domains to purge it")
  void deleteAndPurge(VertxTestContext ctx) {
    Checkpoint replied = ctx.checkpoint();
    Checkpoint published = ctx.checkpoint();
    onEvent(ctx, published, "user_deleted", event -> assertThat(event.getLong(Fields.USER_ID)).isEqualTo(1L))
        .compose(bound -> newUser("ada@example.org"))
        .compose(id -> ask(Address.USERS_DELETE, byId(id, id))
            .compose(deleted -> refused(ask(Address.USERS_GET, byId(id, null)))))
        .onComplete(ctx.succeeding(failure -> ctx.verify(() -> {
          assertFailure(failure, 404, Messages.USER_NOT_FOUND);
          assertThat(sessionPurges).containsExactly(1L);
          assertThat(interruptionPurges).containsExactly(1L);
          replied.flag();
        })));
  }

  @Test
  @DisplayName("A deleted user's email can be registered again")
  void emailFreedByDeletion(VertxTestContext ctx) {
    newUser("ada@example.org")
        .compose(id -> ask(Address.USERS_DELETE, byId(id, id)))
        .compose(deleted -> newUser("ADA@example.org"))
        .onComplete(ctx.succeeding(id -> ctx.verify(() -> {
          assertThat(id).as("a new id, never the deleted one's").isEqualTo(2L);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("A deletion whose purge failed is finished at the next start, and only once")
  void interruptedDeletionRepairedAtStart(VertxTestContext ctx) {
    purgesSucceed = false;
    newUser("ada@example.org")
        .compose(id -> ask(Address.USERS_DELETE, byId(id, id)))
        .compose(deleted -> {
          ctx.verify(() -> assertThat(sessionPurges).as("asked once, failed").containsExactly(1L));
          purgesSucceed = true;
          return redeployUsers();
        })
        .compose(started -> {
          ctx.verify(() -> {
            assertThat(sessionPurges).as("asked again before the start completed").containsExactly(1L, 1L);
            assertThat(interruptionPurges).containsExactly(1L, 1L);
          });
          return redeployUsers();
        })
        .onComplete(ctx.succeeding(started -> ctx.verify(() -> {
          assertThat(sessionPurges).as("the tombstone was removed after the repair").containsExactly(1L, 1L);
          ctx.completeNow();
        })));
  }

  // ---- persistence ----

  @Test
  @DisplayName("Users, their profile changes and their tokens survive an undeploy and redeploy on the same file")
  void persists(VertxTestContext ctx) {
    ask(Address.USERS_CREATE, signUp("Ada", "ada@example.org", "UTC").put(Fields.ISSUE_TOKEN, true))
        .compose(user -> ask(Address.USERS_UPDATE, profile(user.getLong(Fields.ID), null, "Ada L.", null))
            .compose(updated -> redeployUsers())
            .compose(redeployed -> Future.all(
                ask(Address.USERS_GET, byId(user.getLong(Fields.ID), null)),
                ask(Address.USERS_AUTHENTICATE, tokenHash(user.getString(Fields.API_TOKEN))),
                refused(ask(Address.USERS_CREATE, signUp("Ada", "ada@example.org", "UTC"))))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          JsonObject user = all.resultAt(0);
          assertThat(user.getString(Fields.NAME)).isEqualTo("Ada L.");
          assertThat(user.getString(Fields.CREATED_AT)).isEqualTo("2026-11-23T10:00:00Z");
          assertThat(((JsonObject) all.resultAt(1)).getLong(Fields.USER_ID)).isEqualTo(1L);
          assertFailure(all.resultAt(2), 400, Messages.EMAIL_ALREADY_REGISTERED);
          ctx.completeNow();
        })));
  }
}
