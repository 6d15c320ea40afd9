package dev.hyperfocus.web.edge;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The client address of a request, the key of the per-address limits and of open-mode idempotency
 * scopes. It is the TCP peer, unless the peer is one of {@code HYPERFOCUS_TRUSTED_PROXIES}
 * (addresses or CIDRs, IPv4 and IPv6): then {@code X-Forwarded-For} is read from the right, past
 * every trusted proxy, and the first address that is not one of them is the client. A client
 * cannot choose its bucket by sending the header itself: only what trusted proxies appended counts,
 * and an entry that is not an IP address ends the walk at the proxy that forwarded it.
 */
public final class ClientAddresses implements Handler<RoutingContext> {
  private static final String CLIENT = "hyperfocus.client";

  /** An address range: the first {@code bits} bits of {@code prefix}. */
  record Range(byte[] prefix, int bits) {
    boolean contains(InetAddress address) {
      byte[] bytes = address.getAddress();
      if (bytes.length != prefix.length) {
        return false;
      }
      int whole = bits / 8;
      for (int i = 0; i < whole; i++) {
        if (bytes[i] != prefix[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xFF << (8 - rest)) & 0xFF;
      return (bytes[whole] & mask) == (prefix[whole] & mask);
    }
  }

  private final List<Range> trusted;

  private ClientAddresses(List<Range> trusted) {
    this.trusted = trusted;
  }

  /**
   * The trusted proxies of a comma-separated list of addresses and CIDRs ({@code 10.0.0.0/8},
   * {@code 192.168.1.7}, {@code fd00::/8}, {@code ::1}); an empty list trusts nobody.
   *
   * @throws IllegalArgumentException for an entry that is not an IP literal or CIDR (host names
   *     are refused: resolving them would make the setting depend on DNS)
   */
  public static ClientAddresses parse(String list) {
    List<Range> ranges = new ArrayList<>();
    for (String item : list.split(",")) {
      String entry = item.strip();
      if (entry.isEmpty()) {
        continue;
      }
      int slash = entry.indexOf('/');
      InetAddress address = literal(slash < 0 ? entry : entry.substring(0, slash));
      if (address == null) {
        throw new IllegalArgumentException("not an IP address or CIDR: " + entry);
      }
      int max = address.getAddress().length * 8;
      int bits = max;
      if (slash >= 0) {
        String length = entry.substring(slash + 1);
        if (!length.matches("[0-9]{1,3}") || Integer.parseInt(length) > max) {
          throw new IllegalArgumentException("bad prefix length in " + entry);
        }
        bits = Integer.parseInt(length);
      }
      ranges.add(new Range(address.getAddress(), bits));
    }
    return new ClientAddresses(List.copyOf(ranges));
  }

  /** Whether any proxy is trusted (else the client address is always the peer). */
  public boolean any() {
    return !trusted.isEmpty();
  }

  /** Route handler on every request: works out the client address once. */
  @Override
  public void handle(RoutingContext ctx) {
    ctx.put(CLIENT, client(ctx.request()));
    ctx.next();
  }

  /** The client address of a request: see the class comment. */
  public static String of(RoutingContext ctx) {
    String client = ctx.get(CLIENT);
    return client != null ? client : ctx.request().remoteAddress().hostAddress();
  }

  String client(HttpServerRequest request) {
    String peer = request.remoteAddress().hostAddress();
    InetAddress hop = literal(peer);
    if (hop == null || !trusts(hop)) {
      return peer;
    }
    List<String> forwarded = new ArrayList<>();
    for (String header : request.headers().getAll("X-Forwarded-For")) {
      for (String item : header.split(",")) {
        forwarded.add(item.strip());
      }
    }
    for (int i = forwarded.size() - 1; i >= 0; i--) {
      InetAddress next = literal(forwarded.get(i));
      if (next == null) {
        break;
      }
      hop = next;
      if (!trusts(hop)) {
        break;
      }
    }
    return hop.getHostAddress();
  }

  boolean trusts(InetAddress address) {
    for (Range range : trusted) {
      if (range.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** The address of an IPv4 or IPv6 literal (brackets allowed), or null; never a DNS look-up. */
  static InetAddress literal(String text) {
    String value = text.strip();
    if (value.startsWith("[") && value.endsWith("]")) {
      value = value.substring(1, value.length() - 1);
    }
    if (value.isEmpty() || value.length() > 45) {
      return null;
    }
    boolean v6 = value.indexOf(':') >= 0;
    String allowed = v6 ? "0123456789abcdef:." : "0123456789.";
    for (char c : value.toLowerCase(Locale.ROOT).toCharArray()) {
      if (allowed.indexOf(c) < 0) {
        return null;
      }
    }
    if (!v6) {
      // four decimal octets, each checked here: anything else would go to DNS as a host name
      String[] octets = value.split("\\.", -1);
      if (octets.length != 4) {
        return null;
      }
      for (String octet : octets) {
        if (octet.isEmpty() || octet.length() > 3 || Integer.parseInt(octet) > 255) {
          return null;
        }
      }
    }
    try {
      return InetAddress.getByName(value);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
