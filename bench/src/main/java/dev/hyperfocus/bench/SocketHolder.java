package dev.hyperfocus.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The bench's idle live sockets, in a JVM of their own ({@link SocketsProcess} starts it), so that
 * the generator measuring reads and writes never shares its event loops with 10,000 sockets'
 * pings and frames. {@code SocketHolder host port maxSeconds}; on standard input: the socket URIs,
 * one a line, then {@code connect} (answered {@code connected <n>}); {@code check} opens one fresh
 * socket per user, takes its snapshot's {@code seq} (the user's latest) and waits, at most 20 s,
 * until every held socket of that user has received it (answered {@code checked <sockets>
 * <behind> <frames>}); {@code exit} or the end of input closes everything. It exits by itself
 * after {@code maxSeconds} whatever happens, so a lost bench never leaves it running.
 */
public final class SocketHolder {
  private static final long CHECK_MS = 20_000;

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
  private final WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
      .setMaxConnections(20_000).setConnectTimeout(60_000));
  private final String host;
  private final int port;
  private final List<String> uris = new ArrayList<>();
  private final List<WebSocket> sockets = new ArrayList<>();
  private AtomicLongArray seqs;
  private AtomicReferenceArray<String> epochs;
  private final java.util.concurrent.atomic.AtomicLong frames = new java.util.concurrent.atomic.AtomicLong();

  private SocketHolder(String host, int port) {
    this.host = host;
    this.port = port;
  }

  public static void main(String[] args) throws Exception {
    long maxSeconds = Long.parseLong(args[2]);
    Thread deadline = new Thread(() -> {
      try {
        Thread.sleep(TimeUnit.SECONDS.toMillis(maxSeconds));
      } catch (InterruptedException e) {
        return;
      }
      System.out.println("deadline reached, exiting");
      System.exit(2);
    }, "deadline");
    deadline.setDaemon(true);
    deadline.start();
    SocketHolder holder = new SocketHolder(args[0], Integer.parseInt(args[1]));
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      switch (line) {
        case "connect" -> System.out.println("connected " + holder.connect());
        case "check" -> System.out.println("checked " + holder.check());
        case "exit" -> {
          holder.close();
          System.exit(0);
        }
        default -> holder.uris.add(line);
      }
      System.out.flush();
    }
    holder.close();
    System.exit(0);
  }

  private int connect() throws Exception {
    seqs = new AtomicLongArray(uris.size());
    epochs = new AtomicReferenceArray<>(uris.size());
    for (int i = 0; i < uris.size(); i++) {
      seqs.set(i, -1);
    }
    for (int from = 0; from < uris.size(); from += 200) {
      List<Future<WebSocket>> batch = new ArrayList<>();
      for (int i = from; i < Math.min(uris.size(), from + 200); i++) {
        int slot = i;
        batch.add(open(uris.get(i)).onSuccess(ws -> ws.textMessageHandler(text -> {
          frames.incrementAndGet();
          JsonObject frame = new JsonObject(text);
          epochs.set(slot, frame.getString("epoch"));
          seqs.accumulateAndGet(slot, frame.getLong("seq", -1L), Math::max);
        })));
      }
      Future.all(batch).await(120, TimeUnit.SECONDS);
      batch.forEach(f -> sockets.add(f.result()));
    }
    return sockets.size();
  }

  private Future<WebSocket> open(String uri) {
    return client.connect(new WebSocketConnectOptions().setHost(host).setPort(port).setURI(uri));
  }

  /** "sockets behind frames": held sockets, those without their user's latest seq, frames received. */
  private String check() throws Exception {
    Map<String, List<Integer>> byUri = new LinkedHashMap<>();
    for (int i = 0; i < uris.size(); i++) {
      byUri.computeIfAbsent(uris.get(i), k -> new ArrayList<>()).add(i);
    }
    Map<String, JsonObject> latest = new LinkedHashMap<>();
    List<String> distinct = new ArrayList<>(byUri.keySet());
    for (int from = 0; from < distinct.size(); from += 100) {
      List<Future<JsonObject>> batch = new ArrayList<>();
      for (String uri : distinct.subList(from, Math.min(distinct.size(), from + 100))) {
        batch.add(snapshot(uri).onSuccess(frame -> latest.put(uri, frame)));
      }
      Future.join(batch).await(120, TimeUnit.SECONDS);
    }
    long until = System.currentTimeMillis() + CHECK_MS;
    int behind;
    do {
      behind = 0;
      for (Map.Entry<String, List<Integer>> user : byUri.entrySet()) {
        JsonObject now = latest.get(user.getKey());
        for (int slot : user.getValue()) {
          if (now == null || seqs.get(slot) < now.getLong("seq") || !now.getString("epoch").equals(epochs.get(slot))) {
            behind++;
          }
        }
      }
      if (behind > 0) {
        Thread.sleep(100);
      }
    } while (behind > 0 && System.currentTimeMillis() < until);
    return sockets.size() + " " + behind + " " + frames.get();
  }

  /** The first frame of a fresh socket (a snapshot: the user's current seq), then closes it. */
  private Future<JsonObject> snapshot(String uri) {
    return open(uri).compose(ws -> {
      io.vertx.core.Promise<JsonObject> first = io.vertx.core.Promise.promise();
      ws.textMessageHandler(text -> first.tryComplete(new JsonObject(text)));
      ws.closeHandler(closed -> first.tryFail("closed before its snapshot"));
      return first.future().eventually(() -> ws.close());
    });
  }

  private void close() {
    List<Future<Void>> closing = new ArrayList<>();
    sockets.forEach(ws -> closing.add(ws.close()));
    try {
      Future.join(closing).await(60, TimeUnit.SECONDS);
      vertx.close().await(30, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // a node already gone has closed them
    }
  }
}
