package dev.hyperfocus.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.web.ops.OperationsRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document and the router must agree: every route is documented, and every documented
 * operation reaches a route (the router's own 404 / 405 never answers it). The web verticle runs
 * alone, so requests that reach a route end in 401 or 503 (no data node), never in the router's 404.
 */
class OpenApiAgreementTest {
  /**
   * Operations of the contract built on other branches (dashboard, export, live updates): they
   * must be documented, and are checked like the others once their routes exist.
   */
  private static final Set<String> BUILT_ELSEWHERE = Set.of(
      "GET /dashboard", "GET /users/{}/export", "GET /users/{}/live");

  private static Vertx vertx;
  private static WebVerticle web;
  private static JsonObject document;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    web = new WebVerticle();
    vertx.deployVerticle(web, new io.vertx.core.DeploymentOptions()
        .setConfig(new JsonObject().put("http_port", "0").put("bus_timeout", "500")))
        .await(60, TimeUnit.SECONDS);
    try (InputStream in = OpenApiAgreementTest.class.getClassLoader().getResourceAsStream(OperationsRoutes.OPENAPI)) {
      document = new JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(60, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("The document is OpenAPI 3.1 with a bearer security scheme and the shared error shapes")
  void documentIsOpenApi31() {
    assertThat(document.getString("openapi")).startsWith("3.1.");
    JsonObject components = document.getJsonObject("components");
    assertThat(components.getJsonObject("securitySchemes").getJsonObject("bearerAuth").getString("scheme")).isEqualTo("bearer");
    assertThat(components.getJsonObject("schemas").fieldNames())
        .contains("Error", "ValidationError", "User", "Session", "Interruption", "StatsSummary",
            "StatsInterruptionTypes", "StatsProductiveHours", "StatsPeakDistractionTime", "StatsWeeklyPattern");
  }

  @Test
  @DisplayName("Every route of the router is documented")
  void everyRouteIsDocumented() {
    Set<String> documented = documentedOperations();
    List<String> undocumented = new ArrayList<>();
    for (Route route : web.router().getRoutes()) {
      if (route.getPath() == null || route.methods() == null || isStaticFolder(route, documented)) {
        continue;
      }
      for (HttpMethod method : route.methods()) {
        String operation = method.name() + " " + normalize(route.getPath());
        if (!documented.contains(operation)) {
          undocumented.add(operation);
        }
      }
    }
    assertThat(undocumented).as("routes missing from openapi.json").isEmpty();
  }

  @Test
  @DisplayName("Every documented operation reaches a route")
  void everyDocumentedOperationIsRouted() throws Exception {
    Set<String> routed = routedOperations();
    List<String> unrouted = new ArrayList<>();
    for (String operation : documentedOperations()) {
      if (BUILT_ELSEWHERE.contains(operation) && !routed.contains(operation)) {
        continue;
      }
      String method = operation.substring(0, operation.indexOf(' '));
      String path = operation.substring(operation.indexOf(' ') + 1).replace("{}", "1");
      HttpResponse<String> response = send(method, path);
      boolean routerAnswered = response.statusCode() == 405
          || (response.statusCode() == 404 && response.body().contains("\"Not Found\""));
      if (routerAnswered) {
        unrouted.add(operation + " -> " + response.statusCode());
      }
    }
    assertThat(unrouted).as("documented operations the router does not know").isEmpty();
  }

  @Test
  @DisplayName("Operations built on other branches are part of the document")
  void operationsBuiltElsewhereAreDocumented() {
    assertThat(documentedOperations()).containsAll(BUILT_ELSEWHERE);
  }

  private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
    boolean withBody = method.equals("POST") || method.equals("PATCH");
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.actualPort() + path))
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        .method(method, withBody ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody())
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** "METHOD /path/{}" for every operation of the document (parameter names do not matter). */
  private static Set<String> documentedOperations() {
    Set<String> operations = new TreeSet<>();
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        operations.add(method.toUpperCase(Locale.ROOT) + " " + normalize(path));
      }
    }
    return operations;
  }

  private static Set<String> routedOperations() {
    Set<String> operations = new TreeSet<>();
    for (Route route : web.router().getRoutes()) {
      if (route.getPath() != null && route.methods() != null) {
        route.methods().forEach(method -> operations.add(method.name() + " " + normalize(route.getPath())));
      }
    }
    return operations;
  }

  /** A folder of static files that belongs to a documented page ({@code /docs/assets/*} to {@code /docs}). */
  private static boolean isStaticFolder(Route route, Set<String> documented) {
    if (route.isExactPath()) {
      return false;
    }
    String folder = route.getPath().replaceAll("/+$", "");
    String page = folder.substring(0, Math.max(folder.lastIndexOf('/'), 1));
    return documented.contains("GET " + normalize(page));
  }

  private static String normalize(String path) {
    return path.replaceAll("\\{[^}/]+}", "{}").replaceAll(":[A-Za-z0-9_]+", "{}");
  }
}
