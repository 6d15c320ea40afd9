package dev.hyperfocus.bench;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The ceilings' server, one verticle instance like HyperFocus's web verticle: {@code GET /json}
 * answers a small JSON object; {@code GET /ws} upgrades and keeps the socket; {@code POST
 * /broadcast} writes its body as one text frame to every socket (the raw fan-out).
 */
public final class CeilingServer extends VerticleBase {
  private static final Buffer HELLO = Buffer.buffer(new JsonObject().put("message", "hello").encode());
  private final Set<ServerWebSocket> sockets = new LinkedHashSet<>();
  private final boolean compression;

  CeilingServer(boolean compression) {
    this.compression = compression;
  }

  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx();
    CeilingServer server = new CeilingServer(args.length > 0 && Boolean.parseBoolean(args[0]));
    vertx.deployVerticle(server).onFailure(failure -> {
      failure.printStackTrace();
      System.exit(1);
    });
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions().setPerMessageWebSocketCompressionSupported(compression)
        .setPerFrameWebSocketCompressionSupported(false);
    return vertx.createHttpServer(options).requestHandler(this::handle).listen(0, "127.0.0.1")
        .onSuccess(server -> System.out.println("ceiling listening on http://127.0.0.1:" + server.actualPort() + "/"));
  }

  private void handle(HttpServerRequest request) {
    switch (request.path()) {
      case "/json" -> request.response().putHeader("Content-Type", "application/json").end(HELLO);
      case "/ws" -> request.toWebSocket().onSuccess(ws -> {
        sockets.add(ws);
        ws.closeHandler(closed -> sockets.remove(ws));
        ws.writeTextMessage("{\"type\":\"snapshot\"}");
      });
      case "/broadcast" -> request.body().onSuccess(body -> {
        String text = body.toString();
        sockets.forEach(ws -> ws.writeTextMessage(text));
        request.response().end("{}");
      });
      default -> request.response().setStatusCode(404).end();
    }
  }
}
