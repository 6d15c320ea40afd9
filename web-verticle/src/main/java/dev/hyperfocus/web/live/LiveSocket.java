package dev.hyperfocus.web.live;

import dev.hyperfocus.api.Live;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
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

  private final long userId;
  private ServerWebSocket ws;
  private List<Frame> held = new ArrayList<>();
  private String epoch;
  private long seq = -1;
  private boolean sessionActive;
  private long lastSeenNanos = System.nanoTime();
  private int tickSeconds;
  private boolean closed;

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

  /** A frame with its text, encoded once for every socket it goes to. */
  record Frame(JsonObject json, String text) {
    static Frame of(JsonObject json) {
      return new Frame(json, json.encode());
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
    JsonObject json = frame.json();
    String frameEpoch = json.getString(Live.EPOCH);
    long frameSeq = json.getLong(Live.SEQ, 0L);
    boolean sameEpoch = frameEpoch != null && frameEpoch.equals(epoch);
    boolean change = Live.UPDATE.equals(json.getString(Live.TYPE)) && !Live.TICK.equals(json.getString(Live.REASON));
    if (sameEpoch && (change ? frameSeq <= seq : frameSeq < seq)) {
      return false;
    }
    if (ws.writeQueueFull()) {
      close(POLICY_VIOLATION, "Client does not read fast enough");
      return false;
    }
    epoch = frameEpoch;
    seq = Math.max(sameEpoch ? seq : -1, frameSeq);
    sessionActive = json.getValue(Live.ACTIVE_SESSION) != null;
    ws.writeTextMessage(frame.text());
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
