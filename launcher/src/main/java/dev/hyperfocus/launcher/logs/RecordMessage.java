package dev.hyperfocus.launcher.logs;

import io.vertx.core.json.JsonObject;
import java.text.MessageFormat;
import java.util.logging.LogRecord;
import org.apache.logging.log4j.message.Message;

/**
 * A JUL record as a Log4j message. Its text follows the JDK's {@code Formatter.formatMessage}:
 * the parameters are filled in only when the text holds a placeholder such as <code>{0}</code>,
 * so a plain text is kept as it is. A record whose only parameter is a JSON object (the access
 * lines) carries that object as its fields, which the JSON line adds ({@link RequestFieldsResolverFactory}).
 */
final class RecordMessage implements Message {
  private static final long serialVersionUID = 1L;
  private final String format;
  private final transient Object[] parameters;
  private final String text;

  RecordMessage(LogRecord record) {
    this.format = record.getMessage();
    this.parameters = record.getParameters();
    this.text = text(format, parameters);
  }

  private static String text(String format, Object[] parameters) {
    if (format == null || parameters == null || parameters.length == 0) {
      return format;
    }
    for (int brace = format.indexOf('{'); brace >= 0 && brace + 1 < format.length();
        brace = format.indexOf('{', brace + 1)) {
      if (Character.isDigit(format.charAt(brace + 1))) {
        try {
          return MessageFormat.format(format, parameters);
        } catch (IllegalArgumentException e) {
          return format;
        }
      }
    }
    return format;
  }

  /** The fields of a structured line, or null. */
  JsonObject fields() {
    return parameters != null && parameters.length == 1 && parameters[0] instanceof JsonObject json ? json : null;
  }

  @Override
  public String getFormattedMessage() {
    return text;
  }

  @Override
  public String getFormat() {
    return format;
  }

  @Override
  public Object[] getParameters() {
    return parameters;
  }

  @Override
  public Throwable getThrowable() {
    return null;
  }
}
