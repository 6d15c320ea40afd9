package dev.hyperfocus.web.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RouteTemplatesTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("Access lines name the route template the router would match, never the ids")
  void findsTheTemplate() {
    Router router = Router.router(vertx);
    router.route().handler(ctx -> ctx.next());
    router.get("/users/me").handler(ctx -> ctx.end());
    router.get("/users/:id").handler(ctx -> ctx.end());
    router.get("/users/:user_id/stats/summary").handler(ctx -> ctx.end());
    router.get("/docs/assets/*").handler(ctx -> ctx.end());
    RouteTemplates templates = RouteTemplates.of(router);

    assertThat(templates.find(HttpMethod.GET, "/users/me")).isEqualTo("/users/me");
    assertThat(templates.find(HttpMethod.GET, "/users/42")).isEqualTo("/users/:id");
    assertThat(templates.find(HttpMethod.GET, "/users/42/")).isEqualTo("/users/:id");
    assertThat(templates.find(HttpMethod.GET, "/users/42/stats/summary")).isEqualTo("/users/:user_id/stats/summary");
    assertThat(templates.find(HttpMethod.GET, "/docs/assets/swagger-ui.css")).isEqualTo("/docs/assets/*");
    assertThat(templates.find(HttpMethod.DELETE, "/users/42")).as("wrong method, known path").isEqualTo("/users/:id");
    assertThat(templates.find(HttpMethod.GET, "/nowhere")).isNull();
  }
}
