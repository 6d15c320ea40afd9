package dev.hyperfocus.web;

import dev.hyperfocus.api.Setting;
import dev.hyperfocus.web.edge.ClientAddresses;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The settings the web verticle reads, from its deployment config (keys of {@link Setting}). */
public record WebConfig(
    String host,
    int port,
    boolean tokens,
    long busTimeoutMs,
    int idleTimeoutSeconds,
    long requestTimeoutMs,
    int rateLimit,
    int signupRateLimit,
    int authFailureLimit,
    ClientAddresses clientAddresses,
    Set<String> allowedHosts,
    Set<String> corsOrigins,
    boolean dataLocal,
    int liveMaxSockets,
    String publicUrl,
    long livePingMs) {

  /** What an empty {@code allowed_hosts} means on a loopback interface. */
  static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");
  /** An {@link #allowedHosts} of this one name accepts any host. */
  public static final String ANY_HOST = "*";

  static WebConfig fromJson(JsonObject config) {
    String host = get(config, Setting.HTTP_HOST);
    return new WebConfig(
        host,
        Integer.parseInt(get(config, Setting.HTTP_PORT)),
        !"none".equalsIgnoreCase(get(config, Setting.AUTH)),
        Long.parseLong(get(config, Setting.BUS_TIMEOUT)),
        Integer.parseInt(get(config, Setting.IDLE_TIMEOUT)),
        Long.parseLong(get(config, Setting.REQUEST_TIMEOUT)) * 1000,
        Integer.parseInt(get(config, Setting.RATE_LIMIT)),
        Integer.parseInt(get(config, Setting.SIGNUP_RATE_LIMIT)),
        Integer.parseInt(get(config, Setting.AUTH_FAILURE_LIMIT)),
        ClientAddresses.parse(get(config, Setting.TRUSTED_PROXIES)),
        allowedHosts(get(config, Setting.ALLOWED_HOSTS), host),
        list(get(config, Setting.CORS_ORIGINS), false),
        List.of(get(config, Setting.ROLES).toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains("data"),
        Integer.parseInt(get(config, Setting.LIVE_MAX_SOCKETS)),
        get(config, Setting.PUBLIC_URL).strip(),
        Long.parseLong(get(config, Setting.LIVE_PING_INTERVAL)) * 1000);
  }

  /** The explicit list; else the loopback names when bound to loopback; else any ({@link #ANY_HOST}). */
  private static Set<String> allowedHosts(String value, String bindHost) {
    Set<String> names = list(value, true);
    if (!names.isEmpty()) {
      return names;
    }
    String bind = bindHost.toLowerCase(Locale.ROOT);
    boolean loopback = bind.startsWith("127.") || bind.equals("localhost") || bind.equals("::1") || bind.equals("[::1]");
    return loopback ? LOOPBACK_NAMES : Set.of(ANY_HOST);
  }

  private static Set<String> list(String value, boolean lowerCase) {
    return Arrays.stream(value.split(","))
        .map(String::strip)
        .filter(item -> !item.isEmpty())
        .map(item -> lowerCase ? item.toLowerCase(Locale.ROOT) : item)
        .collect(Collectors.toUnmodifiableSet());
  }

  private static String get(JsonObject config, Setting setting) {
    Object value = config.getValue(setting.key());
    return value == null ? setting.defaultValue() : value.toString();
  }
}
