package dev.hyperfocus.launcher;

import dev.hyperfocus.runtime.RequestIds;
import dev.hyperfocus.api.Setting;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One line per log record: readable text by default, or one JSON object per line. A line written
 * while serving a request names its id; a record whose parameter is a JSON object (the access
 * lines) adds that object's fields to the JSON line.
 */
final class LogSetup {
  /** Held here: JUL keeps loggers weakly, and a collected one would forget its level. */
  private static final Logger HAZELCAST = Logger.getLogger("com.hazelcast");
  /** Warns at every start that CP data structures are unsafe; we use none. */
  private static final Logger HAZELCAST_CP = Logger.getLogger("com.hazelcast.cp.CPSubsystem");

  private LogSetup() {}

  static void configure(JsonObject config) {
    boolean json = "json".equals(config.getString(Setting.LOG_FORMAT.key()));
    Logger root = Logger.getLogger("");
    for (Handler handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    root.addHandler(new AsyncConsole(json ? new JsonLines() : new TextLines(), System.err));
    root.setLevel(Level.INFO);
    HAZELCAST.setLevel(Level.WARNING);
    HAZELCAST_CP.setLevel(Level.SEVERE);
  }

  /** Writes out every line logged so far (the console writer is asynchronous): before exiting. */
  static void flush() {
    for (Handler handler : Logger.getLogger("").getHandlers()) {
      handler.flush();
    }
  }

  /** The request id of a record: from its fields, else from the request being served now. */
  static String requestId(LogRecord record) {
    JsonObject fields = fields(record);
    String id = fields == null ? null : fields.getString(RequestIds.LOG_FIELD);
    return id != null ? id : RequestIds.current();
  }

  /**
   * Formats a record with the request id it was logged under, which only the logging thread
   * knows: so that a line can be formatted later, on the console's own thread.
   */
  abstract static class Lines extends Formatter {
    abstract String format(LogRecord record, String requestId);

    @Override
    public final String format(LogRecord record) {
      return format(record, requestId(record));
    }
  }

  private static JsonObject fields(LogRecord record) {
    Object[] parameters = record.getParameters();
    return parameters != null && parameters.length == 1 && parameters[0] instanceof JsonObject json ? json : null;
  }

  private static String thrown(LogRecord record) {
    if (record.getThrown() == null) {
      return null;
    }
    StringWriter out = new StringWriter();
    record.getThrown().printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  static final class TextLines extends Lines {
    @Override
    String format(LogRecord record, String id) {
      String thrown = thrown(record);
      return Instant.ofEpochMilli(record.getMillis()) + " " + record.getLevel() + " "
          + record.getLoggerName() + (id == null ? "" : " [" + id + "]") + " - " + formatMessage(record)
          + System.lineSeparator() + (thrown == null ? "" : thrown);
    }
  }

  static final class JsonLines extends Lines {
    @Override
    String format(LogRecord record, String id) {
      JsonObject line = new JsonObject()
          .put("time", Instant.ofEpochMilli(record.getMillis()).toString())
          .put("level", record.getLevel().getName())
          .put("logger", record.getLoggerName())
          .put("message", formatMessage(record));
      if (id != null) {
        line.put(RequestIds.LOG_FIELD, id);
      }
      JsonObject fields = fields(record);
      if (fields != null) {
        fields.forEach(field -> line.put(field.getKey(), field.getValue()));
      }
      String thrown = thrown(record);
      if (thrown != null) {
        line.put("error", thrown);
      }
      return line.encode() + System.lineSeparator();
    }
  }
}
