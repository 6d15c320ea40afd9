package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

  @Test
  @DisplayName("Without any input every setting has its built-in default")
  void defaults() {
    JsonObject config = Settings.resolve(new String[0], Map.of());
    assertThat(config.getString("http_host")).isEqualTo("127.0.0.1");
    assertThat(config.getString("http_port")).isEqualTo("8000");
    assertThat(config.getString("data_dir")).isEqualTo("./data");
    assertThat(config.getString("auth")).isEqualTo("token");
    assertThat(config.getString("roles")).isEqualTo("data,web");
    assertThat(config.getString("db_sync")).isEqualTo("full");
  }

  @Test
  @DisplayName("Flags beat environment variables, which beat the conf file, which beats defaults")
  void precedence(@TempDir Path dir) throws IOException {
    Path conf = dir.resolve("conf.json");
    Files.writeString(conf, "{\"http_port\": 7000, \"data_dir\": \"/from/file\", \"auth\": \"none\", \"idle_timeout\": 5}");
    Map<String, String> env = Map.of("HYPERFOCUS_HTTP_PORT", "7100", "HYPERFOCUS_DATA_DIR", "/from/env");
    String[] args = {"--conf", conf.toString(), "--http-port", "7200"};
    JsonObject config = Settings.resolve(args, env);
    assertThat(config.getString("http_port")).isEqualTo("7200");
    assertThat(config.getString("data_dir")).isEqualTo("/from/env");
    assertThat(config.getString("auth")).isEqualTo("none");
    assertThat(config.getString("idle_timeout")).isEqualTo("5");
    assertThat(config.getString("http_host")).isEqualTo("127.0.0.1");
  }

  @Test
  @DisplayName("A flag may be written as --name=value")
  void equalsForm() {
    JsonObject config = Settings.resolve(new String[] {"--http-port=0", "--auth=none"}, Map.of());
    assertThat(config.getString("http_port")).isEqualTo("0");
    assertThat(config.getString("auth")).isEqualTo("none");
  }

  @Test
  @DisplayName("Unknown flags, bad values and unreadable conf files are refused with a clear message")
  void refusals(@TempDir Path dir) throws IOException {
    assertThatThrownBy(() -> Settings.resolve(new String[] {"--no-such", "1"}, Map.of()))
        .isInstanceOf(Settings.Invalid.class).hasMessageContaining("--no-such");
    assertThatThrownBy(() -> Settings.resolve(new String[0], Map.of("HYPERFOCUS_HTTP_PORT", "70000")))
        .isInstanceOf(Settings.Invalid.class).hasMessageContaining("HYPERFOCUS_HTTP_PORT");
    assertThatThrownBy(() -> Settings.resolve(new String[0], Map.of("HYPERFOCUS_AUTH", "maybe")))
        .isInstanceOf(Settings.Invalid.class).hasMessageContaining("HYPERFOCUS_AUTH");
    assertThatThrownBy(() -> Settings.resolve(new String[0], Map.of("HYPERFOCUS_ROLES", "data,cook")))
        .isInstanceOf(Settings.Invalid.class).hasMessageContaining("HYPERFOCUS_ROLES");
    assertThatThrownBy(() -> Settings.resolve(new String[0], Map.of("HYPERFOCUS_DB_SYNC", "off")))
        .isInstanceOf(Settings.Invalid.class).hasMessageContaining("HYPERFOCUS_DB_SYNC");
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{not json");
    assertThatThrownBy(() -> Settings.resolve(new String[] {"--conf", broken.toString()}, Map.of()))
        .isInstanceOf(Settings.Invalid.class).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> Settings.resolve(new String[] {"--conf", dir.resolve("missing.json").toString()}, Map.of()))
        .isInstanceOf(Settings.Invalid.class).hasMessageContaining("Cannot read");
    assertThatThrownBy(() -> Settings.resolve(new String[] {"--http-port"}, Map.of()))
        .isInstanceOf(Settings.Invalid.class).hasMessageContaining("needs a value");
  }
}
