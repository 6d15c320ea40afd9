package dev.hyperfocus.web.edge;

import io.vertx.ext.web.RoutingContext;

/**
 * Browser hardening headers of pages ({@code X-Content-Type-Options: nosniff} is on every response,
 * set with the request id). Pages (the dashboard, the docs, {@code /}) get a content security
 * policy that allows only this origin's own files: no inline script or style, no framing.
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
    ctx.response()
        .putHeader("Content-Security-Policy", PAGE_POLICY)
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("X-Frame-Options", "DENY");
    ctx.next();
  }
}
