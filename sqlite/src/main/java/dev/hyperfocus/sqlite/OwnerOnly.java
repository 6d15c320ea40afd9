package dev.hyperfocus.sqlite;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The data directory holds users' emails and token hashes: only the account that runs HyperFocus
 * may read it. The directory is created {@code 0700} and every file in it {@code 0600}, whatever
 * the umask; an existing directory or file with wider permissions is narrowed when the node
 * starts (one log line per path changed). On a file system without POSIX permissions (Windows,
 * some mounts) nothing is set and nothing fails.
 */
public final class OwnerOnly {
  private static final Logger LOG = Logger.getLogger(OwnerOnly.class.getName());
  static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnly() {}

  /** Creates {@code dir} (and missing parents) as 0700, or narrows an existing one to 0700. */
  public static void directory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      narrow(dir, DIRECTORY);
      return;
    }
    if (posix(dir.toAbsolutePath().getParent())) {
      try {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
      } catch (FileAlreadyExistsException raced) {
        // created meanwhile (or not a directory: the caller's own check reports that)
      }
      // the umask may have masked bits off the attribute, never added any; but be exact
      narrow(dir, DIRECTORY);
    } else {
      Files.createDirectories(dir);
    }
  }

  /**
   * Creates an empty {@code file} as 0600 when missing, or narrows an existing one to 0600. SQLite
   * then gives its {@code -wal} and {@code -shm} files the main file's permissions.
   */
  public static void file(Path file) throws IOException {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) && posix(file.toAbsolutePath().getParent())) {
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
      } catch (FileAlreadyExistsException raced) {
        // narrowed below
      }
    }
    narrowIfExists(file);
  }

  /** Narrows {@code file} to 0600 if it exists (the journal files of an existing database). */
  public static void narrowIfExists(Path file) throws IOException {
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      narrow(file, FILE);
    }
  }

  private static boolean posix(Path existing) {
    Path probe = existing;
    while (probe != null && !Files.exists(probe)) {
      probe = probe.getParent();
    }
    return probe != null && Files.getFileAttributeView(probe, PosixFileAttributeView.class) != null;
  }

  private static void narrow(Path path, Set<PosixFilePermission> wanted) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    Set<PosixFilePermission> current = view.readAttributes().permissions();
    if (!current.equals(wanted)) {
      view.setPermissions(wanted);
      LOG.info(() -> "Permissions of " + path.toAbsolutePath() + " changed from "
          + PosixFilePermissions.toString(current) + " to " + PosixFilePermissions.toString(wanted)
          + " (only the account running HyperFocus may read its data)");
    }
  }
}
