package dev.hyperfocus.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP spoken by hand over a loopback socket, for what the JDK client will not send (any Host
 * header, a body that never ends, nothing at all).
 */
final class RawHttp implements AutoCloseable {
  private final Socket socket;

  RawHttp(int port, Duration readTimeout) {
    this(port, readTimeout, null);
  }

  /** From the local address {@code from} (another loopback address such as 127.0.0.2), or any when null. */
  RawHttp(int port, Duration readTimeout, InetAddress from) {
    try {
      socket = from == null ? new Socket(InetAddress.getLoopbackAddress(), port)
          : new Socket(InetAddress.getLoopbackAddress(), port, from, 0);
      socket.setSoTimeout((int) readTimeout.toMillis());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends {@code text} (lines joined with CRLF by the caller) and keeps the connection open. */
  RawHttp send(String text) {
    try {
      socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Everything the server sends until it closes the connection; fails with a
   * {@link java.net.SocketTimeoutException} if it does not close within the read timeout.
   */
  String readUntilClosed() throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    byte[] chunk = new byte[4096];
    for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
      all.write(chunk, 0, n);
    }
    return all.toString(StandardCharsets.UTF_8);
  }

  /** One request with {@code Connection: close}; the whole response text. */
  static String exchange(int port, String method, String path, String host) {
    String request = method + " " + path + " HTTP/1.1\r\n"
        + (host == null ? "" : "Host: " + host + "\r\n")
        + "Connection: close\r\n\r\n";
    try (RawHttp raw = new RawHttp(port, Duration.ofSeconds(20))) {
      return raw.send(request).readUntilClosed();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The status code of a response text. */
  static int status(String response) {
    return Integer.parseInt(response.substring(9, 12));
  }

  /** The body of a response text. */
  static String body(String response) {
    int start = response.indexOf("\r\n\r\n");
    return start < 0 ? "" : response.substring(start + 4);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed by the server
    }
  }
}
