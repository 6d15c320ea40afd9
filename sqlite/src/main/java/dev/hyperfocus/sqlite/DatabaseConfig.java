package dev.hyperfocus.sqlite;

import dev.hyperfocus.api.Setting;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/** Where a domain keeps its SQLite file and how durably it commits. */
public record DatabaseConfig(Path dataDir, SyncMode sync) {

  public static DatabaseConfig fromJson(JsonObject config) {
    String dir = config.getString(Setting.DATA_DIR.key(), Setting.DATA_DIR.defaultValue());
    String sync = config.getString(Setting.DB_SYNC.key(), Setting.DB_SYNC.defaultValue());
    return new DatabaseConfig(Path.of(dir), SyncMode.parse(sync).orElseThrow(
        () -> new IllegalArgumentException("db_sync must be full or normal, not " + sync)));
  }
}
