package dev.hyperfocus.launcher.logs;

import java.util.logging.Logger;
import org.apache.logging.log4j.jul.AbstractLoggerAdapter;
import org.apache.logging.log4j.spi.LoggerContext;

/**
 * The loggers that {@code java.util.logging.Logger.getLogger} returns once log4j-jul's log
 * manager is installed (named by the Log4j property {@code log4j.jul.LoggerAdapter}). log4j-jul's
 * own adapters format every record that has parameters with {@code MessageFormat}, which drops
 * quotes and throws on a lone brace; ours keep the JDK's rules (see {@link RecordMessage}).
 */
public final class JulLoggers extends AbstractLoggerAdapter {
  @Override
  protected Logger newLogger(String name, LoggerContext context) {
    return new JulLogger(context.getLogger(name));
  }
}
