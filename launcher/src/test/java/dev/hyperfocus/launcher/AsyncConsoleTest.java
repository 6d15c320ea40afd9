package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.runtime.RequestIds;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The console formats lines on its own thread, after the logging thread has moved on. */
class AsyncConsoleTest {

  @Test
  @DisplayName("A line logged while serving a request names that request, though formatted on the console's thread")
  void requestIdOfTheLoggingThread() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AsyncConsole console = new AsyncConsole(new LogSetup.TextLines(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    Vertx vertx = Vertx.vertx();
    try {
      ContextInternal request = ((ContextInternal) vertx.getOrCreateContext()).duplicate();
      Promise<Void> logged = Promise.promise();
      request.runOnContext(nothing -> {
        RequestIds.bind("req-42");
        console.publish(record(Level.WARNING, "inside the request"));
        logged.complete();
      });
      logged.future().await(10, TimeUnit.SECONDS);
      console.publish(record(Level.INFO, "outside any request"));
      console.flush();
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
        .anySatisfy(line -> assertThat(line).endsWith("WARNING test [req-42] - inside the request"))
        .anySatisfy(line -> assertThat(line).endsWith("INFO test - outside any request"));
  }

  @Test
  @DisplayName("A record that cannot be formatted is written plainly and the writer goes on")
  void unformattableRecord() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AsyncConsole console = new AsyncConsole(new LogSetup.JsonLines(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    LogRecord broken = record(Level.INFO, "broken fields");
    broken.setParameters(new Object[] {new JsonObject().put("thing", new Object())});
    console.publish(broken);
    console.publish(record(Level.INFO, "next line"));
    console.flush();

    assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).hasSize(2)
        .satisfies(lines -> assertThat(lines.get(0)).startsWith("INFO test - broken fields (not formatted: "))
        .satisfies(lines -> assertThat(new JsonObject(lines.get(1)).getString("message")).isEqualTo("next line"));
  }

  private static LogRecord record(Level level, String message) {
    LogRecord record = new LogRecord(level, message);
    record.setLoggerName("test");
    return record;
  }
}
