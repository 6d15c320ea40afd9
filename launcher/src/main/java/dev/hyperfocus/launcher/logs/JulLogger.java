package dev.hyperfocus.launcher.logs;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.logging.log4j.jul.LevelTranslator;
import org.apache.logging.log4j.spi.ExtendedLogger;

/**
 * A {@code java.util.logging} logger that hands every record to a Log4j logger: its level
 * decides, and each record becomes a {@link RecordMessage}. All of JUL's convenience methods
 * ({@code info}, {@code log(Level, String, Throwable)}, ...) end in {@link #log(LogRecord)}.
 */
final class JulLogger extends Logger {
  private static final String FQCN = JulLogger.class.getName();
  private final ExtendedLogger log4j;

  JulLogger(ExtendedLogger log4j) {
    super(log4j.getName(), null);
    this.log4j = log4j;
  }

  @Override
  public boolean isLoggable(Level level) {
    return log4j.isEnabled(LevelTranslator.toLevel(level));
  }

  @Override
  public void log(LogRecord record) {
    org.apache.logging.log4j.Level level = LevelTranslator.toLevel(record.getLevel());
    if (log4j.isEnabled(level)) {
      log4j.logMessage(FQCN, level, null, new RecordMessage(record), record.getThrown());
    }
  }
}
