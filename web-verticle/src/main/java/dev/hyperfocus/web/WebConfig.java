package dev.hyperfocus.web;

import dev.hyperfocus.api.Setting;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/** The settings the web verticle reads, from its deployment config (keys of {@link Setting}). */
record WebConfig(
    String host,
    int port,
    boolean tokens,
    long busTimeoutMs,
    int idleTimeoutSeconds,
    long requestTimeoutMs,
    boolean dataLocal) {

  static WebConfig fromJson(JsonObject config) {
    return new WebConfig(
        get(config, Setting.HTTP_HOST),
        Integer.parseInt(get(config, Setting.HTTP_PORT)),
        !"none".equalsIgnoreCase(get(config, Setting.AUTH)),
        Long.parseLong(get(config, Setting.BUS_TIMEOUT)),
        Integer.parseInt(get(config, Setting.IDLE_TIMEOUT)),
        Long.parseLong(get(config, Setting.REQUEST_TIMEOUT)) * 1000,
        List.of(get(config, Setting.ROLES).toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains("data"));
  }

  private static String get(JsonObject config, Setting setting) {
    Object value = config.getValue(setting.key());
    return value == null ? setting.defaultValue() : value.toString();
  }
}
