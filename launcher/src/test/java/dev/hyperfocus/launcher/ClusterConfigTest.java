package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MultiMapConfig;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterConfigTest {
  private static final Map<String, String> THREE_NODES = Map.of(
      "HYPERFOCUS_CLUSTER", "true",
      "HYPERFOCUS_CLUSTER_NAME", "focus-team",
      "HYPERFOCUS_CLUSTER_HOST", "127.0.0.1",
      "HYPERFOCUS_CLUSTER_PORT", "5801",
      "HYPERFOCUS_CLUSTER_MEMBERS", "127.0.0.1:5802, 127.0.0.1:5803");

  private static ClusterConfig configured(Map<String, String> env) {
    JsonObject settings = Settings.resolve(new String[0], env);
    return ClusterConfig.fromJson(settings);
  }

  @Test
  @DisplayName("The Hazelcast configuration joins only the listed members over TCP/IP, never by discovery")
  void joinsListedMembersOnly() {
    Config hazelcast = configured(THREE_NODES).hazelcast();
    JoinConfig join = hazelcast.getNetworkConfig().getJoin();
    assertThat(hazelcast.getClusterName()).isEqualTo("focus-team");
    assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
    assertThat(join.getTcpIpConfig().getMembers()).containsExactly("127.0.0.1:5802", "127.0.0.1:5803");
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
    assertThat(join.getKubernetesConfig().isEnabled()).isFalse();
  }

  @Test
  @DisplayName("Hazelcast binds to the cluster host and port alone, does not phone home and logs through JUL")
  void bindsToTheClusterHostOnly() {
    Config hazelcast = configured(THREE_NODES).hazelcast();
    assertThat(hazelcast.getNetworkConfig().getPort()).isEqualTo(5801);
    assertThat(hazelcast.getNetworkConfig().isPortAutoIncrement()).isFalse();
    assertThat(hazelcast.getNetworkConfig().getInterfaces().isEnabled()).isTrue();
    assertThat(hazelcast.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
    assertThat(hazelcast.getProperty("hazelcast.socket.bind.any")).isEqualTo("false");
    assertThat(hazelcast.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
    assertThat(hazelcast.getProperty("hazelcast.logging.type")).isEqualTo("log4j2");
    assertThat(hazelcast.getProperty("hazelcast.wait.seconds.before.join")).isEqualTo("0");
    assertThat(hazelcast.getMultiMapConfig("__vertx.subs").getValueCollectionType())
        .isEqualTo(MultiMapConfig.ValueCollectionType.SET);
  }

  @Test
  @DisplayName("The clustered event bus binds to the cluster host, announces that same host and takes a fixed port if given")
  void eventBusOnTheClusterHost() {
    EventBusOptions bus = configured(Map.of("HYPERFOCUS_CLUSTER", "true", "HYPERFOCUS_CLUSTER_HOST", "localhost"))
        .vertxOptions().getEventBusOptions();
    assertThat(bus.getHost()).isEqualTo("127.0.0.1");
    assertThat(bus.getClusterPublicHost()).isEqualTo("127.0.0.1");
    assertThat(bus.getPort()).isZero();
    assertThat(configured(Map.of("HYPERFOCUS_CLUSTER", "true", "HYPERFOCUS_CLUSTER_BUS_PORT", "5711"))
        .vertxOptions().getEventBusOptions().getPort()).isEqualTo(5711);
  }

  @Test
  @DisplayName("Member port 0 lets the OS pick it (the member reports it once joined); negative ports are refused")
  void memberPortZeroIsPickedByTheOs() {
    assertThat(configured(Map.of("HYPERFOCUS_CLUSTER", "true", "HYPERFOCUS_CLUSTER_PORT", "0"))
        .hazelcast().getNetworkConfig().getPort()).isZero();
    assertThatThrownBy(() -> Settings.resolve(new String[0], Map.of("HYPERFOCUS_CLUSTER_PORT", "-1")))
        .isInstanceOf(Settings.Invalid.class).hasMessageContaining("HYPERFOCUS_CLUSTER_PORT");
  }

  @Test
  @DisplayName("Members must be explicit host:port entries; port ranges and missing ports are refused")
  void membersAreExplicit() {
    assertThat(ClusterConfig.parseMembers("")).isEmpty();
    assertThat(ClusterConfig.parseMembers("10.0.0.2:5701,10.0.0.3:5701")).containsExactly("10.0.0.2:5701", "10.0.0.3:5701");
    assertThatThrownBy(() -> ClusterConfig.parseMembers("10.0.0.2:5701-5703"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10.0.0.2:5701-5703");
    assertThatThrownBy(() -> ClusterConfig.parseMembers("10.0.0.2")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClusterConfig.parseMembers("10.0.0.2:0")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Settings.resolve(new String[0], Map.of("HYPERFOCUS_CLUSTER_MEMBERS", "a:5701,b:5701-5710")))
        .isInstanceOf(Settings.Invalid.class).hasMessageContaining("HYPERFOCUS_CLUSTER_MEMBERS");
  }

  @Test
  @DisplayName("Roles are data, web or both; a web-only node needs the cluster to reach a data node")
  void roles() {
    assertThat(Roles.parse("data,web")).isEqualTo(new Roles(true, true));
    assertThat(Roles.parse(" Web ")).isEqualTo(new Roles(false, true));
    assertThat(Roles.parse("data, data")).isEqualTo(new Roles(true, false));
    assertThatThrownBy(() -> Roles.parse("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Settings.resolve(new String[0], Map.of("HYPERFOCUS_ROLES", "web")))
        .isInstanceOf(Settings.Invalid.class).hasMessageContaining("HYPERFOCUS_CLUSTER=true");
    assertThat(Settings.resolve(new String[0], Map.of("HYPERFOCUS_ROLES", "web", "HYPERFOCUS_CLUSTER", "true"))
        .getString("roles")).isEqualTo("web");
  }

  private static Map<String, String> withTls(Path dir, Map<String, String> env) throws IOException {
    Map<String, String> all = new HashMap<>(env);
    for (String part : new String[] {"CERT", "KEY", "CA"}) {
      Path file = Files.writeString(dir.resolve(part.toLowerCase(java.util.Locale.ROOT) + ".pem"), "");
      all.put("HYPERFOCUS_CLUSTER_TLS_" + part, file.toString());
    }
    return all;
  }

  @Test
  @DisplayName("With the three TLS files the event bus speaks mutual TLS: client certificate required, only the cluster CA trusted")
  void tlsEventBus(@TempDir Path dir) throws IOException {
    EventBusOptions bus = configured(withTls(dir, Map.of("HYPERFOCUS_CLUSTER", "true")))
        .vertxOptions().getEventBusOptions();
    assertThat(bus.isSsl()).isTrue();
    assertThat(bus.getClientAuth()).isEqualTo(ClientAuth.REQUIRED);
    assertThat(bus.isTrustAll()).isFalse();
    assertThat(((PemKeyCertOptions) bus.getKeyCertOptions()).getCertPaths()).containsExactly(dir.resolve("cert.pem").toString());
    assertThat(((PemKeyCertOptions) bus.getKeyCertOptions()).getKeyPaths()).containsExactly(dir.resolve("key.pem").toString());
    assertThat(((PemTrustOptions) bus.getTrustOptions()).getCertPaths()).containsExactly(dir.resolve("ca.pem").toString());
    assertThat(configured(THREE_NODES).vertxOptions().getEventBusOptions().isSsl()).isFalse();
  }

  @Test
  @DisplayName("TLS files come all three or none, and must be readable")
  void tlsFilesAllOrNone(@TempDir Path dir) throws IOException {
    Map<String, String> partial = withTls(dir, Map.of("HYPERFOCUS_CLUSTER", "true"));
    partial.remove("HYPERFOCUS_CLUSTER_TLS_CA");
    assertThatThrownBy(() -> Settings.resolve(new String[0], partial))
        .isInstanceOf(Settings.Invalid.class).hasMessageContaining("all three").hasMessageContaining("HYPERFOCUS_CLUSTER_TLS_CA");
    assertThatThrownBy(() -> Settings.resolve(new String[0], Map.of("HYPERFOCUS_CLUSTER_TLS_CERT", dir.resolve("missing.pem").toString())))
        .isInstanceOf(Settings.Invalid.class).hasMessageContaining("HYPERFOCUS_CLUSTER_TLS_CERT");
  }

  @Test
  @DisplayName("A clustered node on a non-loopback host needs TLS or HYPERFOCUS_CLUSTER_INSECURE=true; loopback and unclustered nodes need neither")
  void nonLoopbackNeedsTls(@TempDir Path dir) throws IOException {
    Map<String, String> open = Map.of("HYPERFOCUS_CLUSTER", "true", "HYPERFOCUS_CLUSTER_HOST", "192.0.2.1");
    assertThatThrownBy(() -> Settings.resolve(new String[0], open))
        .isInstanceOf(Settings.Invalid.class)
        .hasMessageContaining("HYPERFOCUS_CLUSTER_HOST=192.0.2.1 is not a loopback address")
        .hasMessageContaining("HYPERFOCUS_CLUSTER_TLS_CERT, HYPERFOCUS_CLUSTER_TLS_KEY, HYPERFOCUS_CLUSTER_TLS_CA")
        .hasMessageContaining("HYPERFOCUS_CLUSTER_INSECURE=true");
    Map<String, String> insecure = new HashMap<>(open);
    insecure.put("HYPERFOCUS_CLUSTER_INSECURE", "true");
    assertThat(Settings.resolve(new String[0], insecure).getString("cluster_host")).isEqualTo("192.0.2.1");
    assertThat(Settings.resolve(new String[0], withTls(dir, open)).getString("cluster_host")).isEqualTo("192.0.2.1");
    assertThat(Settings.resolve(new String[0], Map.of("HYPERFOCUS_CLUSTER", "true", "HYPERFOCUS_CLUSTER_HOST", "127.0.0.2"))
        .getString("cluster_host")).isEqualTo("127.0.0.2");
    assertThat(Settings.resolve(new String[0], Map.of("HYPERFOCUS_CLUSTER_HOST", "192.0.2.1"))
        .getString("cluster_host")).isEqualTo("192.0.2.1");
  }
}
