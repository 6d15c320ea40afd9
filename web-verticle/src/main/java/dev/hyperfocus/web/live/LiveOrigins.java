package dev.hyperfocus.web.live;

import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Which browser pages may open a live socket: the service's own origin, or one of
 * {@code HYPERFOCUS_CORS_ORIGINS} (compared exactly, as the CORS handler does).
 *
 * <p>"Own origin" is the host and port of the request's {@code Host} header with an {@code http}
 * or {@code https} scheme: behind a TLS-terminating proxy the page is {@code https://host} while
 * this server sees plain HTTP, and a page cannot choose the {@code Host} its browser sends, so the
 * host and port are what tell this service's pages from another site's. A port left out on either
 * side is the scheme's default (80 / 443). {@code Origin: null} (sandboxed frames, local files)
 * is never own.
 */
final class LiveOrigins {
  private final Set<String> allowed;

  LiveOrigins(Set<String> allowed) {
    this.allowed = allowed;
  }

  boolean allows(HttpServerRequest request) {
    String origin = request.getHeader("Origin");
    if (origin == null || allowed.contains(origin)) {
      return true;
    }
    String host = request.getHeader("Host");
    return host != null && own(origin.strip(), host.strip());
  }

  static boolean own(String origin, String hostHeader) {
    URI page;
    try {
      page = new URI(origin);
    } catch (URISyntaxException e) {
      return false;
    }
    String scheme = page.getScheme() == null ? "" : page.getScheme().toLowerCase(Locale.ROOT);
    int defaultPort = switch (scheme) {
      case "http" -> 80;
      case "https" -> 443;
      default -> -1;
    };
    if (defaultPort < 0 || page.getHost() == null || page.getRawPath() != null && !page.getRawPath().isEmpty()
        || page.getRawUserInfo() != null || page.getRawQuery() != null || page.getRawFragment() != null) {
      return false;
    }
    URI served;
    try {
      served = new URI("http://" + hostHeader);
    } catch (URISyntaxException e) {
      return false;
    }
    if (served.getHost() == null || served.getRawUserInfo() != null
        || served.getRawPath() != null && !served.getRawPath().isEmpty()) {
      return false;
    }
    int pagePort = page.getPort() < 0 ? defaultPort : page.getPort();
    int servedPort = served.getPort() < 0 ? defaultPort : served.getPort();
    return page.getHost().equalsIgnoreCase(served.getHost()) && pagePort == servedPort;
  }
}
