package dev.hyperfocus.launcher;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.ByteBuffer;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** A real WebSocket client of {@code /users/{id}/live} (the JDK's), collecting frames in order. */
final class LiveClient implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(15);

  private final BlockingQueue<JsonObject> frames;
  private final CompletableFuture<Integer> closeCode;
  private final WebSocket socket;
  private final AtomicInteger pings;

  private LiveClient(WebSocket socket, Listener listener) {
    this.socket = socket;
    this.pings = listener.pings;
    this.frames = listener.frames;
    this.closeCode = listener.closeCode;
  }

  /** Connects with the token in the Authorization header (or none); reads as frames arrive. */
  static LiveClient connect(int port, String pathAndQuery, String token) throws Exception {
    return connect(port, pathAndQuery, token, true);
  }

  /** With {@code reading} false the client reads nothing after the first frame, like a stuck client. */
  static LiveClient connect(int port, String pathAndQuery, String token, boolean reading) throws Exception {
    return connect(port, pathAndQuery, token, reading, Map.of());
  }

  /** With extra handshake headers (an {@code Origin}, say). */
  static LiveClient connect(int port, String pathAndQuery, String token, boolean reading, Map<String, String> headers)
      throws Exception {
    Listener listener = new Listener(reading);
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT);
    headers.forEach(builder::header);
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    WebSocket socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + pathAndQuery), listener)
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return new LiveClient(socket, listener);
  }

  /** The next frame, failing after a generous wait. */
  JsonObject next() throws InterruptedException {
    JsonObject frame = frames.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    if (frame == null) {
      throw new AssertionError("no frame within " + WAIT);
    }
    return frame;
  }

  /** Pings received from the server so far (each answered with a pong, as a browser does). */
  int pings() {
    return pings.get();
  }

  /** Whether the socket was closed or broke. */
  boolean closed() {
    return closeCode.isDone();
  }

  /** Starts reading again (after a stuck phase). */
  void readAll() {
    socket.request(Long.MAX_VALUE);
  }

  /**
   * The close code the server sent, waiting for it; an {@link java.util.concurrent.ExecutionException}
   * when the connection broke instead, an {@link AssertionError} when it stays open.
   */
  int closeCode() throws Exception {
    try {
      return closeCode.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("the server did not close the socket within " + WAIT, e);
    }
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    socket.abort();
  }

  private static final class Listener implements WebSocket.Listener {
    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final AtomicInteger pings = new AtomicInteger();
    private final boolean reading;
    private final StringBuilder partial = new StringBuilder();
    private boolean first = true;

    Listener(boolean reading) {
      this.reading = reading;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        JsonObject frame = new JsonObject(partial.toString());
        partial.setLength(0);
        frames.add(frame);
        first = false;
      }
      if (reading || !last || first) {
        webSocket.request(1);
      }
      return null;
    }

    /** The JDK answers the pong by itself; a stuck client (not reading) never gets here, so never answers. */
    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
      pings.incrementAndGet();
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closeCode.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closeCode.completeExceptionally(error);
    }
  }
}
