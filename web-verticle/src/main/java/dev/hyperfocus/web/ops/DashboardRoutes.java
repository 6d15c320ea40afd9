package dev.hyperfocus.web.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * {@code GET /dashboard}: one page from the jar. Its asset URLs carry the build's version, so
 * the assets may be cached for long while the page itself is revalidated on every load.
 */
public final class DashboardRoutes {
  public static final String ASSETS = "/dashboard/assets/*";
  private static final String ROOT = "webroot/dashboard";
  private static final long ASSET_MAX_AGE_SECONDS = 365L * 24 * 3600;

  private final Buffer page;

  private DashboardRoutes(Buffer page) {
    this.page = page;
  }

  /** Reads the page once and writes the version into its asset links. */
  public static Future<DashboardRoutes> load(Vertx vertx) {
    ClassLoader loader = DashboardRoutes.class.getClassLoader();
    return vertx.executeBlocking(() -> {
      String version = read(loader, "hyperfocus-version.txt").strip();
      String html = read(loader, ROOT + "/index.html").replace("{{version}}", version);
      return new DashboardRoutes(Buffer.buffer(html));
    });
  }

  private static String read(ClassLoader loader, String resource) throws java.io.IOException {
    try (var in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  public void page(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .end(page);
  }

  public StaticHandler assets() {
    return StaticHandler.create(ROOT)
        .setDefaultContentEncoding("UTF-8")
        .setMaxAgeSeconds(ASSET_MAX_AGE_SECONDS)
        .setDirectoryListing(false);
  }
}
