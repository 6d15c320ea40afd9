package dev.hyperfocus.web.rest;

import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.InvalidField;
import dev.hyperfocus.runtime.RequestIds;
import dev.hyperfocus.web.input.Invalid;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Writes JSON responses, and maps every failure to its status and body in one place. */
public final class Responses {
  static final String REQUEST_ID = RequestIds.HEADER;
  private static final Logger LOG = Logger.getLogger(Responses.class.getName());
  private static final String RETRY_AFTER_SECONDS = "1";

  private Responses() {}

  /** Answers {@code status} with a JSON body. */
  public static void json(RoutingContext ctx, int status, Object body) {
    encoded(ctx, status, body instanceof JsonObject object ? object.toBuffer() : ((JsonArray) body).toBuffer());
  }

  /** Answers {@code status} with a JSON document that is already encoded. */
  static void encoded(RoutingContext ctx, int status, Buffer body) {
    write(ctx, status, body);
  }

  public static void noContent(RoutingContext ctx) {
    write(ctx, 204, null);
  }

  /** A kept response, answered again to a repeat of its request. */
  static void replay(RoutingContext ctx, int status, String body) {
    write(ctx, status, body == null || body.isEmpty() ? null : Buffer.buffer(body));
  }

  private static void write(RoutingContext ctx, int status, Buffer body) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(status);
    if (body == null) {
      response.end();
    } else {
      response.putHeader("Content-Type", "application/json").end(body);
    }
  }

  public static void detail(RoutingContext ctx, int status, Object detail) {
    json(ctx, status, new JsonObject().put(Fields.DETAIL, detail));
  }

  /**
   * Maps a failed route: our own failures by type, Vert.x's by status code (a client error that
   * Vert.x Web found itself, such as HTTP/1.1 without a Host header, keeps its status and text).
   */
  public static void routeFailure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status = ctx.statusCode();
    if (failure instanceof HttpException http) {
      status = http.getStatusCode();
      failure = null;
    }
    if (failure != null && status >= 400 && status < 500
        && !(failure instanceof Invalid || failure instanceof HttpProblem || failure instanceof ReplyException)) {
      detail(ctx, status, failure instanceof VertxException ? failure.getMessage() : "Bad Request");
      return;
    }
    if (failure != null) {
      failure(ctx, failure);
      return;
    }
    switch (status) {
      case 413 -> {
        // the body is refused unread: drop what still comes and close, so the client sees the 413
        ctx.response().putHeader("Connection", "close");
        ctx.request().resume();
        detail(ctx, 413, "Request body too large (limit 64 KiB)");
      }
      case 503 -> {
        ctx.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
        detail(ctx, 503, "Request took too long");
      }
      case 404 -> detail(ctx, 404, "Not Found");
      case 405 -> detail(ctx, 405, "Method Not Allowed");
      default -> detail(ctx, status >= 400 && status < 500 ? status : 500,
          status >= 400 && status < 500 ? "Bad Request" : "Internal Server Error");
    }
  }

  /** Answers a failure: validation, an edge problem, a domain reply failure, or a bug (500). */
  public static void failure(RoutingContext ctx, Throwable failure) {
    if (failure instanceof Invalid invalid) {
      detail(ctx, 422, invalid.detail());
    } else if (failure instanceof HttpProblem problem) {
      if (problem.status() == 401) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
      }
      detail(ctx, problem.status(), problem.getMessage());
    } else if (failure instanceof ReplyException reply) {
      replyFailure(ctx, reply);
    } else {
      LOG.log(Level.SEVERE, "Unexpected failure of " + ctx.request().method() + " " + ctx.request().path()
          + " request " + ctx.response().headers().get(REQUEST_ID), failure);
      detail(ctx, 500, "Internal Server Error");
    }
  }

  private static void replyFailure(RoutingContext ctx, ReplyException reply) {
    int code = reply.failureCode();
    boolean unavailable = switch (reply.failureType()) {
      case NO_HANDLERS, TIMEOUT -> true;
      default -> code < 400 || code == 503;
    };
    if (unavailable) {
      ctx.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
      detail(ctx, 503, code == 503 && reply.getMessage() != null ? reply.getMessage()
          : "Service temporarily unavailable: the data node did not answer in time");
    } else if (code == 401) {
      failure(ctx, new HttpProblem(401, reply.getMessage()));
    } else if (reply instanceof InvalidField invalid) {
      json(ctx, 422, invalid.body());
    } else if (code >= 400 && code < 500) {
      detail(ctx, code, reply.getMessage());
    } else {
      LOG.severe("Domain failure " + code + " on " + ctx.request().path() + " request "
          + ctx.response().headers().get(REQUEST_ID) + ": " + reply.getMessage());
      detail(ctx, 500, "Internal Server Error");
    }
  }
}
