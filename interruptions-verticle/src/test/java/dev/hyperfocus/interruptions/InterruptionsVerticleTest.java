package dev.hyperfocus.interruptions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.ById;
import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.ForUser;
import dev.hyperfocus.api.History;
import dev.hyperfocus.api.IdempotentKey;
import dev.hyperfocus.api.Interruption;
import dev.hyperfocus.api.InterruptionType;
import dev.hyperfocus.api.InterruptionsApi;
import dev.hyperfocus.api.KeyHeld;
import dev.hyperfocus.api.Messages;
import dev.hyperfocus.api.Page;
import dev.hyperfocus.api.Session;
import dev.hyperfocus.api.SessionsApi;
import dev.hyperfocus.api.UsersApi;
import dev.hyperfocus.sessions.SessionsVerticle;
import dev.hyperfocus.testing.VerticleHarness;
import dev.hyperfocus.users.UsersVerticle;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The interruptions verticle alone over its typed endpoints ({@link InterruptionsApi}), on a real SQLite file. The
 * sessions it checks against come from the real sessions verticle ({@code sessions.get} and
 * {@code sessions.events}), which asks the real users verticle; each has its own file in the same
 * temporary directory. Before each test: Ada (1, Europe/Madrid) with an ended session 1 from 08:00
 * to 09:00 and an active session 2 from 09:30; Bob (2) with an active session 3 from 09:00; now is 10:00.
 * The ground it stands on (one Vert.x per class, clean deployments) is {@link VerticleHarness}.
 */
@Timeout(value = 5, timeUnit = TimeUnit.SECONDS)
class InterruptionsVerticleTest extends VerticleHarness {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final long ADA = 1;
  private static final long BOB = 2;
  private static final long ADAS_ENDED = 1;
  private static final long ADAS_ACTIVE = 2;
  private static final long BOBS_ACTIVE = 3;

  private String deployment;

  @BeforeEach
  void deploy(VertxTestContext ctx) {
    // Normally a no-op: the previous test's cleanup left nothing behind.
    undeployEverything()
        .compose(clean -> vertx.deployVerticle(new UsersVerticle(CLOCK), options()))
        .compose(users -> vertx.deployVerticle(new SessionsVerticle(CLOCK), options()))
        .compose(sessions -> deployInterruptions())
        .compose(deployed -> user("ada@example.org", "Europe/Madrid"))
        .compose(ada -> user("bob@example.org", "UTC"))
        .compose(bob -> session(ADA, "2026-11-23T08:00:00Z", "2026-11-23T09:00:00Z"))
        .compose(ended -> session(ADA, "2026-11-23T09:30:00Z", null))
        .compose(active -> session(BOB, "2026-11-23T09:00:00Z", null))
        .onComplete(ctx.succeedingThenComplete());
  }

  // ---- requests, through the endpoints the web edge uses ----

  private static InterruptionsApi.Log logOf(long sessionId, long userId, Long actor, String start, String end) {
    return new InterruptionsApi.Log(actor, sessionId, userId, InterruptionType.PHONE, "a call",
        Instant.parse(start), Instant.parse(end));
  }

  private static InterruptionsApi.OfSession ofSession(long sessionId, Long actor) {
    return new InterruptionsApi.OfSession(sessionId, actor);
  }

  private static Future<Interruption> log(InterruptionsApi.Log request) {
    return InterruptionsApi.LOG.request(bus(), request);
  }

  private static Future<Interruption> log(long sessionId, long userId, String start, String end) {
    return log(logOf(sessionId, userId, userId, start, end));
  }

  private static Future<Page> list(long sessionId, Long actor) {
    return InterruptionsApi.LIST.request(bus(), ofSession(sessionId, actor));
  }

  private static Future<Page> history(long userId, long afterId, int limit) {
    return InterruptionsApi.HISTORY.request(bus(), new History(userId, afterId, limit));
  }

  // ---- the other domains, for real ----

  private static Future<UsersApi.Created> user(String email, String timezone) {
    return UsersApi.CREATE.request(bus(), new UsersApi.Create("Ada", email, timezone, false));
  }

  private static Future<Session> session(long userId, String start, String end) {
    return SessionsApi.START.request(bus(), new SessionsApi.Start(userId, null, Instant.parse(start), null))
        .compose(started -> end == null ? Future.succeededFuture(started) : endSession(started.id(), end));
  }

  private static Future<Session> endSession(long id, String end) {
    return SessionsApi.END.request(bus(), new SessionsApi.End(id, null, Instant.parse(end)));
  }

  // ---- deployment and helpers ----

  private Future<String> deployInterruptions() {
    return vertx.deployVerticle(new InterruptionsVerticle(CLOCK), options()).onSuccess(id -> deployment = id);
  }

  /** A fresh interruptions verticle on the same file: its copy of the sessions starts empty. */
  private Future<String> redeployInterruptions() {
    Future<String> redeployed = vertx.undeploy(deployment).compose(undeployed -> deployInterruptions());
    redeploying(redeployed);
    return redeployed;
  }

  private static List<Long> ids(Page page) {
    return page.rows(Interruption::fromJson).stream().map(Interruption::id).toList();
  }

  // ---- log ----

  @Test
  @DisplayName("Logging answers the stored interruption with its whole-second duration and publishes interruption_logged with the session's zone")
  void logAnswersAndPublishes(VertxTestContext ctx) {
    Checkpoint replied = ctx.checkpoint();
    Checkpoint published = ctx.checkpoint();
    onEvent(ctx, published, Address.INTERRUPTIONS_EVENTS, "interruption_logged", event -> {
      assertThat(event.getLong(Fields.USER_ID)).isEqualTo(ADA);
      assertThat(event.getString(Fields.TIMEZONE)).isEqualTo("Europe/Madrid");
      assertThat(event.getJsonObject(Fields.INTERRUPTION).getLong(Fields.DURATION)).isEqualTo(150L);
    }).compose(bound -> log(ADAS_ACTIVE, ADA, "2026-11-23T09:40:00Z", "2026-11-23T09:42:30.900Z"))
        .onComplete(ctx.succeeding(interruption -> ctx.verify(() -> {
          assertThat(interruption).isEqualTo(new Interruption(1L, ADAS_ACTIVE, ADA, InterruptionType.PHONE, "a call",
              Instant.parse("2026-11-23T09:40:00Z"), Instant.parse("2026-11-23T09:42:30.900Z"), 150L, NOW));
          replied.flag();
        })));
  }

  @Test
  @DisplayName("Logging into a session that does not exist is a 404 Session not found")
  void logIntoMissingSession(VertxTestContext ctx) {
    refused(log(42, ADA, "2026-11-23T09:40:00Z", "2026-11-23T09:41:00Z"))
        .onComplete(ctx.succeeding(failure -> ctx.verify(() -> {
          assertFailure(failure, 404, Messages.SESSION_NOT_FOUND);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Logging into or listing another user's session is a 403, whether its session is already known or must be asked")
  void othersAreForbidden(VertxTestContext ctx) {
    InterruptionsApi.Log intoAdas = logOf(ADAS_ACTIVE, ADA, BOB, "2026-11-23T09:40:00Z", "2026-11-23T09:41:00Z");
    Future.all(refused(log(intoAdas)),
            refused(list(ADAS_ACTIVE, BOB)))
        .compose(known -> redeployInterruptions().compose(fresh -> Future.all(
                refused(log(intoAdas)),
                refused(list(ADAS_ENDED, BOB))))
            .map(asked -> List.of(known, asked)))
        .compose(both -> list(ADAS_ACTIVE, ADA).map(list -> {
          both.forEach(failures -> {
            assertFailure(failures.resultAt(0), 403, Messages.NOT_ENOUGH_PERMISSIONS);
            assertFailure(failures.resultAt(1), 403, Messages.NOT_ENOUGH_PERMISSIONS);
          });
          return list;
        }))
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertThat(ids(list)).as("nothing logged by the forbidden requests").isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("A user_id other than the session's is a 400 Interruption user_id does not match session user_id")
  void userMismatch(VertxTestContext ctx) {
    refused(log(logOf(BOBS_ACTIVE, ADA, null, "2026-11-23T09:40:00Z", "2026-11-23T09:41:00Z")))
        .onComplete(ctx.succeeding(failure -> ctx.verify(() -> {
          assertFailure(failure, 400, Messages.INTERRUPTION_USER_MISMATCH);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("A start more than 5 s ahead or an end more than 24 h ahead is a 422 naming the field; a planned end within 24 h is accepted")
  void timeRuleOne(VertxTestContext ctx) {
    Future.all(
            refused(log(ADAS_ACTIVE, ADA, "2026-11-23T10:00:06Z", "2026-11-23T10:30:00Z")),
            refused(log(ADAS_ACTIVE, ADA, "2026-11-23T09:50:00Z", "2026-11-24T10:00:00.001Z")),
            log(BOBS_ACTIVE, BOB, "2026-11-23T09:59:00Z", "2026-11-24T10:00:00Z"))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertInvalid(all.resultAt(0), Fields.START_TIME, Messages.TIME_IN_FUTURE);
          assertInvalid(all.resultAt(1), Fields.END_TIME, Messages.END_TOO_FAR_AHEAD);
          assertThat(((Interruption) all.resultAt(2)).duration()).isEqualTo(86_460L);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("An interruption outside its session's span is a 422; touching an edge is outside, and late logging into an ended session is accepted")
  void mustOverlapSession(VertxTestContext ctx) {
    Future.all(
            refused(log(ADAS_ENDED, ADA, "2026-11-23T09:00:00Z", "2026-11-23T09:10:00Z")),
            refused(log(ADAS_ENDED, ADA, "2026-11-23T07:50:00Z", "2026-11-23T08:00:00Z")),
            log(ADAS_ENDED, ADA, "2026-11-23T08:55:00Z", "2026-11-23T09:05:00Z"))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertInvalid(all.resultAt(0), Fields.START_TIME, Messages.INTERRUPTION_MUST_OVERLAP);
          assertInvalid(all.resultAt(1), Fields.START_TIME, Messages.INTERRUPTION_MUST_OVERLAP);
          assertThat(((Interruption) all.resultAt(2)).duration()).as("stored as sent").isEqualTo(600L);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("The span of a session follows sessions.events: once it ends, a later interruption no longer overlaps it")
  void sessionCopyFollowsEvents(VertxTestContext ctx) {
    log(ADAS_ACTIVE, ADA, "2026-11-23T09:40:00Z", "2026-11-23T09:41:00Z")
        .compose(known -> endSession(ADAS_ACTIVE, "2026-11-23T09:45:00Z"))
        .compose(ended -> refused(log(ADAS_ACTIVE, ADA, "2026-11-23T09:50:00Z", "2026-11-23T09:51:00Z")))
        .onComplete(ctx.succeeding(failure -> ctx.verify(() -> {
          assertInvalid(failure, Fields.START_TIME, Messages.INTERRUPTION_MUST_OVERLAP);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("An interruption overlapping another of its session is a 409 naming it; back to back, or in another session, is accepted")
  void overlappingInterruptions(VertxTestContext ctx) {
    log(ADAS_ACTIVE, ADA, "2026-11-23T09:40:00Z", "2026-11-23T09:45:00Z")
        .compose(first -> Future.all(List.of(
            refused(log(ADAS_ACTIVE, ADA, "2026-11-23T09:44:59Z", "2026-11-23T09:50:00Z")),
            refused(log(ADAS_ACTIVE, ADA, "2026-11-23T09:41:00Z", "2026-11-23T09:50:00Z")),
            log(ADAS_ACTIVE, ADA, "2026-11-23T09:45:00Z", "2026-11-23T09:46:00Z"),
            log(ADAS_ACTIVE, ADA, "2026-11-23T09:39:00Z", "2026-11-23T09:40:00Z"),
            log(BOBS_ACTIVE, BOB, "2026-11-23T09:40:00Z", "2026-11-23T09:45:00Z"))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertFailure(all.resultAt(0), 409, Messages.interruptionOverlaps(1));
          assertFailure(all.resultAt(1), 409, Messages.interruptionOverlaps(1));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Of concurrent overlapping logs into one session exactly one is stored, the others are 409")
  void concurrentOverlaps(VertxTestContext ctx) {
    List<Future<Interruption>> logs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      logs.add(log(ADAS_ACTIVE, ADA, "2026-11-23T09:40:0" + i + "Z", "2026-11-23T09:45:00Z"));
    }
    Future.join(logs).transform(joined -> list(ADAS_ACTIVE, ADA))
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertThat(logs).filteredOn(Future::succeeded).hasSize(1);
          assertThat(logs).filteredOn(Future::failed)
              .allSatisfy(failed -> assertThat(((ReplyException) failed.cause()).failureCode()).isEqualTo(409));
          assertThat(ids(list)).hasSize(1);
          ctx.completeNow();
        })));
  }

  // ---- list, delete, history, purge ----

  @Test
  @DisplayName("A session's interruptions are listed by start time; an unknown session is a 404")
  void listBySession(VertxTestContext ctx) {
    log(ADAS_ACTIVE, ADA, "2026-11-23T09:50:00Z", "2026-11-23T09:51:00Z")
        .compose(first -> log(ADAS_ACTIVE, ADA, "2026-11-23T09:35:00Z", "2026-11-23T09:36:00Z"))
        .compose(second -> log(ADAS_ENDED, ADA, "2026-11-23T08:10:00Z", "2026-11-23T08:11:00Z"))
        .compose(other -> Future.all(list(ADAS_ACTIVE, ADA),
            refused(list(42, ADA))))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          Page list = both.resultAt(0);
          assertThat(ids(list)).containsExactly(2L, 1L);
          assertThat(list.total()).isEqualTo(2L);
          assertFailure(both.resultAt(1), 404, Messages.SESSION_NOT_FOUND);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Deleting an interruption removes it, frees its interval and publishes interruption_deleted")
  void deleteInterruption(VertxTestContext ctx) {
    Checkpoint replied = ctx.checkpoint();
    Checkpoint published = ctx.checkpoint();
    onEvent(ctx, published, Address.INTERRUPTIONS_EVENTS, "interruption_deleted", event -> {
      assertThat(event.getJsonObject(Fields.INTERRUPTION).getLong(Fields.ID)).isEqualTo(1L);
      assertThat(event.getString(Fields.TIMEZONE)).isEqualTo("Europe/Madrid");
    }).compose(bound -> log(ADAS_ACTIVE, ADA, "2026-11-23T09:40:00Z", "2026-11-23T09:45:00Z"))
        .compose(logged -> InterruptionsApi.DELETE.request(bus(), new ById(1, ADA)))
        .compose(deleted -> log(ADAS_ACTIVE, ADA, "2026-11-23T09:40:00Z", "2026-11-23T09:45:00Z"))
        .compose(again -> list(ADAS_ACTIVE, ADA))
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertThat(ids(list)).containsExactly(2L);
          replied.flag();
        })));
  }

  @Test
  @DisplayName("Deleting an unknown interruption is a 404, another user's a 403 that deletes nothing")
  void deleteFailures(VertxTestContext ctx) {
    log(ADAS_ACTIVE, ADA, "2026-11-23T09:40:00Z", "2026-11-23T09:45:00Z")
        .compose(logged -> Future.all(refused(InterruptionsApi.DELETE.request(bus(), new ById(42, ADA))),
            refused(InterruptionsApi.DELETE.request(bus(), new ById(1, BOB)))))
        .compose(failures -> list(ADAS_ACTIVE, ADA).map(list -> {
          assertFailure(failures.resultAt(0), 404, Messages.INTERRUPTION_NOT_FOUND);
          assertFailure(failures.resultAt(1), 403, Messages.NOT_ENOUGH_PERMISSIONS);
          return list;
        }))
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertThat(ids(list)).containsExactly(1L);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("History pages a user's interruptions by id, each with its session's zone, and no one else's")
  void historyPages(VertxTestContext ctx) {
    log(ADAS_ENDED, ADA, "2026-11-23T08:10:00Z", "2026-11-23T08:11:00Z")
        .compose(i -> log(BOBS_ACTIVE, BOB, "2026-11-23T09:10:00Z", "2026-11-23T09:11:00Z"))
        .compose(i -> log(ADAS_ACTIVE, ADA, "2026-11-23T09:40:00Z", "2026-11-23T09:41:00Z"))
        .compose(i -> log(ADAS_ACTIVE, ADA, "2026-11-23T09:50:00Z", "2026-11-23T09:51:00Z"))
        .compose(i -> Future.all(history(ADA, 0, 2),
            history(ADA, 3, 2)))
        .onComplete(ctx.succeeding(pages -> ctx.verify(() -> {
          Page first = pages.resultAt(0);
          assertThat(ids(first)).containsExactly(1L, 3L);
          // the zone travels beside the row's own fields (Interruption has none): read from the wire form
          assertThat(first.items().getJsonObject(0).getString(Fields.TIMEZONE)).isEqualTo("Europe/Madrid");
          assertThat(ids(pages.resultAt(1))).containsExactly(4L);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Purging a user deletes their interruptions only")
  void purgeUser(VertxTestContext ctx) {
    log(ADAS_ACTIVE, ADA, "2026-11-23T09:40:00Z", "2026-11-23T09:41:00Z")
        .compose(i -> log(BOBS_ACTIVE, BOB, "2026-11-23T09:40:00Z", "2026-11-23T09:41:00Z"))
        .compose(i -> InterruptionsApi.PURGE_USER.request(bus(), new ForUser(ADA)))
        .compose(purged -> Future.all(history(ADA, 0, 10),
            history(BOB, 0, 10)))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertThat(ids(both.resultAt(0))).isEmpty();
          assertThat(ids(both.resultAt(1))).containsExactly(2L);
          ctx.completeNow();
        })));
  }

  // ---- persistence ----

  @Test
  @DisplayName("Interruptions survive an undeploy and redeploy on the same file and still block an overlapping log")
  void persists(VertxTestContext ctx) {
    log(ADAS_ACTIVE, ADA, "2026-11-23T09:40:00Z", "2026-11-23T09:45:00Z")
        .compose(logged -> redeployInterruptions())
        .compose(fresh -> Future.all(list(ADAS_ACTIVE, ADA),
            refused(log(ADAS_ACTIVE, ADA, "2026-11-23T09:42:00Z", "2026-11-23T09:43:00Z"))))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          Page list = both.resultAt(0);
          assertThat(ids(list)).containsExactly(1L);
          assertThat(list.rows(Interruption::fromJson).get(0).endTime()).isEqualTo(Instant.parse("2026-11-23T09:45:00Z"));
          assertFailure(both.resultAt(1), 409, Messages.interruptionOverlaps(1));
          ctx.completeNow();
        })));
  }

  // ---- deletion racing a log ----

  @Test
  @DisplayName("A log whose session check passed just before the user's purge writes nothing: 404, no orphan row")
  void logRacingDeletionLeavesNothing(VertxTestContext ctx) {
    // a fresh verticle asks sessions.get; the sessions domain answers only after this domain purged Ada
    redeployInterruptions()
        .compose(redeployed -> {
          beforeFirstDelivery(SessionsApi.GET.address(),
              () -> InterruptionsApi.PURGE_USER.request(bus(), new ForUser(ADA)));
          return refused(log(ADAS_ACTIVE, ADA, "2026-11-23T09:40:00Z", "2026-11-23T09:45:00Z"));
        })
        .compose(failure -> history(ADA, 0, 100).map(rows -> {
          assertFailure(failure, 404, Messages.SESSION_NOT_FOUND);
          assertThat(ids(rows)).as("no interruption of the deleted user survives").isEmpty();
          return rows;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  // ---- Idempotency-Key: responses kept in this domain's store ----

  private static final String KEY_START = "2026-11-23T09:40:00Z";
  private static final String KEY_END = "2026-11-23T09:45:00Z";

  private static IdempotentKey key(String key, String fingerprint) {
    return new IdempotentKey(Fields.userScope(ADA), key, fingerprint, 201);
  }

  private static InterruptionsApi.Log keyed(String start, String end, IdempotentKey key) {
    return new InterruptionsApi.Log(ADA, ADAS_ACTIVE, ADA, InterruptionType.PHONE, "a call",
        Instant.parse(start), Instant.parse(end), key);
  }

  /** The raw reply, headers and all: a replay is the kept HTTP body with its status in a header. */
  private static Future<Message<Object>> send(InterruptionsApi.Log request) {
    return bus().request(Address.INTERRUPTIONS_LOG, InterruptionsApi.LOG.request().encode(request));
  }

  private static void assertReplay(Message<Object> reply, int status, String body) {
    assertThat(reply.headers().get(IdempotentKey.REPLAYED_STATUS)).isEqualTo(Integer.toString(status));
    assertThat(((Buffer) reply.body()).toString(StandardCharsets.UTF_8)).isEqualTo(body);
  }

  @Test
  @DisplayName("A keyed log whose answer never reached the edge (the node went down after the commit) is replayed with its 201, not refused as an overlap")
  void keptResponseSurvivesACrashBeforeTheAnswer(VertxTestContext ctx) {
    IdempotentKey key = key("phone-1", "fp-1");
    String[] first = new String[1];
    log(keyed(KEY_START, KEY_END, key))
        .compose(logged -> {
          first[0] = logged.toJson().encode();
          // the edge never answered nor told anyone: only the domain's own file knows the key
          return redeployInterruptions();
        })
        .compose(fresh -> send(keyed(KEY_START, KEY_END, key)))
        .compose(replayed -> list(ADAS_ACTIVE, ADA).map(list -> {
          ctx.verify(() -> {
            assertReplay(replayed, 201, first[0]);
            assertThat(ids(list)).containsExactly(1L);
          });
          return list;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("A held key with another request is a 422 that writes nothing; another user's same key runs")
  void reusedKeyIsRefused(VertxTestContext ctx) {
    log(keyed(KEY_START, KEY_END, key("k", "fp-1")))
        .compose(logged -> refused(log(keyed("2026-11-23T09:50:00Z", "2026-11-23T09:51:00Z", key("k", "fp-2")))))
        .compose(reused -> {
          ctx.verify(() -> assertFailure(reused, 422, Messages.IDEMPOTENCY_KEY_REUSED));
          return send(new InterruptionsApi.Log(BOB, BOBS_ACTIVE, BOB, InterruptionType.PHONE, "a call",
              Instant.parse(KEY_START), Instant.parse(KEY_END), new IdempotentKey(Fields.userScope(BOB), "k", "fp-1", 201)));
        })
        .compose(bobs -> {
          ctx.verify(() -> assertThat(bobs.headers().get(IdempotentKey.REPLAYED_STATUS)).isNull());
          return list(ADAS_ACTIVE, ADA);
        })
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertThat(ids(list)).containsExactly(1L);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("A keyed 4xx is kept and replayed even after its cause went away")
  void keptFailureIsReplayed(VertxTestContext ctx) {
    IdempotentKey key = key("overlap", "fp-o");
    log(ADAS_ACTIVE, ADA, KEY_START, KEY_END)
        .compose(blocking -> refused(log(keyed("2026-11-23T09:42:00Z", "2026-11-23T09:43:00Z", key))))
        .compose(refusal -> {
          ctx.verify(() -> assertFailure(refusal, 409, Messages.interruptionOverlaps(1)));
          return InterruptionsApi.DELETE.request(bus(), new ById(1, ADA));
        })
        .compose(deleted -> send(keyed("2026-11-23T09:42:00Z", "2026-11-23T09:43:00Z", key)))
        .compose(replayed -> {
          ctx.verify(() -> assertReplay(replayed, 409,
              new JsonObject().put(Fields.DETAIL, Messages.interruptionOverlaps(1)).encode()));
          return list(ADAS_ACTIVE, ADA);
        })
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertThat(ids(list)).isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Concurrent duplicates of a keyed log write once: one answer, the others replay it")
  void concurrentDuplicatesWriteOnce(VertxTestContext ctx) {
    IdempotentKey key = key("dup", "fp-d");
    List<Future<Message<Object>>> sent = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sent.add(send(keyed(KEY_START, KEY_END, key)));
    }
    Future.all(sent).compose(all -> list(ADAS_ACTIVE, ADA)).onComplete(ctx.succeeding(list -> ctx.verify(() -> {
      assertThat(ids(list)).containsExactly(1L);
      String logged = list.items().getJsonObject(0).encode();
      assertThat(sent.stream().filter(f -> f.result().headers().get(IdempotentKey.REPLAYED_STATUS) == null)).hasSize(1);
      assertThat(sent).allSatisfy(f -> assertThat(f.result().body() instanceof Buffer buffer
          ? buffer.toString(StandardCharsets.UTF_8) : ((JsonObject) f.result().body()).encode()).isEqualTo(logged));
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("key-held answers whether a response is kept for (scope, key), whatever the request")
  void keyHeldAnswersFromTheKeptResponses(VertxTestContext ctx) {
    log(keyed(KEY_START, KEY_END, key("held", "fp-h")))
        .compose(logged -> Future.all(
            InterruptionsApi.KEY_HELD.request(bus(), new KeyHeld(Fields.userScope(ADA), "held")),
            InterruptionsApi.KEY_HELD.request(bus(), new KeyHeld(Fields.userScope(ADA), "other")),
            InterruptionsApi.KEY_HELD.request(bus(), new KeyHeld(Fields.userScope(BOB), "held"))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(all.<KeyHeld.Answer>resultAt(0).held()).isTrue();
          assertThat(all.<KeyHeld.Answer>resultAt(1).held()).isFalse();
          assertThat(all.<KeyHeld.Answer>resultAt(2).held()).isFalse();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Purging a user forgets their kept responses: the same key is not replayed, and the deleted user's refusal is not kept either")
  void purgeForgetsKeys(VertxTestContext ctx) {
    IdempotentKey key = key("gone", "fp-g");
    log(keyed(KEY_START, KEY_END, key))
        .compose(logged -> InterruptionsApi.PURGE_USER.request(bus(), new ForUser(ADA)))
        // a kept 201 (or a kept 404) would come back as a replay, not as a failure
        .compose(purged -> refused(send(keyed(KEY_START, KEY_END, key))))
        .compose(first -> refused(send(keyed(KEY_START, KEY_END, key))).map(second -> List.of(first, second)))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertThat(both).allSatisfy(failure -> assertFailure(failure, 404, Messages.SESSION_NOT_FOUND));
          ctx.completeNow();
        })));
  }
}
