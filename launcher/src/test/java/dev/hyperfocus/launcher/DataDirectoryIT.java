package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** One process per data directory, and a clear refusal, never a crash loop, when the data cannot be used. */
@Tag("slow")
class DataDirectoryIT {
  private static final Duration EXIT = Duration.ofSeconds(30);

  private Path root;

  @BeforeEach
  void createRoot() throws Exception {
    root = Files.createTempDirectory("hyperfocus-datadir");
  }

  @AfterEach
  void deleteRoot() {
    TestNode.deleteTree(root);
  }

  @Test
  @DisplayName("A second process on the same data directory exits at once with a clear message; after a SIGKILL of the first, a new one starts")
  void secondProcessIsRefused() {
    Path dir = root.resolve("data");
    try (ChildNode first = ChildNode.start(dir)) {
      ChildNode.Exited second = ChildNode.runToExit(dir, EXIT);
      assertThat(second.status()).isEqualTo(1);
      assertThat(second.output()).contains("HyperFocus could not start: The data directory " + dir.toAbsolutePath()
          + " is in use by another HyperFocus process");
      assertNoStackTrace(second.output());
      assertThat(first.get("/health", null).status()).isEqualTo(200);
      first.kill();
      try (ChildNode third = ChildNode.start(dir)) {
        assertThat(third.get("/health", null).status()).isEqualTo(200);
      }
    }
  }

  @Test
  @DisplayName("A data directory path that is a regular file stops the start with a clear message")
  void dataDirectoryIsAFile() throws Exception {
    Path file = Files.writeString(root.resolve("not-a-directory"), "x");
    ChildNode.Exited run = ChildNode.runToExit(file, EXIT);
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.output()).contains("The data directory " + file.toAbsolutePath() + " exists but is not a directory");
    assertNoStackTrace(run.output());
  }

  @Test
  @DisplayName("A data directory that cannot be created (a parent is a file) stops the start with a clear message")
  void dataDirectoryCannotBeCreated() throws Exception {
    Path file = Files.writeString(root.resolve("file"), "x");
    Path dir = file.resolve("data");
    ChildNode.Exited run = ChildNode.runToExit(dir, EXIT);
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.output()).contains("Cannot create the data directory " + dir.toAbsolutePath());
    assertNoStackTrace(run.output());
  }

  @Test
  @DisplayName("A damaged database file stops the start with a message naming the file")
  void damagedDatabaseFile() throws Exception {
    Path dir = root.resolve("data");
    try (ChildNode node = ChildNode.start(dir)) {
      assertThat(node.post("/users", "{\"name\": \"A\", \"email\": \"a@example.com\"}", null).status()).isEqualTo(201);
      assertThat(node.terminate(EXIT)).isIn(0, 143);
    }
    byte[] garbage = new byte[8192];
    new java.util.Random(6).nextBytes(garbage);
    Files.write(dir.resolve("users.db"), garbage);
    ChildNode.Exited run = ChildNode.runToExit(dir, EXIT);
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.output()).contains("The database file " + dir.resolve("users.db").toAbsolutePath()
        + " is damaged or is not a SQLite database");
    assertNoStackTrace(run.output());
  }

  @Test
  @DisplayName("A fresh data directory is 0700 and every file in it 0600 (the -wal and -shm files included), whatever the umask")
  void freshDataIsOwnerOnly() throws Exception {
    Path dir = root.resolve("data");
    try (ChildNode node = ChildNode.start(dir)) {
      assertThat(node.post("/users", "{\"name\": \"A\", \"email\": \"a@example.com\"}", null).status()).isEqualTo(201);
      assertOwnerOnly(dir);
      assertThat(dir.resolve("users.db-wal")).exists();
    }
  }

  @Test
  @DisplayName("An existing data directory and files readable by others are narrowed at start, with one log line per path")
  void existingDataIsNarrowed() throws Exception {
    Path dir = root.resolve("data");
    try (ChildNode node = ChildNode.start(dir)) {
      assertThat(node.post("/users", "{\"name\": \"A\", \"email\": \"a@example.com\"}", null).status()).isEqualTo(201);
      assertThat(node.terminate(EXIT)).isIn(0, 143);
    }
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
      }
    }
    try (ChildNode node = ChildNode.start(dir)) {
      assertOwnerOnly(dir);
      assertThat(node.log()).contains("Permissions of " + dir.toAbsolutePath() + " changed from rwxr-xr-x to rwx------")
          .contains("Permissions of " + dir.resolve("users.db").toAbsolutePath() + " changed from rw-r--r-- to rw-------");
    }
  }

  private static void assertOwnerOnly(Path dir) throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).as(dir.toString()).isEqualTo("rwx------");
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> all = files.toList();
      assertThat(all).extracting(file -> file.getFileName().toString()).contains("users.db", "sessions.db", ".lock");
      for (Path file : all) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
            .isEqualTo("rw-------");
      }
    }
  }

  private static void assertNoStackTrace(String output) {
    assertThat(output).doesNotContain("\tat ").doesNotContain("Exception in thread");
  }
}
