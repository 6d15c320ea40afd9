package dev.hyperfocus.launcher.logs;

import dev.hyperfocus.api.Setting;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Console logging on Log4j 2, configured by {@code log4j2.xml} and
 * {@code log4j2.component.properties} in the launcher: everything that logs through
 * {@code java.util.logging} (all our modules), Vert.x, Netty and Hazelcast ends in one
 * asynchronous console writer, as text or one JSON object per line.
 */
public final class Logs {
  /** Read by {@code log4j2.xml}: {@code text} or {@code json}. */
  static final String FORMAT_PROPERTY = "hyperfocus.log.format";
  /** Read by {@code log4j2.xml}: the level of the root logger, a Log4j level name. */
  static final String LEVEL_PROPERTY = "hyperfocus.log.level";
  /** The {@code java.util.logging} names an operator may know better, as Log4j levels. */
  private static final Map<String, String> JUL_NAMES = Map.of(
      "severe", "error", "warning", "warn", "config", "info", "fine", "debug", "finer", "trace", "finest", "trace");
  private static final String[] LEVELS = {"off", "fatal", "error", "warn", "info", "debug", "trace", "all"};

  private Logs() {}

  /**
   * Routes {@code java.util.logging} and Vert.x to Log4j: before anything logs, since the JDK
   * picks its log manager once.
   */
  public static void install() {
    System.setProperty("java.util.logging.manager", "org.apache.logging.log4j.jul.LogManager");
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.Log4j2LogDelegateFactory");
  }

  /** The format and level of the resolved settings; before the first line is logged. */
  public static void configure(JsonObject config) {
    System.setProperty(FORMAT_PROPERTY, config.getString(Setting.LOG_FORMAT.key(), Setting.LOG_FORMAT.defaultValue()));
    System.setProperty(LEVEL_PROPERTY, log4jLevel(config.getString(Setting.LOG_LEVEL.key(), Setting.LOG_LEVEL.defaultValue())));
    if (LogManager.getFactory().hasContext(Logs.class.getName(), null, false)) {
      // something logged while the settings were read: read the configuration again with them
      Configurator.reconfigure();
    }
  }

  /** The Log4j level of a {@code HYPERFOCUS_LOG_LEVEL} value (a Log4j or a JUL name), or null. */
  public static String log4jLevel(String value) {
    String name = value.strip().toLowerCase(Locale.ROOT);
    name = JUL_NAMES.getOrDefault(name, name);
    for (String level : LEVELS) {
      if (level.equals(name)) {
        return level;
      }
    }
    return null;
  }

  /**
   * Writes out every line logged so far and stops the writer: the last thing the process does
   * (Log4j's own shutdown hook is off, so that a graceful shutdown's own lines are written).
   */
  public static void stop() {
    LogManager.shutdown();
  }
}
