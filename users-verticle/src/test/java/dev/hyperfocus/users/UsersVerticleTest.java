package dev.hyperfocus.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.ById;
import dev.hyperfocus.api.Empty;
import dev.hyperfocus.api.Endpoint;
import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.ForUser;
import dev.hyperfocus.api.InterruptionsApi;
import dev.hyperfocus.api.Messages;
import dev.hyperfocus.api.SessionsApi;
import dev.hyperfocus.api.Tokens;
import dev.hyperfocus.api.User;
import dev.hyperfocus.api.UsersApi;
import dev.hyperfocus.testing.VerticleHarness;
import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The users verticle alone, over its typed endpoints ({@link UsersApi}), on a real SQLite file.
 * The sessions and interruptions domains are stood in for by consumers of their {@code purge-user}
 * endpoints, which record what they were asked.
 *
 * <p>The ground it stands on (one Vert.x per class, clean deployments) is {@link VerticleHarness}.
 */
@Timeout(value = 5, timeUnit = TimeUnit.SECONDS)
class UsersVerticleTest extends VerticleHarness {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private String deployment;
  /** User ids the stand-in sessions and interruptions domains were asked to purge. */
  private final List<Long> sessionPurges = new CopyOnWriteArrayList<>();
  private final List<Long> interruptionPurges = new CopyOnWriteArrayList<>();
  /** Whether the stand-ins answer a purge (true) or fail it as an unavailable domain would. */
  private volatile boolean purgesSucceed = true;

  @BeforeEach
  void deploy(VertxTestContext ctx) {
    // Normally a no-op: the previous test's cleanup left nothing behind.
    undeployEverything()
        .compose(clean -> Future.all(standIn(SessionsApi.PURGE_USER, sessionPurges),
            standIn(InterruptionsApi.PURGE_USER, interruptionPurges)))
        .compose(bound -> deployUsers())
        .onComplete(ctx.succeedingThenComplete());
  }

  // ---- requests, through the endpoints the web edge uses ----

  private static UsersApi.Create signUp(String name, String email, String timezone) {
    return new UsersApi.Create(name, email, timezone, false);
  }

  private static UsersApi.Create signUpWithToken(String email) {
    return new UsersApi.Create("Ada", email, "UTC", true);
  }

  private static UsersApi.Authenticate tokenHash(String token) {
    return new UsersApi.Authenticate(Tokens.hash(token));
  }

  private static Future<Long> newUser(String email) {
    return UsersApi.CREATE.request(bus(), signUp("Ada", email, "Europe/Madrid")).map(created -> created.user().id());
  }

  // ---- deployment and stand-ins ----

  private Future<String> deployUsers() {
    return vertx.deployVerticle(new UsersVerticle(CLOCK), options())
        .onSuccess(id -> deployment = id);
  }

  private Future<String> redeployUsers() {
    Future<String> redeployed = vertx.undeploy(deployment).compose(undeployed -> deployUsers());
    redeploying(redeployed);
    return redeployed;
  }

  /** Another domain's purge endpoint, read and answered with that endpoint's own codecs. */
  private Future<Void> standIn(Endpoint<ForUser, Empty> purge, List<Long> asked) {
    MessageConsumer<Object> consumer = bus().consumer(purge.address(), message -> {
      asked.add(purge.request().decode(message.body()).userId());
      if (purgesSucceed) {
        message.reply(purge.reply().encode(Empty.INSTANCE));
      } else {
        message.fail(503, "stand-in domain unavailable");
      }
    });
    registered(consumer);
    return consumer.completion();
  }

  // ---- sign-up ----

  @Test
  @DisplayName("Sign-up answers the stored user and publishes user_created with the same row")
  void signUpAnswersAndPublishes(VertxTestContext ctx) {
    Checkpoint replied = ctx.checkpoint();
    Checkpoint published = ctx.checkpoint();
    onEvent(ctx, published, Address.USERS_EVENTS, "user_created", event -> {
      assertThat(event.getLong(Fields.USER_ID)).isEqualTo(1L);
      assertThat(event.getJsonObject(Fields.USER).getString(Fields.EMAIL)).isEqualTo("Ada@Example.org");
      assertThat(event.getJsonObject(Fields.USER).getString(Fields.CREATED_AT)).isEqualTo("2026-11-23T10:00:00Z");
    }).compose(bound -> UsersApi.CREATE.request(bus(), signUp("Ada", "Ada@Example.org", "Europe/Madrid")))
        .onComplete(ctx.succeeding(created -> ctx.verify(() -> {
          assertThat(created).isEqualTo(
              new UsersApi.Created(new User(1L, "Ada", "Ada@Example.org", "Europe/Madrid", NOW), null));
          replied.flag();
        })));
  }

  @Test
  @DisplayName("A sign-up that asks for a token gets one that authenticates as the new user")
  void issuedTokenAuthenticates(VertxTestContext ctx) {
    UsersApi.CREATE.request(bus(), signUpWithToken("ada@example.org"))
        .compose(created -> UsersApi.AUTHENTICATE.request(bus(), tokenHash(created.apiToken()))
            .map(auth -> new long[] {created.user().id(), auth.userId()}))
        .onComplete(ctx.succeeding(ids -> ctx.verify(() -> {
          assertThat(ids[1]).isEqualTo(ids[0]);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("A calendar key opens its user's feed until a new key replaces it; any other key is a 404")
  void calendarKeyIsRevokedByTheNext(VertxTestContext ctx) {
    long[] id = new long[1];
    String[] first = new String[1];
    newUser("ada@example.org")
        .compose(user -> {
          id[0] = user;
          return UsersApi.CALENDAR_KEY.request(bus(), new ById(user, user));
        })
        .compose(key -> {
          first[0] = key.key();
          return UsersApi.CALENDAR_USER.request(bus(), new UsersApi.CalendarUser(id[0], Tokens.hash(key.key())));
        })
        .compose(user -> {
          ctx.verify(() -> assertThat(user.id()).isEqualTo(id[0]));
          return refused(UsersApi.CALENDAR_USER.request(bus(), new UsersApi.CalendarUser(id[0], Tokens.hash("hfc_wrong"))));
        })
        .compose(wrong -> {
          ctx.verify(() -> assertFailure(wrong, 404, Messages.CALENDAR_NOT_FOUND));
          return UsersApi.CALENDAR_KEY.request(bus(), ById.of(id[0]));
        })
        .compose(second -> refused(UsersApi.CALENDAR_USER.request(bus(),
            new UsersApi.CalendarUser(id[0], Tokens.hash(first[0])))))
        .compose(revoked -> {
          ctx.verify(() -> assertFailure(revoked, 404, Messages.CALENDAR_NOT_FOUND));
          return refused(UsersApi.CALENDAR_KEY.request(bus(), new ById(id[0], id[0] + 1)));
        })
        .onComplete(ctx.succeeding(stranger -> ctx.verify(() -> {
          assertFailure(stranger, 403, Messages.NOT_ENOUGH_PERMISSIONS);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("A sign-up without issue_token carries no api_token")
  void noTokenUnlessAsked(VertxTestContext ctx) {
    UsersApi.CREATE.request(bus(), signUp("Ada", "ada@example.org", "UTC"))
        .onComplete(ctx.succeeding(created -> ctx.verify(() -> {
          assertThat(created.apiToken()).isNull();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("An email already registered, in any letter case, is a 400 Email already registered")
  void emailTakenIgnoringCase(VertxTestContext ctx) {
    newUser("ada@example.org")
        .compose(first -> refused(UsersApi.CREATE.request(bus(), signUp("Other", "ADA@example.ORG", "UTC"))))
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
        .compose(id -> Future.all(UsersApi.GET.request(bus(), new ById(id, id)), UsersApi.GET.request(bus(), ById.of(id))))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          User own = both.resultAt(0);
          assertThat(own.email()).isEqualTo("ada@example.org");
          assertThat((User) both.resultAt(1)).isEqualTo(own);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Reading a user that does not exist is a 404 User not found")
  void getMissing(VertxTestContext ctx) {
    refused(UsersApi.GET.request(bus(), ById.of(42)))
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
              refused(UsersApi.GET.request(bus(), new ById(ada, bob))),
              refused(UsersApi.UPDATE.request(bus(), new UsersApi.Update(ada, bob, "Mallory", null))),
              refused(UsersApi.ROTATE_TOKEN.request(bus(), new ById(ada, bob))),
              refused(UsersApi.DELETE.request(bus(), new ById(ada, bob)))))
              .compose(failures -> UsersApi.GET.request(bus(), ById.of(ada)).map(user -> {
                for (int i = 0; i < 4; i++) {
                  assertFailure(failures.resultAt(i), 403, Messages.NOT_ENOUGH_PERMISSIONS);
                }
                return user;
              }));
        })
        .onComplete(ctx.succeeding(ada -> ctx.verify(() -> {
          assertThat(ada.name()).as("not renamed by the forbidden update").isEqualTo("Ada");
          assertThat(sessionPurges).as("nothing purged by the forbidden delete").isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("A missing user is a 404 before any ownership check on update, delete and token rotation")
  void missingBeforeForbidden(VertxTestContext ctx) {
    Future.all(refused(UsersApi.UPDATE.request(bus(), new UsersApi.Update(42, 7L, "X", null))),
            refused(UsersApi.DELETE.request(bus(), new ById(42, 7L))),
            refused(UsersApi.ROTATE_TOKEN.request(bus(), new ById(42, 7L))))
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
    onEvent(ctx, published, Address.USERS_EVENTS, "user_updated", event -> {
      assertThat(event.getJsonObject(Fields.USER).getString(Fields.TIMEZONE)).isEqualTo("Asia/Kolkata");
      assertThat(event.getJsonObject(Fields.USER).getString(Fields.NAME)).isEqualTo("Ada");
    }).compose(bound -> newUser("ada@example.org"))
        .compose(id -> UsersApi.UPDATE.request(bus(), new UsersApi.Update(id, id, null, "Asia/Kolkata")))
        .onComplete(ctx.succeeding(user -> ctx.verify(() -> {
          assertThat(user).isEqualTo(new User(1L, "Ada", "ada@example.org", "Asia/Kolkata", NOW));
          replied.flag();
        })));
  }

  // ---- tokens ----

  @Test
  @DisplayName("Rotating the token revokes the old one (401), authenticates the new one, publishes token_revoked")
  void rotateToken(VertxTestContext ctx) {
    Checkpoint replied = ctx.checkpoint();
    Checkpoint published = ctx.checkpoint();
    onEvent(ctx, published, Address.USERS_EVENTS, "token_revoked", event -> assertThat(event.getLong(Fields.USER_ID)).isEqualTo(1L))
        .compose(bound -> UsersApi.CREATE.request(bus(), signUpWithToken("ada@example.org")))
        .compose(created -> {
          long id = created.user().id();
          return UsersApi.ROTATE_TOKEN.request(bus(), new ById(id, id))
              .compose(rotated -> Future.all(
                  refused(UsersApi.AUTHENTICATE.request(bus(), tokenHash(created.apiToken()))),
                  UsersApi.AUTHENTICATE.request(bus(), tokenHash(rotated.apiToken()))));
        })
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertFailure(both.resultAt(0), 401, Messages.NOT_AUTHENTICATED);
          assertThat((UsersApi.Authenticated) both.resultAt(1)).isEqualTo(new UsersApi.Authenticated(1L));
          replied.flag();
        })));
  }

  @Test
  @DisplayName("An unknown token hash is a 401 Not authenticated")
  void unknownToken(VertxTestContext ctx) {
    refused(UsersApi.AUTHENTICATE.request(bus(), tokenHash("hf_nobody")))
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
    onEvent(ctx, published, Address.USERS_EVENTS, "user_deleted", event -> assertThat(event.getLong(Fields.USER_ID)).isEqualTo(1L))
        .compose(bound -> newUser("ada@example.org"))
        .compose(id -> UsersApi.DELETE.request(bus(), new ById(id, id))
            .compose(deleted -> refused(UsersApi.GET.request(bus(), ById.of(id)))))
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
        .compose(id -> UsersApi.DELETE.request(bus(), new ById(id, id)))
        .compose(deleted -> newUser("ADA@example.org"))
        .onComplete(ctx.succeeding(id -> ctx.verify(() -> {
          assertThat(id).as("a new id, never the deleted one's").isEqualTo(2L);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("A deletion whose purge failed is a 503 and is finished at the next start, and only once")
  void interruptedDeletionRepairedAtStart(VertxTestContext ctx) {
    purgesSucceed = false;
    newUser("ada@example.org")
        .compose(id -> refused(UsersApi.DELETE.request(bus(), new ById(id, id))))
        .compose(failed -> {
          ctx.verify(() -> {
            assertFailure(failed, 503, Messages.DELETION_INCOMPLETE);
            assertThat(sessionPurges).as("asked once, failed").containsExactly(1L);
          });
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

  @Test
  @DisplayName("No 204 unless every domain purged: a failed purge is a 503, the user is gone for every use but a repeated DELETE, which finishes it")
  void deletionIsAllOrNothing(VertxTestContext ctx) {
    purgesSucceed = false;
    UsersApi.CREATE.request(bus(), signUpWithToken("ada@example.org"))
        .compose(created -> {
          long id = created.user().id();
          return refused(UsersApi.DELETE.request(bus(), new ById(id, id)))
              .compose(failed -> Future.all(List.of(
                  Future.succeededFuture(failed),
                  refused(UsersApi.GET.request(bus(), new ById(id, id))),
                  refused(UsersApi.UPDATE.request(bus(), new UsersApi.Update(id, id, "Zombie", null))),
                  refused(UsersApi.ROTATE_TOKEN.request(bus(), new ById(id, id))),
                  UsersApi.AUTHENTICATE.request(bus(), tokenHash(created.apiToken())))))
              .compose(all -> {
                ctx.verify(() -> {
                  assertFailure(all.resultAt(0), 503, Messages.DELETION_INCOMPLETE);
                  for (int i = 1; i < 4; i++) {
                    assertFailure(all.resultAt(i), 404, Messages.USER_NOT_FOUND);
                  }
                  assertThat((UsersApi.Authenticated) all.resultAt(4)).as("the token still serves the repeat")
                      .isEqualTo(new UsersApi.Authenticated(id));
                });
                purgesSucceed = true;
                return UsersApi.DELETE.request(bus(), new ById(id, id));
              })
              .compose(finished -> Future.all(
                  refused(UsersApi.DELETE.request(bus(), new ById(id, id))),
                  refused(UsersApi.AUTHENTICATE.request(bus(), tokenHash(created.apiToken())))));
        })
        .onComplete(ctx.succeeding(after -> ctx.verify(() -> {
          assertFailure(after.resultAt(0), 404, Messages.USER_NOT_FOUND);
          assertFailure(after.resultAt(1), 401, Messages.NOT_AUTHENTICATED);
          assertThat(sessionPurges).as("failed once, then finished by the repeated DELETE").containsExactly(1L, 1L);
          assertThat(interruptionPurges).containsExactly(1L, 1L);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("A repeated DELETE of a user whose deletion is unfinished is still refused to another actor")
  void unfinishedDeletionStillOwned(VertxTestContext ctx) {
    purgesSucceed = false;
    Future.all(newUser("ada@example.org"), newUser("bob@example.org"))
        .compose(ids -> {
          long ada = ids.resultAt(0);
          long bob = ids.resultAt(1);
          return refused(UsersApi.DELETE.request(bus(), new ById(ada, ada)))
              .compose(failed -> {
                purgesSucceed = true;
                return refused(UsersApi.DELETE.request(bus(), new ById(ada, bob)));
              });
        })
        .onComplete(ctx.succeeding(failure -> ctx.verify(() -> {
          assertFailure(failure, 403, Messages.NOT_ENOUGH_PERMISSIONS);
          assertThat(sessionPurges).as("only the failed attempt").containsExactly(1L);
          ctx.completeNow();
        })));
  }

  // ---- persistence ----

  @Test
  @DisplayName("Users, their profile changes and their tokens survive an undeploy and redeploy on the same file")
  void persists(VertxTestContext ctx) {
    UsersApi.CREATE.request(bus(), signUpWithToken("ada@example.org"))
        .compose(created -> UsersApi.UPDATE.request(bus(), new UsersApi.Update(created.user().id(), null, "Ada L.", null))
            .compose(updated -> redeployUsers())
            .compose(redeployed -> Future.all(
                UsersApi.GET.request(bus(), ById.of(created.user().id())),
                UsersApi.AUTHENTICATE.request(bus(), tokenHash(created.apiToken())),
                refused(UsersApi.CREATE.request(bus(), signUp("Ada", "ada@example.org", "UTC"))))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          User user = all.resultAt(0);
          assertThat(user.name()).isEqualTo("Ada L.");
          assertThat(user.createdAt()).isEqualTo(NOW);
          assertThat((UsersApi.Authenticated) all.resultAt(1)).isEqualTo(new UsersApi.Authenticated(1L));
          assertFailure(all.resultAt(2), 400, Messages.EMAIL_ALREADY_REGISTERED);
          ctx.completeNow();
        })));
  }
}
