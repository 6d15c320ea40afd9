package dev.hyperfocus.web;

import dev.hyperfocus.api.Json;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Writes JSON responses, and maps every failure to its status and body in one place. */
final class Responses {
  static final String REQUEST_ID = "X-Request-Id";
  private static final Logger LOG = Logger.getLogger(Responses.class.getName());
  private static final String RETRY_AFTER_SECONDS = "1";

  private Responses() {}

  static void json(RoutingContext ctx, int status, Object body) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(status).putHeader("Content-Type", "application/json");
    response.end(body instanceof JsonObject object ? object.toBuffer() : ((JsonArray) body).toBuffer());
  }

  static void noContent(RoutingContext ctx) {
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(204).end();
    }
  }

  static void detail(RoutingContext ctx, int status, Object detail) {
    json(ctx, status, new JsonObject().put(Json.DETAIL, detail));
  }

  /** Answers a failure: validation, an edge problem, a domain reply failure, or a bug (500). */
  static void failure(RoutingContext ctx, Throwable failure) {
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
    } else if (code == 422 && reply.getMessage() != null && reply.getMessage().startsWith("{")) {
      json(ctx, 422, new JsonObject(reply.getMessage()));
    } else if (code >= 400 && code < 500) {
      detail(ctx, code, reply.getMessage());
    } else {
      LOG.severe("Domain failure " + code + " on " + ctx.request().path() + " request "
          + ctx.response().headers().get(REQUEST_ID) + ": " + reply.getMessage());
      detail(ctx, 500, "Internal Server Error");
    }
  }
}
