package dev.hyperfocus.web.edge;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Browser hardening headers of pages ({@code X-Content-Type-Options: nosniff} is on every response,
 * set with the request id). Pages (the dashboard, the docs, {@code /}) get a content security
 * policy that allows only this origin's own files: no inline script or style, no framing. Any other
 * HTML response gets the same headers as it is written ({@link #anyHtml}).
 */
public final class SecurityHeaders {
  static final String PAGE_POLICY = String.join("; ",
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'");

  private SecurityHeaders() {}

  /** On pages, before the handler that serves them. */
  public static void page(RoutingContext ctx) {
    headers(ctx.response());
    ctx.next();
  }

  /**
   * On every request: whatever handler answers, an HTML response gets the page headers when they
   * are written (the docs' stock pages from the Swagger UI WebJar, {@code /docs/assets/index.html}
   * and {@code oauth2-redirect.html}, are served by a static handler that sets none).
   */
  public static void anyHtml(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    ctx.addHeadersEndHandler(written -> {
      String type = response.headers().get("Content-Type");
      if (type != null && type.regionMatches(true, 0, "text/html", 0, 9)
          && !response.headers().contains("Content-Security-Policy")) {
        headers(response);
      }
    });
    ctx.next();
  }

  private static void headers(HttpServerResponse response) {
    response
        .putHeader("Content-Security-Policy", PAGE_POLICY)
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("X-Frame-Options", "DENY");
  }
}
