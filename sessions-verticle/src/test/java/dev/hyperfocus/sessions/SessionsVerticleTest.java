package dev.hyperfocus.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.ById;
import dev.hyperfocus.api.Change;
import dev.hyperfocus.api.Events;
import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.ForUser;
import dev.hyperfocus.api.History;
import dev.hyperfocus.api.Imports;
import dev.hyperfocus.api.IdempotentKey;
import dev.hyperfocus.api.Messages;
import dev.hyperfocus.api.Page;
import dev.hyperfocus.api.Session;
import dev.hyperfocus.api.SessionsApi;
import dev.hyperfocus.api.UsersApi;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The sessions verticle alone over its typed endpoints ({@link SessionsApi}), on a real SQLite
 * file. The users domain it asks ({@code users.get}) is the real users verticle, on its own file in
 * the same temporary directory.
 * The ground it stands on (one Vert.x per class, clean deployments) is {@link VerticleHarness}.
 */
@Timeout(value = 5, timeUnit = TimeUnit.SECONDS)
class SessionsVerticleTest extends VerticleHarness {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private String deployment;

  @BeforeEach
  void deploy(VertxTestContext ctx) {
    // Normally a no-op: the previous test's cleanup left nothing behind.
    undeployEverything()
        .compose(clean -> vertx.deployVerticle(new UsersVerticle(CLOCK), options()))
        .compose(users -> deploySessions())
        .onComplete(ctx.succeedingThenComplete());
  }

  // ---- requests, through the endpoints the web edge uses ----

  private static SessionsApi.Start startOf(long userId, Long actor, Instant start, String timezone) {
    return new SessionsApi.Start(userId, actor, start, timezone);
  }

  private static SessionsApi.End endOf(long id, Long actor, Instant end) {
    return new SessionsApi.End(id, actor, end);
  }

  private static SessionsApi.ListOfUser listOf(long userId, Long actor, String day, int limit, long offset) {
    return new SessionsApi.ListOfUser(userId, actor, day == null ? null : LocalDate.parse(day), limit, offset);
  }

  private static Future<Session> get(long id, Long actor) {
    return SessionsApi.GET.request(bus(), new ById(id, actor));
  }

  /** A user of the real users domain, in {@code timezone}; its id. */
  private static Future<Long> newUser(String email, String timezone) {
    return UsersApi.CREATE.request(bus(), new UsersApi.Create("Ada", email, timezone, false))
        .map(created -> created.user().id());
  }

  /** A session from {@code start} to {@code end} (active when null); its id. */
  private static Future<Long> session(long userId, String start, String end) {
    return SessionsApi.START.request(bus(), startOf(userId, null, Instant.parse(start), null))
        .compose(started -> end == null ? Future.succeededFuture(started)
            : SessionsApi.END.request(bus(), endOf(started.id(), null, Instant.parse(end))))
        .map(Session::id);
  }

  // ---- deployment and helpers ----

  private Future<String> deploySessions() {
    return vertx.deployVerticle(new SessionsVerticle(CLOCK), options()).onSuccess(id -> deployment = id);
  }

  private Future<String> redeploySessions() {
    Future<String> redeployed = vertx.undeploy(deployment).compose(undeployed -> deploySessions());
    redeploying(redeployed);
    return redeployed;
  }

  private static List<Long> ids(Page page) {
    return page.rows(Session::fromJson).stream().map(Session::id).toList();
  }

  // ---- import ----

  private static Imports.SessionRow imported(String label, String start, String end) {
    return new Imports.SessionRow(label, Instant.parse(start), Instant.parse(end), "Europe/Berlin");
  }

  @Test
  @DisplayName("An import reserves ids and is written under them beside an active session; a 409 names the row overlapping a stored one")
  void importRules(VertxTestContext ctx) {
    long[] user = new long[1];
    List<Imports.SessionRow> rows = List.of(imported("row 2", "2026-11-01T08:00:00Z", "2026-11-01T09:00:00Z"),
        imported("row 3", "2026-11-02T08:00:00Z", "2026-11-02T09:00:00Z"));
    newUser("ada@example.org", "UTC")
        .compose(id -> {
          user[0] = id;
          return session(id, "2026-11-02T08:30:00Z", "2026-11-02T08:45:00Z");
        })
        .compose(stored -> refused(SessionsApi.IMPORT_CHECK.request(bus(), Imports.Sessions.of(user[0], user[0], false, rows))))
        .compose(overlap -> {
          ctx.verify(() -> assertThat(overlap.failureCode()).isEqualTo(409));
          ctx.verify(() -> assertThat(overlap.getMessage()).startsWith("row 3: overlaps session 1"));
          return session(user[0], "2026-11-20T08:00:00Z", null);
        })
        .compose(active -> SessionsApi.IMPORT_CHECK.request(bus(), Imports.Sessions.of(user[0], user[0], true, rows.subList(0, 1))))
        .compose(dry -> {
          ctx.verify(() -> assertThat(dry.ids()).isEmpty());
          return SessionsApi.IMPORT_CHECK.request(bus(), Imports.Sessions.of(user[0], user[0], false, rows.subList(0, 1)));
        })
        .compose(reserved -> {
          // ids 1 and 2 are the stored sessions
          ctx.verify(() -> assertThat(reserved.ids()).containsExactly(3L));
          return SessionsApi.IMPORT.request(bus(), Imports.Sessions.withIds(user[0], user[0], rows.subList(0, 1),
              reserved.ids())).compose(written -> get(3, null));
        })
        .onComplete(ctx.succeeding(session -> ctx.verify(() -> {
          assertThat(session.endTime()).isEqualTo(Instant.parse("2026-11-01T09:00:00Z"));
          assertThat(session.userId()).isEqualTo(user[0]);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Writing an import checks the stored sessions again: one started meanwhile makes it a 409, nothing written")
  void importRechecksOnWrite(VertxTestContext ctx) {
    long[] user = new long[1];
    List<Imports.SessionRow> rows = List.of(imported("row 2", "2026-11-01T08:00:00Z", "2026-11-01T09:00:00Z"));
    newUser("ada@example.org", "UTC")
        .compose(id -> {
          user[0] = id;
          return SessionsApi.IMPORT_CHECK.request(bus(), Imports.Sessions.of(id, id, false, rows));
        })
        .compose(reserved -> session(user[0], "2026-11-01T08:30:00Z", null)
            .compose(live -> refused(SessionsApi.IMPORT.request(bus(),
                Imports.Sessions.withIds(user[0], user[0], rows, reserved.ids()))))
            .compose(refused -> {
              ctx.verify(() -> assertThat(refused.failureCode()).isEqualTo(409));
              return refused(get(reserved.ids().get(0), null));
            }))
        .onComplete(ctx.succeeding(gone -> ctx.verify(() -> {
          assertFailure(gone, 404, Messages.SESSION_NOT_FOUND);
          ctx.completeNow();
        })));
  }

  // ---- start ----

  @Test
  @DisplayName("A start without times begins now in the user's time zone and publishes session_started")
  void startDefaults(VertxTestContext ctx) {
    Checkpoint replied = ctx.checkpoint();
    Checkpoint published = ctx.checkpoint();
    onEvent(ctx, published, Address.SESSIONS_EVENTS, "session_started", event -> {
      assertThat(event.getLong(Fields.USER_ID)).isEqualTo(1L);
      assertThat(event.getJsonObject(Fields.SESSION).getString(Fields.START_TIME)).isEqualTo("2026-11-23T10:00:00Z");
    }).compose(bound -> newUser("ada@example.org", "Europe/Madrid"))
        .compose(user -> SessionsApi.START.request(bus(), startOf(user, user, null, null)))
        .onComplete(ctx.succeeding(session -> ctx.verify(() -> {
          assertThat(session).isEqualTo(new Session(1L, 1L, NOW, null, "Europe/Madrid", NOW));
          replied.flag();
        })));
  }

  @Test
  @DisplayName("A start may name its own start_time and time zone")
  void startWithTimeAndZone(VertxTestContext ctx) {
    newUser("ada@example.org", "Europe/Madrid")
        .compose(user -> SessionsApi.START.request(bus(),
            startOf(user, null, Instant.parse("2026-11-23T09:15:00.250Z"), "Asia/Kolkata")))
        .onComplete(ctx.succeeding(session -> ctx.verify(() -> {
          assertThat(session.startTime()).isEqualTo(Instant.parse("2026-11-23T09:15:00.250Z"));
          assertThat(session.timezone()).isEqualTo("Asia/Kolkata");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Starting for a user the users domain does not know is a 404 User not found, even for another actor")
  void startForMissingUser(VertxTestContext ctx) {
    refused(SessionsApi.START.request(bus(), startOf(42, 7L, null, null)))
        .onComplete(ctx.succeeding(failure -> ctx.verify(() -> {
          assertFailure(failure, 404, Messages.USER_NOT_FOUND);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Starting, listing or reading another user's sessions is a 403")
  void othersAreForbidden(VertxTestContext ctx) {
    Future.all(newUser("ada@example.org", "UTC"), newUser("bob@example.org", "UTC"))
        .compose(users -> {
          long ada = users.resultAt(0);
          long bob = users.resultAt(1);
          return session(ada, "2026-11-23T08:00:00Z", null).compose(adas -> Future.all(List.of(
              refused(SessionsApi.START.request(bus(), startOf(ada, bob, null, null))),
              refused(SessionsApi.LIST.request(bus(), listOf(ada, bob, null, 10, 0))),
              refused(get(adas, bob)),
              refused(SessionsApi.END.request(bus(), endOf(adas, bob, null))))));
        })
        .compose(failures -> get(1, 1L).map(session -> {
          for (int i = 0; i < 4; i++) {
            assertFailure(failures.resultAt(i), 403, Messages.NOT_ENOUGH_PERMISSIONS);
          }
          return session;
        }))
        .onComplete(ctx.succeeding(session -> ctx.verify(() -> {
          assertThat(session.endTime()).as("not ended by the forbidden end").isNull();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("A user with an active session cannot start another: 400 User already has an active session")
  void oneActiveSession(VertxTestContext ctx) {
    newUser("ada@example.org", "UTC")
        .compose(user -> session(user, "2026-11-23T08:00:00Z", null)
            .compose(first -> refused(SessionsApi.START.request(bus(), startOf(user, user, null, null)))))
        .onComplete(ctx.succeeding(failure -> ctx.verify(() -> {
          assertFailure(failure, 400, Messages.ACTIVE_SESSION_EXISTS);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Of concurrent starts for one user exactly one succeeds and the others are 400")
  void concurrentStarts(VertxTestContext ctx) {
    newUser("ada@example.org", "UTC")
        .compose(user -> {
          List<Future<Session>> starts = new ArrayList<>();
          for (int i = 0; i < 8; i++) {
            starts.add(SessionsApi.START.request(bus(), startOf(user, user, null, null)));
          }
          return Future.join(starts).transform(joined -> Future.succeededFuture(starts));
        })
        .onComplete(ctx.succeeding(starts -> ctx.verify(() -> {
          assertThat(starts).filteredOn(Future::succeeded).hasSize(1);
          assertThat(starts).filteredOn(Future::failed).allSatisfy(start ->
              assertFailure((ReplyException) start.cause(), 400, Messages.ACTIVE_SESSION_EXISTS));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("A start_time more than 5 s ahead is a 422 on start_time; exactly 5 s ahead is accepted")
  void startInFuture(VertxTestContext ctx) {
    Future.all(newUser("ada@example.org", "UTC"), newUser("bob@example.org", "UTC"))
        .compose(users -> Future.all(
            refused(SessionsApi.START.request(bus(), startOf(users.resultAt(0), null, NOW.plusMillis(5001), null))),
            SessionsApi.START.request(bus(), startOf(users.resultAt(1), null, NOW.plusSeconds(5), null))))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertInvalid(both.resultAt(0), Fields.START_TIME, Messages.TIME_IN_FUTURE);
          assertThat(((Session) both.resultAt(1)).startTime()).isEqualTo(NOW.plusSeconds(5));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("A start before the end of the user's previous session is a 422; back to back is accepted")
  void startBeforePreviousEnd(VertxTestContext ctx) {
    newUser("ada@example.org", "UTC")
        .compose(user -> session(user, "2026-11-23T08:00:00Z", "2026-11-23T09:00:00Z")
            .compose(first -> refused(SessionsApi.START.request(bus(),
                startOf(user, null, Instant.parse("2026-11-23T08:59:59.999Z"), null))))
            .compose(failure -> SessionsApi.START.request(bus(),
                    startOf(user, null, Instant.parse("2026-11-23T09:00:00Z"), null))
                .map(second -> List.of(failure, second))))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertInvalid((ReplyException) both.get(0), Fields.START_TIME, Messages.START_BEFORE_PREVIOUS_END);
          assertThat(((Session) both.get(1)).startTime()).isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));
          ctx.completeNow();
        })));
  }

  // ---- end ----

  @Test
  @DisplayName("An end without end_time ends the session now and publishes session_ended")
  void endDefaults(VertxTestContext ctx) {
    Checkpoint replied = ctx.checkpoint();
    Checkpoint published = ctx.checkpoint();
    onEvent(ctx, published, Address.SESSIONS_EVENTS, "session_ended", event ->
        assertThat(event.getJsonObject(Fields.SESSION).getString(Fields.END_TIME)).isEqualTo("2026-11-23T10:00:00Z"))
        .compose(bound -> newUser("ada@example.org", "UTC"))
        .compose(user -> session(user, "2026-11-23T08:00:00Z", null))
        .compose(id -> SessionsApi.END.request(bus(), endOf(id, 1L, null)))
        .onComplete(ctx.succeeding(session -> ctx.verify(() -> {
          assertThat(session.startTime()).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
          assertThat(session.endTime()).isEqualTo(NOW);
          replied.flag();
        })));
  }

  @Test
  @DisplayName("Ending or reading a session that does not exist is a 404 Session not found")
  void missingSession(VertxTestContext ctx) {
    Future.all(refused(SessionsApi.END.request(bus(), endOf(42, 7L, null))), refused(get(42, 7L)))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertFailure(both.resultAt(0), 404, Messages.SESSION_NOT_FOUND);
          assertFailure(both.resultAt(1), 404, Messages.SESSION_NOT_FOUND);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Ending an ended session is a 400 Session is already ended")
  void endTwice(VertxTestContext ctx) {
    newUser("ada@example.org", "UTC")
        .compose(user -> session(user, "2026-11-23T08:00:00Z", "2026-11-23T09:00:00Z"))
        .compose(id -> refused(SessionsApi.END.request(bus(), endOf(id, null, null))))
        .onComplete(ctx.succeeding(failure -> ctx.verify(() -> {
          assertFailure(failure, 400, Messages.SESSION_ALREADY_ENDED);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("An end before the start or more than 5 s ahead is a 422 on end_time, and the session stays active")
  void endTimeRules(VertxTestContext ctx) {
    newUser("ada@example.org", "UTC")
        .compose(user -> session(user, "2026-11-23T08:00:00Z", null))
        .compose(id -> Future.all(
                refused(SessionsApi.END.request(bus(), endOf(id, null, Instant.parse("2026-11-23T07:59:59Z")))),
                refused(SessionsApi.END.request(bus(), endOf(id, null, NOW.plusSeconds(6)))))
            .compose(failures -> get(id, null).map(session -> List.<Object>of(
                failures.resultAt(0), failures.resultAt(1), session))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertInvalid((ReplyException) all.get(0), Fields.END_TIME, Messages.END_BEFORE_START);
          assertInvalid((ReplyException) all.get(1), Fields.END_TIME, Messages.TIME_IN_FUTURE);
          assertThat(((Session) all.get(2)).endTime()).isNull();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("A session of zero length (end equal to start) is accepted")
  void zeroLengthSession(VertxTestContext ctx) {
    newUser("ada@example.org", "UTC")
        .compose(user -> session(user, "2026-11-23T08:00:00Z", "2026-11-23T08:00:00Z"))
        .compose(id -> get(id, null))
        .onComplete(ctx.succeeding(session -> ctx.verify(() -> {
          assertThat(session.endTime()).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
          ctx.completeNow();
        })));
  }

  // ---- listing and history ----

  @Test
  @DisplayName("A day listing holds the sessions overlapping that day in the user's zone, by start, paged, with the total")
  void listByLocalDay(VertxTestContext ctx) {
    newUser("ada@example.org", "Europe/Madrid")
        .compose(user -> session(user, "2026-11-21T22:00:00Z", "2026-11-21T23:30:00Z") // Madrid 21 23:00 to 22 00:30
            .compose(s -> session(user, "2026-11-22T12:00:00Z", "2026-11-22T13:00:00Z"))
            .compose(s -> session(user, "2026-11-22T23:15:00Z", "2026-11-22T23:45:00Z")) // Madrid 23 00:15
            .compose(s -> session(user, "2026-11-23T09:00:00Z", null))
            .compose(s -> Future.all(
                SessionsApi.LIST.request(bus(), listOf(user, user, "2026-11-22", 10, 0)),
                SessionsApi.LIST.request(bus(), listOf(user, user, "2026-11-22", 1, 1)),
                SessionsApi.LIST.request(bus(), listOf(user, user, null, 10, 0)),
                SessionsApi.LIST.request(bus(), listOf(user, user, "2026-11-23", 10, 0)))))
        .onComplete(ctx.succeeding(pages -> ctx.verify(() -> {
          Page day = pages.resultAt(0);
          assertThat(ids(day)).containsExactly(1L, 2L);
          assertThat(day.total()).isEqualTo(2L);
          Page second = pages.resultAt(1);
          assertThat(ids(second)).containsExactly(2L);
          assertThat(second.total()).isEqualTo(2L);
          assertThat(ids(pages.resultAt(2))).containsExactly(1L, 2L, 3L, 4L);
          assertThat(ids(pages.resultAt(3))).as("the active session reaches now").containsExactly(3L, 4L);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("Listing the sessions of a user that does not exist is a 404 User not found")
  void listMissingUser(VertxTestContext ctx) {
    refused(SessionsApi.LIST.request(bus(), listOf(42, null, null, 10, 0)))
        .onComplete(ctx.succeeding(failure -> ctx.verify(() -> {
          assertFailure(failure, 404, Messages.USER_NOT_FOUND);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("History pages a user's sessions by id after after_id, and no one else's")
  void historyPages(VertxTestContext ctx) {
    Future.all(newUser("ada@example.org", "UTC"), newUser("bob@example.org", "UTC"))
        .compose(users -> session(users.resultAt(0), "2026-11-23T06:00:00Z", "2026-11-23T07:00:00Z")
            .compose(s -> session(users.resultAt(1), "2026-11-23T06:00:00Z", null))
            .compose(s -> session(users.resultAt(0), "2026-11-23T08:00:00Z", "2026-11-23T09:00:00Z"))
            .compose(s -> session(users.resultAt(0), "2026-11-23T09:30:00Z", null))
            .compose(s -> Future.all(
                SessionsApi.HISTORY.request(bus(), new History(users.resultAt(0), 0, 2)),
                SessionsApi.HISTORY.request(bus(), new History(users.resultAt(0), 3, 2)))))
        .onComplete(ctx.succeeding(pages -> ctx.verify(() -> {
          assertThat(ids(pages.resultAt(0))).containsExactly(1L, 3L);
          assertThat(ids(pages.resultAt(1))).containsExactly(4L);
          ctx.completeNow();
        })));
  }

  // ---- purge ----

  @Test
  @DisplayName("Purging a user deletes all of their sessions, even those just read, and nobody else's")
  void purgeUser(VertxTestContext ctx) {
    Future.all(newUser("ada@example.org", "UTC"), newUser("bob@example.org", "UTC"))
        .compose(users -> session(users.resultAt(0), "2026-11-23T06:00:00Z", "2026-11-23T07:00:00Z")
            .compose(s -> session(users.resultAt(0), "2026-11-23T08:00:00Z", null))
            .compose(s -> session(users.resultAt(1), "2026-11-23T08:00:00Z", null))
            .compose(s -> get(2, null)) // now in the verticle's cache
            .compose(s -> SessionsApi.PURGE_USER.request(bus(), new ForUser(users.resultAt(0))))
            .compose(purged -> Future.all(
                refused(get(1, null)),
                refused(get(2, null)),
                get(3, null),
                SessionsApi.HISTORY.request(bus(), new History(users.resultAt(0), 0, 10)))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertFailure(all.resultAt(0), 404, Messages.SESSION_NOT_FOUND);
          assertFailure(all.resultAt(1), 404, Messages.SESSION_NOT_FOUND);
          assertThat(((Session) all.resultAt(2)).userId()).isEqualTo(2L);
          assertThat(ids(all.resultAt(3))).isEmpty();
          ctx.completeNow();
        })));
  }

  // ---- persistence ----

  @Test
  @DisplayName("Sessions survive an undeploy and redeploy on the same file, and the active one still blocks a start")
  void persists(VertxTestContext ctx) {
    newUser("ada@example.org", "UTC")
        .compose(user -> session(user, "2026-11-23T06:00:00Z", "2026-11-23T07:00:00Z")
            .compose(s -> session(user, "2026-11-23T08:00:00Z", null))
            .compose(s -> redeploySessions())
            .compose(redeployed -> Future.all(
                get(1, user),
                SessionsApi.LIST.request(bus(), listOf(user, user, null, 10, 0)),
                refused(SessionsApi.START.request(bus(), startOf(user, user, null, null))))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          Session first = all.resultAt(0);
          assertThat(first.startTime()).isEqualTo(Instant.parse("2026-11-23T06:00:00Z"));
          assertThat(first.endTime()).isEqualTo(Instant.parse("2026-11-23T07:00:00Z"));
          assertThat(ids(all.resultAt(1))).containsExactly(1L, 2L);
          assertFailure(all.resultAt(2), 400, Messages.ACTIVE_SESSION_EXISTS);
          ctx.completeNow();
        })));
  }

  // ---- deletion racing a start ----

  @Test
  @DisplayName("A start whose user check passed just before the user's purge writes nothing: 404, no orphan row")
  void startRacingDeletionLeavesNothing(VertxTestContext ctx) {
    newUser("ada@example.org", "UTC")
        .compose(user -> {
          // the users domain answers "exists" only after this domain purged the user
          beforeFirstDelivery(UsersApi.GET.address(),
              () -> SessionsApi.PURGE_USER.request(bus(), new ForUser(user)));
          return refused(SessionsApi.START.request(bus(), startOf(user, user, null, null)))
              .compose(failure -> SessionsApi.HISTORY.request(bus(), new History(user, 0, 100))
                  .map(history -> {
                    assertFailure(failure, 404, Messages.USER_NOT_FOUND);
                    assertThat(ids(history)).as("no session of the deleted user survives").isEmpty();
                    return history;
                  }));
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("After user_deleted on users.events, a start for that user is refused before its purge arrives")
  void startRefusedOnceDeletionPublished(VertxTestContext ctx) {
    newUser("ada@example.org", "UTC")
        .compose(user -> {
          beforeFirstDelivery(UsersApi.GET.address(), () -> {
            bus().publish(Address.USERS_EVENTS, Events.userOnly(Change.USER_DELETED, user));
            return Future.succeededFuture();
          });
          return refused(SessionsApi.START.request(bus(), startOf(user, user, null, null)));
        })
        .onComplete(ctx.succeeding(failure -> ctx.verify(() -> {
          assertFailure(failure, 404, Messages.USER_NOT_FOUND);
          ctx.completeNow();
        })));
  }

  // ---- Idempotency-Key: responses kept in this domain's store ----

  private static Future<Message<Object>> send(String address, Object body) {
    return bus().request(address, body);
  }

  private static void assertReplay(Message<Object> reply, int status, String body) {
    assertThat(reply.headers().get(IdempotentKey.REPLAYED_STATUS)).isEqualTo(Integer.toString(status));
    assertThat(((Buffer) reply.body()).toString(StandardCharsets.UTF_8)).isEqualTo(body);
  }

  @Test
  @DisplayName("A keyed start and end whose answers never reached the edge are replayed after a restart, not refused")
  void keptResponsesSurviveARestartBeforeTheAnswer(VertxTestContext ctx) {
    String[] started = new String[1];
    String[] ended = new String[1];
    newUser("ada@example.org", "UTC").compose(ada -> {
      IdempotentKey startKey = new IdempotentKey(Fields.userScope(ada), "start-1", "fp-s", 201);
      SessionsApi.Start start = new SessionsApi.Start(ada, ada, Instant.parse("2026-11-23T09:00:00Z"), null, startKey);
      return SessionsApi.START.request(bus(), start)
          .compose(session -> {
            started[0] = session.toJson().encode();
            IdempotentKey endKey = new IdempotentKey(Fields.userScope(ada), "end-1", "fp-e", 200);
            SessionsApi.End end = new SessionsApi.End(session.id(), ada, Instant.parse("2026-11-23T09:30:00Z"), endKey);
            return SessionsApi.END.request(bus(), end).compose(endedSession -> {
              ended[0] = endedSession.toJson().encode();
              return redeploySessions();
            }).compose(fresh -> Future.all(
                send(Address.SESSIONS_START, SessionsApi.START.request().encode(start)),
                send(Address.SESSIONS_END, SessionsApi.END.request().encode(end)),
                refused(SessionsApi.END.request(bus(), new SessionsApi.End(session.id(), ada, null,
                    new IdempotentKey(Fields.userScope(ada), "start-1", "fp-other", 200))))));
          });
    }).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      assertReplay(all.resultAt(0), 201, started[0]);
      assertReplay(all.resultAt(1), 200, ended[0]);
      assertFailure(all.resultAt(2), 422, Messages.IDEMPOTENCY_KEY_REUSED);
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("A keyed 400 is kept and replayed after its cause went away")
  void keptRefusalIsReplayed(VertxTestContext ctx) {
    newUser("ada@example.org", "UTC").compose(ada -> {
      SessionsApi.Start second = new SessionsApi.Start(ada, ada, Instant.parse("2026-11-23T09:45:00Z"), null,
          new IdempotentKey(Fields.userScope(ada), "second", "fp-2", 201));
      return session(ada, "2026-11-23T09:00:00Z", null)
          .compose(first -> refused(SessionsApi.START.request(bus(), second))
              .compose(refusal -> {
                ctx.verify(() -> assertFailure(refusal, 400, Messages.ACTIVE_SESSION_EXISTS));
                return SessionsApi.END.request(bus(), endOf(first, ada, Instant.parse("2026-11-23T09:30:00Z")));
              }))
          .compose(endedFirst -> send(Address.SESSIONS_START, SessionsApi.START.request().encode(second)));
    }).onComplete(ctx.succeeding(replayed -> ctx.verify(() -> {
      assertReplay(replayed, 400, new JsonObject().put(Fields.DETAIL, Messages.ACTIVE_SESSION_EXISTS).encode());
      ctx.completeNow();
    })));
  }
}
