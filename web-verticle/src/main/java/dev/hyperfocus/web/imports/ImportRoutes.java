package dev.hyperfocus.web.imports;

import dev.hyperfocus.api.ById;
import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.Imports;
import dev.hyperfocus.api.InterruptionsApi;
import dev.hyperfocus.api.SessionsApi;
import dev.hyperfocus.api.User;
import dev.hyperfocus.api.UsersApi;
import dev.hyperfocus.web.edge.Auth;
import dev.hyperfocus.web.input.Input;
import dev.hyperfocus.web.rest.Bus;
import dev.hyperfocus.web.rest.HttpProblem;
import dev.hyperfocus.web.rest.Responses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /users/{id}/import?format=hyperfocus|toggl&dry_run=}: the body (up to 50 MB) is
 * streamed to a temporary file and parsed on a worker thread, never on the event loop. All or
 * nothing across two SQLite files that cannot commit together: every rule is checked first (the
 * file here, the stored sessions in the sessions domain), then the sessions are written in one
 * transaction, then the interruptions in one; if the second write fails, the sessions are removed
 * again (compensation) and the client gets the failure. Events go out only once both are
 * committed. Order of answers: 401, 422 query, 415, 413, 422 file shape, 404, 403, then the rules
 * (422 / 409 naming the row).
 */
public final class ImportRoutes {
  static final String HYPERFOCUS = "hyperfocus";
  static final String TOGGL = "toggl";
  static final String DRY_RUN = "dry_run";
  /** Each domain step may take long for a large file; the client's request has no other deadline. */
  static final long STEP_TIMEOUT_MS = 120_000;
  private static final Logger LOG = Logger.getLogger(ImportRoutes.class.getName());

  private final Vertx vertx;
  private final Bus bus;
  private final Clock clock;

  public ImportRoutes(Vertx vertx, Bus bus, Clock clock) {
    this.vertx = vertx;
    this.bus = bus;
    this.clock = clock;
  }

  /**
   * The first handler of the route: holds the body back while the token is checked, so that not a
   * byte is lost before {@link Upload} takes it. A platform handler, since Vert.x Web wants every
   * other kind after the security policy handler ({@code Auth}).
   */
  public static PlatformHandler holdBody() {
    return new PlatformHandler() {
      @Override
      public void handle(RoutingContext ctx) {
        ctx.request().pause();
        ctx.next();
      }
    };
  }

  public void importFile(RoutingContext ctx) {
    try {
      start(ctx);
    } catch (RuntimeException refused) {
      // answered before the body was read: drop what still comes, and close once answered
      ctx.response().putHeader("Connection", "close");
      ctx.request().handler(dropped -> { });
      ctx.request().resume();
      throw refused;
    }
  }

  private void start(RoutingContext ctx) {
    Input path = Input.params("path", ctx::pathParam, new JsonArray());
    Long id = path.id(Fields.ID);
    Input query = path.params("query", name -> ctx.queryParams().get(name));
    String format = query.choice(Fields.FORMAT, List.of(HYPERFOCUS, TOGGL), HYPERFOCUS);
    String dryRun = query.choice(DRY_RUN, List.of("true", "false"), "false");
    path.check();
    String wanted = HYPERFOCUS.equals(format) ? "application/json" : "text/csv";
    if (!wanted.equals(mime(ctx.request().getHeader("Content-Type")))) {
      throw new HttpProblem(415, "Unsupported Media Type: format=" + format + " takes " + wanted);
    }
    Long actor = Auth.actor(ctx);
    boolean dry = Boolean.parseBoolean(dryRun);
    Upload.receive(ctx, Upload.LIMIT)
        .compose(file -> vertx.executeBlocking(() -> parse(format, file), false)
            .eventually(() -> vertx.fileSystem().delete(file.toString()).otherwiseEmpty()))
        .compose(parsed -> bus.request(UsersApi.GET, new ById(id, actor)).compose(user ->
            vertx.executeBlocking(() -> ImportPlan.of(rows(parsed, user), clock.instant()), false)))
        .compose(plan -> vertx.executeBlocking(() -> sessions(id, actor, dry, plan), false)
            .compose(sessions -> write(sessions, plan)))
        .onComplete(done -> {
          if (done.succeeded()) {
            Responses.json(ctx, 200, done.result());
          } else {
            Responses.failure(ctx, done.cause());
          }
        });
  }

  /** A parsed file: a JSON export's rows, or a Toggl CSV's entries still in local time. */
  private record Parsed(ImportRows.Parsed export, List<TogglFile.Entry> toggl) {}

  private static Parsed parse(String format, Path file) {
    return HYPERFOCUS.equals(format) ? new Parsed(HyperFocusFile.parse(file), null) : new Parsed(null, TogglFile.parse(file));
  }

  /** Toggl's local times become instants in the user's zone (422 for a time in a DST gap). */
  private static ImportRows.Parsed rows(Parsed parsed, User user) {
    return parsed.export() != null ? parsed.export()
        : new ImportRows.Parsed(TogglFile.resolve(parsed.toggl(), ZoneId.of(user.timezone())), List.of());
  }

  /** The sessions' domain request, encoded on a worker thread: the plan may hold hundreds of thousands of rows. */
  private static Imports.Sessions sessions(long userId, Long actor, boolean dryRun, ImportPlan plan) {
    List<Imports.SessionRow> rows = new ArrayList<>(plan.sessions().size());
    plan.sessions().forEach(row -> rows.add(
        new Imports.SessionRow(row.ref().label(), row.startTime(), row.endTime(), row.timezone())));
    return Imports.Sessions.of(userId, actor, dryRun, rows);
  }

  private Future<JsonObject> write(Imports.Sessions sessions, ImportPlan plan) {
    long userId = sessions.userId();
    JsonObject answer = new JsonObject().put(Fields.SESSIONS, plan.sessions().size())
        .put(Fields.INTERRUPTIONS, plan.interruptions().size());
    return bus.request(SessionsApi.IMPORT, sessions, STEP_TIMEOUT_MS)
        .compose(written -> {
          if (sessions.dryRun()) {
            return Future.succeededFuture(answer);
          }
          Imports.Ids ids = written;
          return interruptions(userId, plan, ids)
              .recover(failure -> undo(ids, failure))
              .compose(logged -> bus.request(SessionsApi.IMPORT_PUBLISH, ids, STEP_TIMEOUT_MS)
                  .otherwise(failure -> {
                    // committed all the same: consumers catch up from the stored rows when they reload
                    LOG.log(Level.WARNING, "Events of the import of user " + userId + " not published", failure);
                    return null;
                  }))
              .map(answer);
        });
  }

  private Future<Imports.Count> interruptions(long userId, ImportPlan plan, Imports.Ids ids) {
    if (plan.interruptions().isEmpty()) {
      return Future.succeededFuture(new Imports.Count(0));
    }
    return vertx.executeBlocking(() -> {
      List<Imports.InterruptionRow> rows = new ArrayList<>(plan.interruptions().size());
      for (ImportPlan.Planned planned : plan.interruptions()) {
        ImportRows.InterruptionRow row = planned.row();
        rows.add(new Imports.InterruptionRow(row.ref().label(), ids.ids().get(planned.session()), row.type(),
            row.description(), row.startTime(), row.endTime(), plan.sessions().get(planned.session()).timezone()));
      }
      return Imports.Interruptions.of(userId, rows);
    }, false).compose(request -> bus.request(InterruptionsApi.IMPORT, request, STEP_TIMEOUT_MS));
  }

  /** Compensation: the sessions go again, and the client gets the interruptions' failure. */
  private Future<Imports.Count> undo(Imports.Ids ids, Throwable failure) {
    return bus.request(SessionsApi.IMPORT_UNDO, ids, STEP_TIMEOUT_MS)
        .onFailure(undoFailed -> LOG.log(Level.SEVERE, "Import of user " + ids.userId()
            + " half written: its interruptions failed and removing its sessions " + ids.ids() + " failed too", undoFailed))
        .transform(undone -> Future.failedFuture(failure));
  }

  private static String mime(String contentType) {
    return contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
  }
}
