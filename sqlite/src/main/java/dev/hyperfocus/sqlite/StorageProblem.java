package dev.hyperfocus.sqlite;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Failures of the storage itself rather than of a statement: a damaged file, a full disk, a file
 * or directory that cannot be written. The service cannot work around them, so they are described
 * for the operator, naming the file and what to do.
 */
final class StorageProblem {
  private static final int SQLITE_PERM = 3;
  private static final int SQLITE_READONLY = 8;
  private static final int SQLITE_IOERR = 10;
  private static final int SQLITE_CORRUPT = 11;
  private static final int SQLITE_FULL = 13;
  private static final int SQLITE_CANTOPEN = 14;
  private static final int SQLITE_NOTADB = 26;

  private StorageProblem() {}

  /** The operator's explanation of {@code failure} on {@code file}, if it is a storage failure. */
  static Optional<String> describe(Path file, Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        String what = switch (sql.getErrorCode() & 0xff) {
          case SQLITE_CORRUPT, SQLITE_NOTADB -> "is damaged or is not a SQLite database;"
              + " restore it from a backup, or move it aside to start empty";
          case SQLITE_FULL -> "cannot grow: the disk is full; free space and start again";
          case SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN -> "cannot be opened for writing;"
              + " check the permissions of the file and of its directory";
          case SQLITE_IOERR -> "cannot be read or written (I/O error); check the disk";
          default -> null;
        };
        if (what != null) {
          return Optional.of("The database file " + file + " " + what + " (" + sql.getMessage() + ")");
        }
      }
    }
    return Optional.empty();
  }
}
