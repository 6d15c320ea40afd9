package dev.hyperfocus.web.edge;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The route template of a request path ({@code /users/:id} for {@code /users/7}), found the way
 * the router matches: routes in order, an optional trailing slash, {@code *} for any rest. Access
 * lines name templates, not raw paths, so that they group and never carry ids.
 */
public final class RouteTemplates {
  private static final Pattern PARAM = Pattern.compile(":[A-Za-z0-9_]+");

  private record Template(Set<HttpMethod> methods, Pattern pattern, String path) {}

  private final List<Template> templates;

  private RouteTemplates(List<Template> templates) {
    this.templates = templates;
  }

  public static RouteTemplates of(Router router) {
    return new RouteTemplates(router.getRoutes().stream()
        .filter(route -> route.getPath() != null)
        .map(RouteTemplates::template)
        .toList());
  }

  private static Template template(Route route) {
    String path = route.getPath();
    StringBuilder regex = new StringBuilder();
    Matcher param = PARAM.matcher(path);
    int literal = 0;
    while (param.find()) {
      regex.append(Pattern.quote(path.substring(literal, param.start()))).append("[^/]+");
      literal = param.end();
    }
    regex.append(Pattern.quote(path.substring(literal)));
    boolean prefix = !route.isExactPath();
    String shown = prefix ? path + "*" : path;
    return new Template(route.methods() == null ? Set.of() : route.methods(),
        Pattern.compile(prefix ? regex + ".*" : regex + "/?"), shown);
  }

  /** The template of the first route matching method and path, else of one matching the path; or null. */
  String find(HttpMethod method, String path) {
    String anyMethod = null;
    for (Template template : templates) {
      if (template.pattern().matcher(path).matches()) {
        if (template.methods().isEmpty() || template.methods().contains(method)) {
          return template.path();
        }
        if (anyMethod == null) {
          anyMethod = template.path();
        }
      }
    }
    return anyMethod;
  }
}
