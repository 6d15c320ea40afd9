package dev.hyperfocus.users;

import static dev.hyperfocus.sqlite.SqliteDatabase.params;

import dev.hyperfocus.api.User;
import dev.hyperfocus.sqlite.SqliteDatabase;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** SQL of the users domain; statements live in {@code db/users/queries.sql}. */
final class UserRepository {
  private final SqliteDatabase db;

  UserRepository(SqliteDatabase db) {
    this.db = db;
  }

  /** Inserts a user; fails with a UNIQUE violation when the email is taken (ignoring case). */
  Future<User> insert(String name, String email, String timezone, String tokenHash, Instant now) {
    return db.write("insert", params(
            "name", name, "email", email, "email_key", emailKey(email), "timezone", timezone,
            "token_hash", tokenHash, "created_at", now.toEpochMilli()))
        .map(rows -> toUser(rows.get(0)));
  }

  Future<Optional<User>> get(long id) {
    return db.query("get", params("id", id)).map(rows -> first(SqliteDatabase.json(rows)));
  }

  Future<Optional<Long>> idByTokenHash(String tokenHash) {
    return db.query("by_token", params("token_hash", tokenHash))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong("id")));
  }

  Future<Optional<User>> update(long id, String name, String timezone) {
    return db.write("update", params("id", id, "name", name, "timezone", timezone))
        .map(UserRepository::first);
  }

  Future<Boolean> setTokenHash(long id, String tokenHash) {
    return db.change("set_token", params("id", id, "token_hash", tokenHash)).map(changed -> changed > 0);
  }

  Future<Boolean> setCalendarKeyHash(long id, String keyHash) {
    return db.change("set_calendar_key", params("id", id, "calendar_key_hash", keyHash)).map(changed -> changed > 0);
  }

  /**
   * The user when {@code keyHash} is the hash of its calendar-feed key. The hashes are compared with
   * {@link MessageDigest#isEqual}, whose time does not depend on where they differ.
   */
  Future<Optional<User>> byCalendarKey(long id, String keyHash) {
    return db.query("calendar_key_of", params("id", id)).map(rows -> {
      List<JsonObject> found = SqliteDatabase.json(rows);
      if (found.isEmpty() || keyHash == null) {
        return Optional.empty();
      }
      String stored = found.get(0).getString("calendar_key_hash");
      boolean same = stored != null && MessageDigest.isEqual(
          stored.getBytes(StandardCharsets.US_ASCII), keyHash.getBytes(StandardCharsets.US_ASCII));
      return same ? Optional.of(toUser(found.get(0))) : Optional.empty();
    });
  }

  /** The id when the user exists or its deletion is still to finish; empty otherwise. */
  Future<Optional<Long>> deletable(long id) {
    return db.query("deletable", params("id", id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(id));
  }

  /**
   * Begins a deletion: the tombstone hides the user from every read and write but the token
   * lookup (so that the user can repeat the DELETE) while the other domains purge its rows.
   */
  Future<Void> addTombstone(long id, Instant now) {
    return db.change("add_tombstone", params("id", id, "deleted_at", now.toEpochMilli())).mapEmpty();
  }

  /** Ends a deletion once every other domain purged the user: the row and the tombstone go together. */
  Future<Void> deleteWithTombstone(long id) {
    return db.write(tx -> {
      tx.change("delete", params("id", id));
      return tx.change("remove_tombstone", params("id", id));
    }).mapEmpty();
  }

  Future<List<Long>> tombstones() {
    return db.query("tombstones", params()).map(rows -> {
      List<Long> ids = new ArrayList<>();
      rows.forEach(row -> ids.add(row.getLong("user_id")));
      return ids;
    });
  }

  static String emailKey(String email) {
    return email.toLowerCase(Locale.ROOT);
  }

  private static Optional<User> first(List<JsonObject> rows) {
    return rows.isEmpty() ? Optional.empty() : Optional.of(toUser(rows.get(0)));
  }

  private static User toUser(JsonObject row) {
    return new User(row.getLong("id"), row.getString("name"), row.getString("email"),
        row.getString("timezone"), SqliteDatabase.instant(row, "created_at"));
  }
}
