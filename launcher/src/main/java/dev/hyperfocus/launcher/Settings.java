package dev.hyperfocus.launcher;

import dev.hyperfocus.api.Setting;
import dev.hyperfocus.launcher.logs.Logs;
import dev.hyperfocus.web.edge.ClientAddresses;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Resolves every {@link Setting}: command-line flags, then environment variables, then the
 * {@code --conf FILE.json} file, then the built-in defaults; and checks each value.
 */
final class Settings {
  private static final String CONF_FLAG = "--conf";

  /** A setting or argument that cannot be used; the message says which and why. */
  static final class Invalid extends RuntimeException {
    Invalid(String message) {
      super(message);
    }
  }

  private Settings() {}

  /** The resolved settings as the deployment config of every verticle (JSON keys of {@link Setting}). */
  static JsonObject resolve(String[] args, Map<String, String> env) {
    Map<Setting, String> flags = new EnumMap<>(Setting.class);
    Path conf = parseFlags(args, flags);
    JsonObject file = conf == null ? new JsonObject() : readConf(conf);
    JsonObject resolved = new JsonObject();
    for (Setting setting : Setting.values()) {
      String value = flags.get(setting);
      if (value == null) {
        value = env.get(setting.envVar());
      }
      if (value == null && file.containsKey(setting.key())) {
        Object fromFile = file.getValue(setting.key());
        value = fromFile == null ? null : fromFile.toString();
      }
      if (value == null) {
        value = setting.defaultValue();
      }
      resolved.put(setting.key(), check(setting, value.strip()));
    }
    boolean clustered = Boolean.parseBoolean(resolved.getString(Setting.CLUSTER.key()));
    if (!clustered && !Roles.parse(resolved.getString(Setting.ROLES.key())).data()) {
      throw new Invalid(Setting.ROLES.envVar() + "=web needs " + Setting.CLUSTER.envVar()
          + "=true: a web-only node reaches the data node over the cluster");
    }
    if (clustered) {
      checkClusterSecurity(resolved);
    }
    return resolved;
  }

  /**
   * The three TLS files come together or not at all; without them a cluster host that is not a
   * loopback address is refused unless {@code CLUSTER_INSECURE=true}. Runs before anything binds:
   * a stranger on the network must never meet a plaintext member or event-bus port by mistake.
   */
  private static void checkClusterSecurity(JsonObject resolved) {
    List<Setting> tls = List.of(Setting.CLUSTER_TLS_CERT, Setting.CLUSTER_TLS_KEY, Setting.CLUSTER_TLS_CA);
    long given = tls.stream().filter(setting -> !resolved.getString(setting.key()).isEmpty()).count();
    String names = tls.stream().map(Setting::envVar).collect(Collectors.joining(", "));
    if (given != 0 && given != tls.size()) {
      throw new Invalid("Cluster TLS needs all three of " + names + " (PEM files), or none; "
          + given + " given");
    }
    String host = resolved.getString(Setting.CLUSTER_HOST.key());
    boolean insecure = Boolean.parseBoolean(resolved.getString(Setting.CLUSTER_INSECURE.key()));
    if (given == 0 && !insecure && !isLoopback(host)) {
      throw new Invalid(Setting.CLUSTER_HOST.envVar() + "=" + host + " is not a loopback address: a cluster"
          + " reachable from the network needs mutual TLS on its event bus, so set " + names
          + " (see docs/clustering.md: Cluster security), or " + Setting.CLUSTER_INSECURE.envVar()
          + "=true to run it without TLS anyway");
    }
  }

  /** Whether every address of {@code host} is a loopback one; a literal address needs no lookup. */
  static boolean isLoopback(String host) {
    try {
      InetAddress[] addresses = InetAddress.getAllByName(host);
      return addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
    } catch (UnknownHostException e) {
      throw new Invalid("Cannot resolve " + Setting.CLUSTER_HOST.envVar() + " '" + host + "'");
    }
  }

  private static Path parseFlags(String[] args, Map<Setting, String> flags) {
    Path conf = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      }
      if (value == null) {
        throw new Invalid("Flag " + name + " needs a value");
      }
      if (name.equals(CONF_FLAG)) {
        conf = Path.of(value);
        continue;
      }
      flags.put(flag(name), value);
    }
    return conf;
  }

  private static Setting flag(String name) {
    for (Setting setting : Setting.values()) {
      if (setting.flag().equals(name)) {
        return setting;
      }
    }
    throw new Invalid("Unknown flag " + name + " (see docs/operations.md: Configuration)");
  }

  private static JsonObject readConf(Path conf) {
    try {
      return new JsonObject(Files.readString(conf));
    } catch (IOException e) {
      throw new Invalid("Cannot read --conf file " + conf + ": " + e.getMessage());
    } catch (DecodeException | ClassCastException e) {
      throw new Invalid("--conf file " + conf + " is not a JSON object: " + e.getMessage());
    }
  }

  private static String check(Setting setting, String value) {
    boolean ok = switch (setting) {
      case HTTP_PORT, CLUSTER_PORT, CLUSTER_BUS_PORT -> isInt(value, 0, 65535);
      case AUTH -> value.equals("token") || value.equals("none");
      case ROLES -> parses(() -> Roles.parse(value));
      case CLUSTER, CLUSTER_INSECURE -> value.equals("true") || value.equals("false");
      case RATE_LIMIT, SIGNUP_RATE_LIMIT, LIVE_MAX_SOCKETS, AUTH_FAILURE_LIMIT -> isInt(value, 0, Integer.MAX_VALUE);
      case TRUSTED_PROXIES -> parses(() -> ClientAddresses.parse(value));
      case LOG_FORMAT -> value.equals("text") || value.equals("json");
      case LOG_LEVEL -> Logs.log4jLevel(value) != null;
      case IDLE_TIMEOUT, REQUEST_TIMEOUT -> isInt(value, 1, 86_400);
      case LIVE_PING_INTERVAL -> isInt(value, 1, 3600);
      case WEB_INSTANCES -> isInt(value, 0, 1024);
      case BUS_TIMEOUT -> isInt(value, 100, 600_000);
      case DB_SYNC -> value.equalsIgnoreCase("full") || value.equalsIgnoreCase("normal");
      case HTTP_HOST, CLUSTER_HOST, DATA_DIR, CLUSTER_NAME -> !value.isEmpty();
      case CLUSTER_MEMBERS -> parses(() -> ClusterConfig.parseMembers(value));
      case CLUSTER_TLS_CERT, CLUSTER_TLS_KEY, CLUSTER_TLS_CA -> value.isEmpty() || Files.isReadable(Path.of(value));
      case ALLOWED_HOSTS, CORS_ORIGINS -> true;
      case PUBLIC_URL -> value.isEmpty() || value.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?");
    };
    if (!ok) {
      throw new Invalid("Invalid value '" + value + "' for " + setting.envVar() + " / " + setting.flag());
    }
    return value;
  }

  private static boolean parses(Runnable parse) {
    try {
      parse.run();
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isInt(String value, int min, int max) {
    try {
      int n = Integer.parseInt(value);
      return n >= min && n <= max;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
