package dev.hyperfocus.launcher;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import dev.hyperfocus.api.Setting;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster settings of a node, and the Hazelcast configuration built from them. The
 * configuration is always ours, never Hazelcast's defaults: TCP/IP join with the listed members
 * only (multicast and auto-detection off), bound to the cluster host alone, no phone-home, quiet
 * logs. The clustered event bus binds to the same host.
 */
record ClusterConfig(String name, String host, int port, int busPort, List<String> members, Tls tls) {
  /**
   * The PEM files of mutual TLS on the event bus: this node's certificate and key, and the CA that
   * signs every node's certificate. A node's identity is "signed by this CA", not a host name.
   */
  record Tls(String cert, String key, String ca) {}

  /** Vert.x's subscription and node maps, configured as its own default cluster file does. */
  private static final String SUBSCRIPTIONS = "__vertx.subs";
  private static final List<String> NODE_MAPS = List.of("__vertx.haInfo", "__vertx.nodeInfo");

  static ClusterConfig fromJson(JsonObject config) {
    return new ClusterConfig(
        config.getString(Setting.CLUSTER_NAME.key()),
        config.getString(Setting.CLUSTER_HOST.key()),
        Integer.parseInt(config.getString(Setting.CLUSTER_PORT.key())),
        Integer.parseInt(config.getString(Setting.CLUSTER_BUS_PORT.key())),
        parseMembers(config.getString(Setting.CLUSTER_MEMBERS.key())),
        config.getString(Setting.CLUSTER_TLS_CERT.key(), "").isEmpty() ? null : new Tls(
            config.getString(Setting.CLUSTER_TLS_CERT.key()),
            config.getString(Setting.CLUSTER_TLS_KEY.key()),
            config.getString(Setting.CLUSTER_TLS_CA.key())));
  }

  /**
   * {@code host:port,host:port}: explicit ports only (Hazelcast's port ranges crash its start-up).
   *
   * @throws IllegalArgumentException naming the entry that is not {@code host:port}
   */
  static List<String> parseMembers(String text) {
    List<String> members = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return members;
    }
    for (String entry : text.split(",")) {
      String member = entry.strip();
      int colon = member.lastIndexOf(':');
      if (colon <= 0 || !validPort(member.substring(colon + 1))) {
        throw new IllegalArgumentException("cluster member '" + member + "' is not host:port");
      }
      members.add(member);
    }
    return members;
  }

  private static boolean validPort(String text) {
    if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
      return false;
    }
    int port = Integer.parseInt(text);
    return port >= 1 && port <= 65535;
  }

  /** Hazelcast's interface filter takes an address, not a name. */
  String hostAddress() {
    try {
      return InetAddress.getByName(host).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException("Cannot resolve HYPERFOCUS_CLUSTER_HOST '" + host + "'", e);
    }
  }

  Config hazelcast() {
    String address = hostAddress();
    Config config = new Config().setClusterName(name);
    config.setProperty("hazelcast.logging.type", "log4j2");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.health.monitoring.level", "OFF");
    // a killed member is noticed within seconds, not Hazelcast's default minute
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
    // nodes that started apart (each alone) find each other in seconds, not Hazelcast's 5 minutes
    config.setProperty("hazelcast.merge.first.run.delay.seconds", "10");
    config.setProperty("hazelcast.merge.next.run.delay.seconds", "10");

    NetworkConfig network = config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).setInterfaces(List.of(address));
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(members);

    config.addMultiMapConfig(new MultiMapConfig(SUBSCRIPTIONS).setBackupCount(1)
        .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
    NODE_MAPS.forEach(map -> config.addMapConfig(new MapConfig(map).setBackupCount(1)));
    return config;
  }

  /**
   * The clustered event bus on the cluster host, at the configured port or one the OS picks; with
   * {@link Tls}, mutual TLS: the server requires a client certificate and the client checks the
   * server's, both against the cluster CA alone (Vert.x trusts every server by default, and its
   * event-bus client never checks host names). A peer without a certificate from that CA can
   * neither send to this node nor be sent to.
   */
  VertxOptions vertxOptions() {
    String address = hostAddress();
    EventBusOptions bus = new EventBusOptions().setHost(address).setPort(busPort).setClusterPublicHost(address);
    if (tls != null) {
      bus.setSsl(true)
          .setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.cert()).setKeyPath(tls.key()))
          .setTrustOptions(new PemTrustOptions().addCertPath(tls.ca()))
          .setTrustAll(false)
          .setClientAuth(ClientAuth.REQUIRED);
    }
    return new VertxOptions().setEventBusOptions(bus);
  }
}
