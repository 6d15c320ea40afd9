package dev.hyperfocus.web.imports;

import dev.hyperfocus.web.rest.HttpProblem;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;

/**
 * Streams a request body to a temporary file (owner-only, as {@code Files.createTempFile} makes it)
 * with back-pressure, so that an import of up to {@link #LIMIT} bytes never sits in memory. A
 * declared {@code Content-Length} over the limit is refused before a byte is read; a body that
 * grows past it while streaming is refused the moment it does. Either way the file is gone.
 */
final class Upload {
  /** 50 MiB. */
  static final long LIMIT = 50L * 1024 * 1024;
  static final String TOO_LARGE = "Request body too large (limit 50 MB)";

  private Upload() {}

  /** The file holding the whole body; the caller deletes it. Fails with a 413 past {@code limit}. */
  static Future<Path> receive(RoutingContext ctx, long limit) {
    HttpServerRequest request = ctx.request();
    String declared = request.getHeader("Content-Length");
    if (declared != null && tooLong(declared, limit)) {
      return Future.failedFuture(tooLarge(ctx));
    }
    var files = ctx.vertx().fileSystem();
    return files.createTempFile("hyperfocus-import-", ".upload").compose(name -> {
      Path path = Path.of(name);
      return files.open(name, new OpenOptions().setWrite(true).setTruncateExisting(true))
          .compose(file -> stream(ctx, file, limit))
          .map(path)
          .recover(failed -> files.delete(name).transform(deleted -> Future.<Path>failedFuture(failed)));
    });
  }

  private static Future<Void> stream(RoutingContext ctx, AsyncFile file, long limit) {
    HttpServerRequest request = ctx.request();
    Promise<Void> done = Promise.promise();
    long[] received = {0};
    request.handler(chunk -> {
      if (done.future().isComplete()) {
        return;
      }
      received[0] += chunk.length();
      if (received[0] > limit) {
        done.tryFail(tooLarge(ctx));
        return;
      }
      file.write(chunk);
      if (file.writeQueueFull()) {
        request.pause();
        file.drainHandler(drained -> request.resume());
      }
    });
    request.exceptionHandler(done::tryFail);
    request.endHandler(ended -> done.tryComplete());
    if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
      // curl asks so for bodies over 1 MB and would otherwise wait a second before sending
      ctx.response().writeContinue();
    }
    request.resume();
    return done.future().transform(outcome -> file.close()
        .transform(closed -> outcome.failed() ? Future.failedFuture(outcome.cause())
            : closed.failed() ? Future.failedFuture(closed.cause()) : Future.succeededFuture()));
  }

  private static boolean tooLong(String declared, long limit) {
    try {
      return Long.parseLong(declared.strip()) > limit;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Refused unread: the rest of the body is dropped and the connection closed after the answer. */
  private static HttpProblem tooLarge(RoutingContext ctx) {
    ctx.response().putHeader("Connection", "close");
    ctx.request().handler(dropped -> { });
    ctx.request().resume();
    return new HttpProblem(413, TOO_LARGE);
  }
}
