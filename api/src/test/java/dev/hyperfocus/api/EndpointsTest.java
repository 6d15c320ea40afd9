package dev.hyperfocus.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every request and reply record survives its trip through the JSON body unchanged. */
class EndpointsTest {
  private static final Instant T = Instant.parse("2026-11-25T08:00:00.250Z");

  private static <Q, R> void roundTrip(Endpoint<Q, R> endpoint, Q request, R reply) {
    Object requestBody = new JsonObject(((JsonObject) endpoint.request().encode(request)).encode());
    assertThat(endpoint.request().decode(requestBody)).as(endpoint.address() + " request").isEqualTo(request);
    Object replyBody = endpoint.reply().encode(reply);
    Object wire = replyBody instanceof JsonObject json ? new JsonObject(json.encode()) : replyBody;
    assertThat(endpoint.reply().decode(wire)).as(endpoint.address() + " reply").isEqualTo(reply);
  }

  @Test
  @DisplayName("Users: sign-up with and without a token, profile, token, authentication")
  void users() {
    User user = new User(7, "Ada", "ada@example.org", "Europe/Berlin", T);
    roundTrip(UsersApi.CREATE, new UsersApi.Create("Ada", "ada@example.org", "UTC", true), new UsersApi.Created(user, "hf_x"));
    roundTrip(UsersApi.CREATE, new UsersApi.Create("Ada", "ada@example.org", "UTC", false), new UsersApi.Created(user, null));
    roundTrip(UsersApi.GET, new ById(7, 7L), user);
    roundTrip(UsersApi.GET, ById.of(7), user);
    roundTrip(UsersApi.UPDATE, new UsersApi.Update(7, null, null, "Asia/Kolkata"), user);
    roundTrip(UsersApi.DELETE, new ById(7, 7L), Empty.INSTANCE);
    roundTrip(UsersApi.ROTATE_TOKEN, new ById(7, 7L), new UsersApi.Token("hf_y"));
    roundTrip(UsersApi.AUTHENTICATE, new UsersApi.Authenticate("abc"), new UsersApi.Authenticated(7));
    roundTrip(UsersApi.HEALTH, Empty.INSTANCE, Empty.INSTANCE);
  }

  @Test
  @DisplayName("Sessions: start with defaults or given values, end, listing by day, history")
  void sessions() {
    Session session = new Session(3, 7, T, null, "UTC", T);
    Page page = new Page(new JsonArray().add(session.toJson()), 41);
    roundTrip(SessionsApi.START, new SessionsApi.Start(7, null, null, null), session);
    roundTrip(SessionsApi.START, new SessionsApi.Start(7, 7L, T, "Europe/Berlin"), session);
    roundTrip(SessionsApi.END, new SessionsApi.End(3, 7L, T.plusSeconds(60)), session);
    roundTrip(SessionsApi.END, new SessionsApi.End(3, null, null), session);
    IdempotentKey key = new IdempotentKey("user:7", "k-1", "f00d", 201);
    roundTrip(SessionsApi.START, new SessionsApi.Start(7, 7L, T, null, key), session);
    roundTrip(SessionsApi.END, new SessionsApi.End(3, 7L, null, new IdempotentKey("user:7", "k-2", "beef", 200)), session);
    roundTrip(SessionsApi.LIST, new SessionsApi.ListOfUser(7, 7L, LocalDate.of(2026, 3, 29), 100, 200), page);
    roundTrip(SessionsApi.LIST, new SessionsApi.ListOfUser(7, null, null, 1000, 0), page);
    roundTrip(SessionsApi.HISTORY, History.first(7).after(99), page);
    roundTrip(SessionsApi.PURGE_USER, new ForUser(7), Empty.INSTANCE);
    assertThat(page.rows(Session::fromJson)).containsExactly(session);
    assertThat(page.lastId(0)).isEqualTo(3);
    assertThat(new Page(new JsonArray(), 0).lastId(55)).isEqualTo(55);
  }

  @Test
  @DisplayName("Interruptions: logging, listing a session, deleting")
  void interruptions() {
    Interruption logged = new Interruption(5, 3, 7, InterruptionType.PHONE, "call", T, T.plusSeconds(90), 90, T);
    roundTrip(InterruptionsApi.LOG,
        new InterruptionsApi.Log(7L, 3, 7, InterruptionType.PHONE, "call", T, T.plusSeconds(90)), logged);
    roundTrip(InterruptionsApi.LOG, new InterruptionsApi.Log(7L, 3, 7, InterruptionType.PHONE, "call", T,
        T.plusSeconds(90), new IdempotentKey("address:127.0.0.1", "k", "f00d", 201)), logged);
    roundTrip(InterruptionsApi.LIST, new InterruptionsApi.OfSession(3, null), Page.of(List.of(logged), Interruption::toJson, 1));
    roundTrip(InterruptionsApi.DELETE, new ById(5, 7L), Empty.INSTANCE);
  }

  @Test
  @DisplayName("Stats: a view per name on its own address, live state, health, watches")
  void stats() {
    for (String view : Address.STATS_VIEWS) {
      assertThat(StatsApi.view(view).address()).isEqualTo(Address.stats(view));
      StatsApi.View request = new StatsApi.View(7, 7L, "7d");
      assertThat(StatsApi.view(view).request().decode(StatsApi.view(view).request().encode(request))).isEqualTo(request);
    }
    roundTrip(StatsApi.LIVE, new StatsApi.LiveState(7, null, Live.TICK), new JsonObject().put(Live.SEQ, 4));
    roundTrip(StatsApi.HEALTH, Empty.INSTANCE, new StatsApi.Health(12));
    StatsApi.Watch watch = new StatsApi.Watch(List.of(1L, 2L, 3L));
    assertThat(StatsApi.WATCH.decode(new JsonObject(((JsonObject) StatsApi.WATCH.encode(watch)).encode()))).isEqualTo(watch);
  }
}
