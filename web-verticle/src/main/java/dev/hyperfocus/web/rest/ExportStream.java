package dev.hyperfocus.web.rest;

import dev.hyperfocus.api.Endpoint;
import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.History;
import dev.hyperfocus.api.Page;
import dev.hyperfocus.api.User;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes one export as a chunked response: asks the owning domain for one history page
 * ({@code after_id}, {@link Fields#HISTORY_PAGE} rows), writes it, and asks for the next page only
 * once the connection has taken the previous one (back-pressure), so at most about one page is
 * held in memory whatever the size of the history. A failure after the status line was sent
 * resets the connection: the client sees a broken download, never a short one that looks whole.
 */
final class ExportStream {
  private static final Logger LOG = Logger.getLogger(ExportStream.class.getName());

  /** A list of rows: its JSON key, the history address that pages it, and the fields it shows. */
  record Section(String key, Endpoint<History, Page> history, List<String> fields) {}

  /** How rows are framed: JSON with every section, or CSV of one. */
  record Format(String contentType, List<Section> sections, boolean json) {}

  static Format json(List<Section> sections) {
    return new Format("application/json", sections, true);
  }

  static Format csv(Section section) {
    return new Format("text/csv; charset=utf-8", List.of(section), false);
  }

  private final HttpServerResponse response;
  private final Bus bus;
  private final long userId;
  private final Format format;

  ExportStream(RoutingContext ctx, Bus bus, long userId, Format format) {
    this.response = ctx.response();
    this.bus = bus;
    this.userId = userId;
    this.format = format;
  }

  void start(User user, String fileName) {
    if (response.closed()) {
      return;
    }
    response.setStatusCode(200).setChunked(true)
        .putHeader("Content-Type", format.contentType())
        .putHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    Buffer head = Buffer.buffer();
    if (format.json()) {
      head.appendString("{\"" + Fields.USER + "\":").appendBuffer(user.toJson().toBuffer());
    } else {
      head.appendString(Csv.row(format.sections().get(0).fields()));
    }
    response.write(head);
    section(0);
  }

  private void section(int index) {
    if (index == format.sections().size()) {
      if (format.json()) {
        response.end("}");
      } else {
        response.end();
      }
      return;
    }
    if (format.json()) {
      response.write(",\"" + format.sections().get(index).key() + "\":[");
    }
    page(index, 0L, true);
  }

  private void page(int index, long afterId, boolean first) {
    if (response.closed()) {
      return;
    }
    Section section = format.sections().get(index);
    History request = new History(userId, afterId, Fields.HISTORY_PAGE);
    bus.request(section.history(), request).onComplete(reply -> {
      if (reply.failed()) {
        abort(reply.cause());
        return;
      }
      if (response.closed()) {
        return;
      }
      JsonArray items = reply.result().items();
      Buffer chunk = Buffer.buffer(items.size() * 256);
      for (int i = 0; i < items.size(); i++) {
        JsonObject item = items.getJsonObject(i);
        if (format.json()) {
          chunk.appendString(first && i == 0 ? "" : ",").appendBuffer(project(item, section.fields()).toBuffer());
        } else {
          chunk.appendString(Csv.row(section.fields().stream().map(item::getValue).toList()));
        }
      }
      boolean last = items.size() < request.limit();
      long lastId = reply.result().lastId(afterId);
      if (last && format.json()) {
        chunk.appendString("]");
      }
      response.write(chunk);
      Runnable next = last ? () -> section(index + 1) : () -> page(index, lastId, first && items.isEmpty());
      if (response.writeQueueFull()) {
        response.drainHandler(drained -> {
          response.drainHandler(null);
          next.run();
        });
      } else {
        next.run();
      }
    });
  }

  private static JsonObject project(JsonObject item, List<String> fields) {
    JsonObject row = new JsonObject();
    fields.forEach(field -> row.put(field, item.getValue(field)));
    return row;
  }

  private void abort(Throwable failure) {
    LOG.log(Level.WARNING, "Export of user " + userId + " failed midway, request "
        + response.headers().get(Responses.REQUEST_ID) + "; connection reset", failure);
    if (!response.closed()) {
      response.reset();
    }
  }
}
