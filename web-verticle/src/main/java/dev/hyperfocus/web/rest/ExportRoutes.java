package dev.hyperfocus.web.rest;

import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.Interruption;
import dev.hyperfocus.api.InterruptionsApi;
import dev.hyperfocus.api.Session;
import dev.hyperfocus.api.SessionsApi;
import dev.hyperfocus.api.UsersApi;
import dev.hyperfocus.web.input.Input;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code GET /users/{id}/export}: everything the service holds about a user, as one JSON document
 * or as CSV of the sessions or of the interruptions. The rows are streamed a history page at a
 * time (see {@link ExportStream}), so memory stays constant for any history.
 */
public final class ExportRoutes {
  static final String JSON = "json";
  static final String CSV = "csv";
  static final ExportStream.Section SESSIONS =
      new ExportStream.Section(Fields.SESSIONS, SessionsApi.HISTORY, Session.FIELDS);
  static final ExportStream.Section INTERRUPTIONS =
      new ExportStream.Section(Fields.INTERRUPTIONS, InterruptionsApi.HISTORY, Interruption.FIELDS);

  private final Bus bus;

  public ExportRoutes(Bus bus) {
    this.bus = bus;
  }

  public void export(RoutingContext ctx) {
    Input path = Input.params("path", ctx::pathParam, new JsonArray());
    Long id = path.id(Fields.ID);
    Input query = path.params("query", name -> ctx.queryParams().get(name));
    String format = query.choice(Fields.FORMAT, List.of(JSON, CSV), JSON);
    String what = CSV.equals(format) ? query.choice(Fields.WHAT, List.of(Fields.SESSIONS, Fields.INTERRUPTIONS), null) : null;
    path.check();
    ExportStream.Format chosen = JSON.equals(format)
        ? ExportStream.json(List.of(SESSIONS, INTERRUPTIONS))
        : ExportStream.csv(Fields.SESSIONS.equals(what) ? SESSIONS : INTERRUPTIONS);
    bus.request(UsersApi.GET, UserRoutes.owned(ctx, id)).onComplete(user -> {
      if (user.failed()) {
        Responses.failure(ctx, user.cause());
      } else {
        new ExportStream(ctx, bus, id, chosen).start(user.result(), fileName(id, format, what));
      }
    });
  }

  private static String fileName(long id, String format, String what) {
    return "hyperfocus-user-" + id + (what == null ? "" : "-" + what) + "." + format;
  }
}
