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
 * file here, the stored sessions in the sessions domain, which also reserves the sessions' ids),
 * then the interruptions are written in one transaction under those ids, then the sessions in one;
 * if the sessions cannot be written then, the interruptions are removed again (compensation, with
 * the {@code interruption_deleted} events every consumer knows; a session has no such event) and
 * the client gets the failure. Order of answers: 401, 422 query, 415, 413, 422 file shape, 404,
 * 403, then the rules (422 / 409 naming the row).
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
        .compose(plan -> write(id, actor, dry, plan))
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

  /**
   * Checks the stored sessions and reserves the sessions' ids; writes the interruptions under them;
   * then the sessions. If the sessions cannot be written then (a live write came between, the
   * store failed), the interruptions go again. The requests are encoded on worker threads: a plan
   * may hold hundreds of thousands of rows.
   */
  private Future<JsonObject> write(long userId, Long actor, boolean dryRun, ImportPlan plan) {
    JsonObject answer = new JsonObject().put(Fields.SESSIONS, plan.sessions().size())
        .put(Fields.INTERRUPTIONS, plan.interruptions().size());
    return vertx.executeBlocking(() -> sessionRows(plan), false).compose(rows ->
        vertx.executeBlocking(() -> Imports.Sessions.of(userId, actor, dryRun, rows), false)
            .compose(check -> bus.request(SessionsApi.IMPORT_CHECK, check, STEP_TIMEOUT_MS))
            .compose(reserved -> dryRun ? Future.succeededFuture(answer)
                : interruptions(userId, plan, reserved).compose(logged ->
                    vertx.executeBlocking(() -> Imports.Sessions.withIds(userId, actor, rows, reserved.ids()), false)
                        .compose(sessions -> bus.request(SessionsApi.IMPORT, sessions, STEP_TIMEOUT_MS))
                        .recover(failure -> undo(logged, failure))
                        .map(answer))));
  }

  private static List<Imports.SessionRow> sessionRows(ImportPlan plan) {
    List<Imports.SessionRow> rows = new ArrayList<>(plan.sessions().size());
    plan.sessions().forEach(row -> rows.add(
        new Imports.SessionRow(row.ref().label(), row.startTime(), row.endTime(), row.timezone())));
    return rows;
  }

  /** The interruptions, under their sessions' reserved ids; the ids they got. */
  private Future<Imports.Ids> interruptions(long userId, ImportPlan plan, Imports.Ids reserved) {
    if (plan.interruptions().isEmpty()) {
      return Future.succeededFuture(new Imports.Ids(userId, List.of()));
    }
    return vertx.executeBlocking(() -> {
      List<Imports.InterruptionRow> rows = new ArrayList<>(plan.interruptions().size());
      for (ImportPlan.Planned planned : plan.interruptions()) {
        ImportRows.InterruptionRow row = planned.row();
        rows.add(new Imports.InterruptionRow(row.ref().label(), reserved.ids().get(planned.session()), row.type(),
            row.description(), row.startTime(), row.endTime(), plan.sessions().get(planned.session()).timezone()));
      }
      return Imports.Interruptions.of(userId, rows);
    }, false).compose(request -> bus.request(InterruptionsApi.IMPORT, request, STEP_TIMEOUT_MS));
  }

  /** Compensation: the interruptions go again, and the client gets the sessions' failure. */
  private Future<Imports.Count> undo(Imports.Ids interruptions, Throwable failure) {
    if (interruptions.ids().isEmpty()) {
      return Future.failedFuture(failure);
    }
    return bus.request(InterruptionsApi.IMPORT_UNDO, interruptions, STEP_TIMEOUT_MS)
        .onFailure(undoFailed -> LOG.log(Level.SEVERE, "Import of user " + interruptions.userId()
            + " half written: its sessions failed and removing its " + interruptions.ids().size()
            + " interruptions failed too", undoFailed))
        .transform(undone -> Future.failedFuture(failure));
  }

  private static String mime(String contentType) {
    return contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
  }
}
