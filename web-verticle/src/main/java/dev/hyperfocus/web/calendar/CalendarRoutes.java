package dev.hyperfocus.web.calendar;

import dev.hyperfocus.api.ById;
import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.Imports;
import dev.hyperfocus.api.Interruption;
import dev.hyperfocus.api.InterruptionsApi;
import dev.hyperfocus.api.Messages;
import dev.hyperfocus.api.Page;
import dev.hyperfocus.api.Session;
import dev.hyperfocus.api.SessionsApi;
import dev.hyperfocus.api.Times;
import dev.hyperfocus.api.Tokens;
import dev.hyperfocus.api.UsersApi;
import dev.hyperfocus.web.edge.Auth;
import dev.hyperfocus.web.input.Input;
import dev.hyperfocus.web.rest.Bus;
import dev.hyperfocus.web.rest.HttpProblem;
import dev.hyperfocus.web.rest.Responses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The calendar feed (api.md section 9): {@code POST /users/{id}/calendar-token} issues a key (a new
 * one revokes the previous), {@code GET /users/{id}/calendar.ics?key=} answers the feed without a
 * bearer token, since calendar apps cannot send one. Only the key's SHA-256 travels and is stored;
 * an unknown user, a wrong, revoked or missing key are one and the same 404.
 */
public final class CalendarRoutes {
  static final String CALENDAR_URL = "calendar_url";
  static final String KEY = "key";
  /** How far back the feed reaches; the active session is always in it. */
  static final Duration HORIZON = Duration.ofDays(90);
  private static final int MAX_KEY_LENGTH = 256;

  private final Vertx vertx;
  private final Bus bus;
  private final Auth auth;
  private final Clock clock;
  private final String publicUrl;

  /**
   * {@code auth}: its limit of failed authentications per client address also counts wrong keys;
   * {@code publicUrl}: the base of the links handed out; empty = the request's scheme and {@code Host}.
   */
  public CalendarRoutes(Vertx vertx, Bus bus, Auth auth, Clock clock, String publicUrl) {
    this.vertx = vertx;
    this.bus = bus;
    this.auth = auth;
    this.clock = clock;
    this.publicUrl = publicUrl.replaceAll("/+$", "");
  }

  public void issueKey(RoutingContext ctx) {
    long id = pathId(ctx);
    bus.request(UsersApi.CALENDAR_KEY, new ById(id, Auth.actor(ctx))).onComplete(issued -> {
      if (issued.failed()) {
        Responses.failure(ctx, issued.cause());
        return;
      }
      String url = base(ctx) + "/users/" + id + "/calendar.ics?" + KEY + "="
          + URLEncoder.encode(issued.result().key(), StandardCharsets.UTF_8);
      Responses.json(ctx, 201, new JsonObject().put(CALENDAR_URL, url));
    });
  }

  public void feed(RoutingContext ctx) {
    long id = pathId(ctx);
    String key = ctx.queryParams().get(KEY);
    // before any hashing or bus call, as for tokens: a client guessing keys is answered from memory
    if (!auth.mayTry(ctx)) {
      return;
    }
    if (!Input.isVisibleAscii(key, MAX_KEY_LENGTH)) {
      auth.wrongSecret(ctx);
      throw new HttpProblem(404, Messages.CALENDAR_NOT_FOUND);
    }
    Instant now = clock.instant();
    Imports.Window window = new Imports.Window(id, now.minus(HORIZON), Times.LATEST);
    bus.request(UsersApi.CALENDAR_USER, new UsersApi.CalendarUser(id, Tokens.hash(key)))
        .onFailure(wrong -> {
          if (wrong instanceof ReplyException refused && refused.failureType() == ReplyFailure.RECIPIENT_FAILURE
              && refused.failureCode() == 404) {
            auth.wrongSecret(ctx);
          }
        })
        .compose(user -> Future.all(bus.request(SessionsApi.BETWEEN, window), bus.request(InterruptionsApi.BETWEEN, window)))
        .compose(both -> {
          List<Session> sessions = both.<Page>resultAt(0).rows(Session::fromJson);
          Map<Long, List<Interruption>> bySession = new HashMap<>();
          for (Interruption interruption : both.<Page>resultAt(1).rows(Interruption::fromJson)) {
            bySession.computeIfAbsent(interruption.sessionId(), s -> new ArrayList<>()).add(interruption);
          }
          return vertx.executeBlocking(() -> CalendarFeed.write(sessions, bySession, now), false);
        })
        .onComplete(written -> {
          if (written.failed()) {
            Responses.failure(ctx, written.cause());
          } else if (!ctx.response().ended() && !ctx.response().closed()) {
            ctx.response().setStatusCode(200)
                .putHeader("Content-Type", "text/calendar; charset=utf-8")
                .putHeader("Content-Disposition", "inline; filename=\"hyperfocus-user-" + id + ".ics\"")
                .putHeader("Cache-Control", "no-store")
                .end(written.result());
          }
        });
  }

  private String base(RoutingContext ctx) {
    if (!publicUrl.isEmpty()) {
      return publicUrl;
    }
    String host = ctx.request().getHeader("Host");
    return ctx.request().scheme() + "://" + (host != null ? host : ctx.request().authority().toString());
  }

  private static long pathId(RoutingContext ctx) {
    Input path = Input.params("path", ctx::pathParam, new JsonArray());
    Long id = path.id(Fields.ID);
    path.check();
    return id;
  }
}
