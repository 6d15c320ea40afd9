package dev.hyperfocus.api;

/**
 * Every configuration setting, declared once with its default. A setting {@code HTTP_PORT} is the
 * environment variable {@code HYPERFOCUS_HTTP_PORT}, the flag {@code --http-port} and the JSON key
 * {@code "http_port"} (in the {@code --conf} file and in each verticle's deployment config).
 */
public enum Setting {
  HTTP_HOST("127.0.0.1"),
  HTTP_PORT("8000"),
  DATA_DIR("./data"),
  AUTH("token"),
  ROLES("data,web"),
  CLUSTER("false"),
  CLUSTER_HOST("127.0.0.1"),
  CLUSTER_PORT("5701"),
  /** Port of the clustered event bus on the cluster host; {@code 0} lets the OS choose. */
  CLUSTER_BUS_PORT("0"),
  CLUSTER_MEMBERS(""),
  CLUSTER_NAME("hyperfocus"),
  /** PEM certificate of this node, signed by {@link #CLUSTER_TLS_CA}; with the key and CA: mutual TLS on the event bus. */
  CLUSTER_TLS_CERT(""),
  /** PEM private key of {@link #CLUSTER_TLS_CERT}. */
  CLUSTER_TLS_KEY(""),
  /** PEM certificate of the CA that signs every node's certificate: a node's identity in the cluster. */
  CLUSTER_TLS_CA(""),
  /** {@code true} allows a cluster without TLS on a non-loopback cluster host (refused otherwise). */
  CLUSTER_INSECURE("false"),
  RATE_LIMIT("100"),
  SIGNUP_RATE_LIMIT("20"),
  /** Empty means: loopback names when bound to loopback, else any host. */
  ALLOWED_HOSTS(""),
  LOG_FORMAT("text"),
  /** Level of the console log: a Log4j name ({@code warn}, {@code debug}) or a JUL one ({@code warning}, {@code fine}). */
  LOG_LEVEL("info"),
  CORS_ORIGINS(""),
  IDLE_TIMEOUT("60"),
  REQUEST_TIMEOUT("30"),
  BUS_TIMEOUT("3000"),
  DB_SYNC("full"),
  /** Live WebSockets one user may hold open on one web node; {@code 0} = no cap. */
  LIVE_MAX_SOCKETS("20"),
  /** Seconds between two pings of a live WebSocket; one that answered nothing for two of them is closed. */
  LIVE_PING_INTERVAL("20"),
  /** Web verticle instances, one per event loop; {@code 0} = the number of cores. */
  WEB_INSTANCES("0"),
  /** Addresses and CIDRs of reverse proxies whose {@code X-Forwarded-For} names the client; empty = none. */
  TRUSTED_PROXIES(""),
  /** Failed authentications per second per client address (bursts of twice that); {@code 0} = off. */
  AUTH_FAILURE_LIMIT("10"),
  /** The service's external base URL, for links it hands out ({@code calendar_url}); empty = from the request's Host. */
  PUBLIC_URL("");

  private final String defaultValue;

  Setting(String defaultValue) {
    this.defaultValue = defaultValue;
  }

  /** The JSON key, e.g. {@code http_port}. */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The environment variable, e.g. {@code HYPERFOCUS_HTTP_PORT}. */
  public String envVar() {
    return "HYPERFOCUS_" + name();
  }

  /** The command-line flag, e.g. {@code --http-port}. */
  public String flag() {
    return "--" + key().replace('_', '-');
  }

  public String defaultValue() {
    return defaultValue;
  }
}
