package dev.hyperfocus.web.edge;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Closes the connection of a client that is still sending its request body when the response
 * has been sent (a request timeout, an early 401 or 413) and has not finished within the grace
 * time. Vert.x would otherwise keep reading that body, and a client sending a byte now and then
 * stays within the idle timeout forever.
 */
public final class SlowClients {
  private final long graceMs;

  public SlowClients(long graceMs) {
    this.graceMs = graceMs;
  }

  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    ctx.addEndHandler(ended -> {
      if (!request.isEnded()) {
        ctx.vertx().setTimer(graceMs, fired -> {
          if (!request.isEnded()) {
            request.connection().close();
          }
        });
      }
    });
    ctx.next();
  }
}
