package dev.hyperfocus.web.live;

import dev.hyperfocus.api.Live;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One open live connection. Until its snapshot is sent, updates are held back, then those newer
 * than the snapshot follow it; afterwards every update is written at once, unless the client
 * reads too slowly, in which case the connection is closed instead of buffering without bound.
 */
final class LiveSocket {
  static final short GOING_AWAY = 1001;
  static final short POLICY_VIOLATION = 1008;
  /** Vert.x's default largest WebSocket frame; a longer message is written in several. */
  private static final int MAX_FRAME_BYTES = 65_536;

  private final long userId;
  private ServerWebSocket ws;
  private List<Frame> held = new ArrayList<>();
  private String epoch;
  private long seq = -1;
  private boolean sessionActive;
  private long lastSeenNanos = System.nanoTime();
  private int tickSeconds;
  private boolean closed;
  /** The ping slot of this socket ({@link Liveness}), -1 while it has none. */
  int pingSlot = -1;

  LiveSocket(long userId) {
    this.userId = userId;
  }

  long userId() {
    return userId;
  }

  boolean open() {
    return ws != null && !closed;
  }

  boolean sessionActive() {
    return sessionActive;
  }

  long lastSeenNanos() {
    return lastSeenNanos;
  }

  void seen() {
    lastSeenNanos = System.nanoTime();
  }

  /** The period of the ticks this socket asked for, 0 for none. */
  void tickSeconds(int seconds) {
    tickSeconds = seconds;
  }

  int tickSeconds() {
    return tickSeconds;
  }

  /**
   * A frame as every socket it goes to needs it, computed once per fan-out: its UTF-8 bytes (each
   * socket writes them through a wrapper of its own, without encoding the text again) and the
   * fields a socket compares with what it has sent.
   */
  record Frame(String text, byte[] utf8, String epoch, long seq, boolean change, boolean sessionActive) {
    static Frame of(JsonObject json) {
      String text = json.encode();
      boolean change = Live.UPDATE.equals(json.getString(Live.TYPE)) && !Live.TICK.equals(json.getString(Live.REASON));
      return new Frame(text, text.getBytes(StandardCharsets.UTF_8), json.getString(Live.EPOCH), json.getLong(Live.SEQ, 0L),
          change, json.getValue(Live.ACTIVE_SESSION) != null);
    }

    /** Whether {@code json} is this very change (a change is one epoch and seq of its user). */
    boolean sameChange(JsonObject json) {
      return change && json.getLong(Live.SEQ, 0L) == seq && java.util.Objects.equals(json.getString(Live.EPOCH), epoch)
          && Live.UPDATE.equals(json.getString(Live.TYPE)) && !Live.TICK.equals(json.getString(Live.REASON));
    }

    /**
     * A frame of this socket's own over the shared bytes (Netty releases a frame once written).
     * Vert.x's own frame class, built the way its {@code writeTextMessage} builds one: the public
     * factories take a {@code String} (encoded again) or make a binary frame.
     */
    WebSocketFrame wire() {
      return new WebSocketFrameImpl(WebSocketFrameType.TEXT, utf8, true);
    }
  }

  /** Sends the snapshot, then the held updates that are newer; returns frames written. */
  int attach(ServerWebSocket socket, Frame snapshot) {
    ws = socket;
    int written = write(snapshot) ? 1 : 0;
    List<Frame> pending = held;
    held = null;
    for (Frame update : pending) {
      written += write(update) ? 1 : 0;
    }
    return written;
  }

  /** Writes an update (or holds it until the snapshot is out); false when nothing was written. */
  boolean push(Frame frame) {
    if (held != null) {
      held.add(frame);
      return false;
    }
    return write(frame);
  }

  private boolean write(Frame frame) {
    if (closed) {
      return false;
    }
    String frameEpoch = frame.epoch();
    long frameSeq = frame.seq();
    boolean sameEpoch = frameEpoch != null && frameEpoch.equals(epoch);
    if (sameEpoch && (frame.change() ? frameSeq <= seq : frameSeq < seq)) {
      return false;
    }
    if (ws.writeQueueFull()) {
      close(POLICY_VIOLATION, "Client does not read fast enough");
      return false;
    }
    epoch = frameEpoch;
    seq = Math.max(sameEpoch ? seq : -1, frameSeq);
    sessionActive = frame.sessionActive();
    if (frame.utf8().length <= MAX_FRAME_BYTES) {
      ws.writeFrame(frame.wire());
    } else {
      ws.writeTextMessage(frame.text()); // split into frames the client accepts
    }
    return true;
  }

  void close(short code, String reason) {
    if (closed) {
      return;
    }
    closed = true;
    if (ws != null && !ws.isClosed()) {
      ws.close(code, reason);
    }
  }

  ServerWebSocket ws() {
    return ws;
  }
}
