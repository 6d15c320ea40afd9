package dev.hyperfocus.launcher;

import java.util.logging.LogManager;

/**
 * The JDK's log manager closes every log handler from a shutdown hook of its own, which runs at
 * the same time as ours: the lines of a graceful shutdown ("Stopped ...") were lost. This one
 * never resets; {@link LogSetup} installs the only handlers, and each flushes every line.
 * {@link Main} selects it before anything logs.
 */
public final class KeepOpenLogManager extends LogManager {
  @Override
  public void reset() {
    // keep the handlers LogSetup installed until the process ends
  }
}
