package dev.hyperfocus.web;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.Interruption;
import dev.hyperfocus.api.Json;
import dev.hyperfocus.api.Session;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code GET /users/{id}/export}: everything the service holds about a user, as one JSON document
 * or as CSV of the sessions or of the interruptions. The rows are streamed a history page at a
 * time (see {@link ExportStream}), so memory stays constant for any history.
 */
final class ExportRoutes {
  static final String JSON = "json";
  static final String CSV = "csv";
  static final ExportStream.Section SESSIONS =
      new ExportStream.Section(Json.SESSIONS, Address.SESSIONS_HISTORY, Session.FIELDS);
  static final ExportStream.Section INTERRUPTIONS =
      new ExportStream.Section(Json.INTERRUPTIONS, Address.INTERRUPTIONS_HISTORY, Interruption.FIELDS);

  private final Bus bus;

  ExportRoutes(Bus bus) {
    this.bus = bus;
  }

  void export(RoutingContext ctx) {
    Input path = Input.params("path", ctx::pathParam, new JsonArray());
    Long id = path.id(Json.ID);
    Input query = path.params("query", name -> ctx.queryParams().get(name));
    String format = query.choice(Json.FORMAT, List.of(JSON, CSV), JSON);
    String what = CSV.equals(format) ? query.choice(Json.WHAT, List.of(Json.SESSIONS, Json.INTERRUPTIONS), null) : null;
    path.check();
    ExportStream.Format chosen = JSON.equals(format)
        ? ExportStream.json(List.of(SESSIONS, INTERRUPTIONS))
        : ExportStream.csv(Json.SESSIONS.equals(what) ? SESSIONS : INTERRUPTIONS);
    bus.request(Address.USERS_GET, UserRoutes.owned(ctx, id)).onComplete(user -> {
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
