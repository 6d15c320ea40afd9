package dev.hyperfocus.launcher.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.runtime.RequestIds;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.async.AsyncLoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationFactory;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The launcher's own {@code log4j2.xml} in an asynchronous logger context, as in the jar: a JUL
 * record goes through {@link JulLogger}, is captured with the request id of the thread that
 * logged it, and is formatted by the configured layout on Log4j's writer thread (the console
 * appender is swapped for one that keeps the lines).
 */
class LogLinesTest {
  private static final long WAIT_SECONDS = 10;

  private LoggerContext context;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  @AfterEach
  void stop() {
    if (context != null) {
      context.stop();
    }
    System.clearProperty(Logs.FORMAT_PROPERTY);
  }

  @Test
  @DisplayName("A line logged while serving a request names that request, though it is written on Log4j's thread")
  void requestIdOfTheLoggingThread() throws Exception {
    Logger log = start("text", "test");
    Vertx vertx = Vertx.vertx();
    try {
      ContextInternal request = ((ContextInternal) vertx.getOrCreateContext()).duplicate();
      Promise<Void> logged = Promise.promise();
      request.runOnContext(nothing -> {
        RequestIds.bind("req-42");
        log.warning("inside the request");
        logged.complete();
      });
      logged.future().await(WAIT_SECONDS, TimeUnit.SECONDS);
      log.info("outside any request");
    } finally {
      vertx.close().await(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    List<String> written = take(2);
    assertThat(written.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z "
        + "WARNING test \\[req-42] - inside the request" + System.lineSeparator());
    assertThat(written.get(1)).endsWith(" INFO test - outside any request" + System.lineSeparator());
  }

  @Test
  @DisplayName("JSON lines: the access line's fields at the top level in their order, numbers as numbers, JUL level names, the stack trace as error")
  void jsonLines() throws Exception {
    Logger log = start("json", "dev.hyperfocus.access");
    LogRecord access = new LogRecord(Level.INFO, "GET /it's/{odd 404 3 ms");
    access.setParameters(new Object[] {new JsonObject().put(RequestIds.LOG_FIELD, "abc-123").put("method", "GET")
        .put("route", "/it's/{odd").put("status", 404).put("duration_ms", 3L)});
    log.log(access);
    log.log(Level.SEVERE, "Unexpected failure", new IllegalStateException("boom"));
    log.log(Level.FINE, "not written at INFO");
    log.log(Level.WARNING, "user {0} of {1}", new Object[] {7, "ada"});

    List<String> written = take(3);
    assertThat(written.get(0)).matches("\\{\"time\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\","
        + "\"level\":\"INFO\",\"logger\":\"dev.hyperfocus.access\",\"message\":\"GET /it's/\\{odd 404 3 ms\","
        + "\"request_id\":\"abc-123\",\"method\":\"GET\",\"route\":\"/it's/\\{odd\",\"status\":404,\"duration_ms\":3}"
        + System.lineSeparator());
    JsonObject failure = new JsonObject(written.get(1));
    assertThat(failure.getString("level")).isEqualTo("SEVERE");
    assertThat(failure.getString("message")).isEqualTo("Unexpected failure");
    assertThat(failure.getString("error")).startsWith("java.lang.IllegalStateException: boom").contains("\tat ");
    assertThat(failure.containsKey(RequestIds.LOG_FIELD)).isFalse();
    JsonObject warning = new JsonObject(written.get(2));
    assertThat(warning.getString("level")).isEqualTo("WARNING");
    assertThat(warning.getString("message")).as("JUL's placeholders").isEqualTo("user 7 of ada");
    assertThat(warning.fieldNames()).containsExactly("time", "level", "logger", "message");
    assertThat(lines.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  @DisplayName("Hazelcast is quiet below WARNING; HYPERFOCUS_LOG_LEVEL takes Log4j and JUL names")
  void levels() throws Exception {
    start("text", "test");
    assertThat(context.getLogger("com.hazelcast.instance.impl.Node").isInfoEnabled()).isFalse();
    assertThat(context.getLogger("com.hazelcast.instance.impl.Node").isWarnEnabled()).isTrue();
    assertThat(context.getLogger("com.hazelcast.cp.CPSubsystem").isWarnEnabled()).isFalse();
    assertThat(context.getLogger("io.vertx.core.impl.VertxImpl").isInfoEnabled()).isTrue();
    assertThat(context.getLogger("io.vertx.core.impl.VertxImpl").isDebugEnabled()).isFalse();
    assertThat(Logs.log4jLevel("WARNING")).isEqualTo("warn");
    assertThat(Logs.log4jLevel("fine")).isEqualTo("debug");
    assertThat(Logs.log4jLevel("debug")).isEqualTo("debug");
    assertThat(Logs.log4jLevel("loud")).isNull();
  }

  /** The launcher's configuration in a context of its own; returns a JUL logger of that context. */
  private Logger start(String format, String loggerName) throws Exception {
    System.setProperty(Logs.FORMAT_PROPERTY, format);
    URI location = LogLinesTest.class.getResource("/log4j2.xml").toURI();
    context = new AsyncLoggerContext("log-lines-" + format);
    Configuration configuration = ConfigurationFactory.getInstance().getConfiguration(context, "test", location);
    context.start(configuration);
    Configuration running = context.getConfiguration();
    Layout<?> layout = running.getAppender("console").getLayout();
    Appender keep = new AbstractAppender("kept", null, layout, true, Property.EMPTY_ARRAY) {
      @Override
      public void append(LogEvent event) {
        lines.add(getLayout().toSerializable(event).toString());
      }
    };
    keep.start();
    running.addAppender(keep);
    LoggerConfig root = running.getRootLogger();
    root.removeAppender("console");
    root.addAppender(keep, null, null);
    context.updateLoggers();
    return new JulLogger(context.getLogger(loggerName));
  }

  private List<String> take(int count) throws InterruptedException {
    List<String> taken = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String line = lines.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(line).as("line %d of %d within %d s, after %s", i + 1, count, WAIT_SECONDS, taken).isNotNull();
      taken.add(line);
    }
    return taken;
  }
}
