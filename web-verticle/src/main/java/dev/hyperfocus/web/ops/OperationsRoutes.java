package dev.hyperfocus.web.ops;

import dev.hyperfocus.runtime.Meters;
import dev.hyperfocus.web.rest.Responses;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * {@code /openapi.json} (the contract, a resource of this module), {@code /docs} (Swagger UI from
 * its WebJar rendering that document) and {@code /metrics} (the node's Prometheus registry).
 */
public final class OperationsRoutes {
  public static final String OPENAPI = "openapi.json";
  private static final String DOCS_PAGE = "docs/index.html";
  private static final String DOCS_FOLDER = "docs";
  private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
  private static final String WEBJAR_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

  private final Buffer openapi;
  private final Buffer page;
  private final String swaggerUiVersion;
  private final Handler<RoutingContext> scrape;

  private OperationsRoutes(Buffer openapi, Buffer page, String swaggerUiVersion, MeterRegistry registry) {
    this.openapi = new JsonObject(openapi).toBuffer();
    this.page = page;
    this.swaggerUiVersion = swaggerUiVersion;
    this.scrape = registry instanceof PrometheusMeterRegistry prometheus
        ? PrometheusScrapingHandler.create(prometheus)
        : ctx -> Responses.detail(ctx, 503, "Metrics are not enabled on this node");
  }

  /** Reads the document, the docs page and the WebJar's version from the class path. */
  public static Future<OperationsRoutes> load(Vertx vertx) {
    return vertx.executeBlocking(() -> new OperationsRoutes(resource(OPENAPI), resource(DOCS_PAGE),
        webjarVersion(), Meters.of(vertx).registry()));
  }

  public void openapi(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/json").end(openapi);
  }

  public void docs(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(page);
  }

  /** The page's own script (kept out of the page: no inline script). */
  public StaticHandler docsFiles() {
    return StaticHandler.create(DOCS_FOLDER);
  }

  /** The renderer's files, straight from the WebJar in the jar. */
  public StaticHandler docsAssets() {
    return StaticHandler.create(WEBJAR + swaggerUiVersion).setMaxAgeSeconds(86_400);
  }

  public void metrics(RoutingContext ctx) {
    scrape.handle(ctx);
  }

  private static Buffer resource(String name) {
    try (InputStream in = OperationsRoutes.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing class-path resource " + name);
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String webjarVersion() {
    Properties pom = new Properties();
    try (InputStream in = OperationsRoutes.class.getClassLoader().getResourceAsStream(WEBJAR_POM)) {
      if (in == null) {
        throw new IllegalStateException("the swagger-ui WebJar is not on the class path");
      }
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pom.getProperty("version");
  }
}
