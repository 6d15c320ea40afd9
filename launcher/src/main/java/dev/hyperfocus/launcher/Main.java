package dev.hyperfocus.launcher;

import dev.hyperfocus.launcher.logs.Logs;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code java -jar hyperfocus.jar [--flag value]...}: resolves settings and starts a node. */
public final class Main {
  static {
    Logs.install();
  }

  /** Set once the settings have chosen the log format: Log4j reads its configuration at the first logger. */
  private static Logger log;
  private static final long SHUTDOWN_SECONDS = 30;
  /**
   * Exit status after a storage failure (full disk, I/O error, damaged file): a supervisor should
   * not restart into the same failure (systemd: {@code RestartPreventExitStatus=3}).
   */
  static final int STORAGE_FAILURE = 3;

  private Main() {}

  public static void main(String[] args) {
    JsonObject config;
    try {
      config = Settings.resolve(args, System.getenv());
    } catch (Settings.Invalid e) {
      System.err.println("hyperfocus: " + e.getMessage());
      System.exit(2);
      return;
    }
    Logs.configure(config);
    log = Logger.getLogger(Main.class.getName());
    HyperFocus node;
    try {
      node = HyperFocus.start(config, Clock.systemUTC()).await(5, TimeUnit.MINUTES);
    } catch (Exception e) {
      log.severe("HyperFocus could not start: " + rootMessage(e));
      Logs.stop();
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(node), "hyperfocus-shutdown"));
    // exit from a thread of its own: the shutdown hook needs the event loops that reported it
    node.onStorageFailure(detail -> new Thread(() -> System.exit(STORAGE_FAILURE), "hyperfocus-storage-failure").start());
  }

  private static void stop(HyperFocus node) {
    log.info("Shutting down");
    CountDownLatch done = new CountDownLatch(1);
    node.stop().onComplete(closed -> {
      if (closed.succeeded()) {
        log.info("Stopped: in-flight requests finished, databases closed");
      } else {
        log.warning("Shutdown finished with an error: " + closed.cause());
      }
      done.countDown();
    });
    try {
      if (!done.await(SHUTDOWN_SECONDS, TimeUnit.SECONDS)) {
        log.warning("Shutdown did not finish within " + SHUTDOWN_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Logs.stop();
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getMessage() == null) {
      cause = cause.getCause();
    }
    log.log(Level.FINE, "start-up failure", e);
    return cause.getMessage();
  }
}
