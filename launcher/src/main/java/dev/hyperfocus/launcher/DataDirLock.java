package dev.hyperfocus.launcher;

import dev.hyperfocus.sqlite.OwnerOnly;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An OS lock on {@code <data_dir>/.lock}, so that one process at a time uses a data directory.
 * The OS drops it when the process dies, so a killed process leaves no stale lock. Acquiring it
 * also checks that the directory is one, is writable and has room, and makes it (and the lock
 * file) readable by the owner only (see {@link OwnerOnly}).
 */
final class DataDirLock implements AutoCloseable {
  /** Below this, a start would only lead to failing writes: refuse it instead. */
  static final long MIN_FREE_BYTES = 16L * 1024 * 1024;

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static DataDirLock acquire(Path dataDir) {
    if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
      throw new IllegalStateException("The data directory " + dataDir.toAbsolutePath()
          + " exists but is not a directory; set HYPERFOCUS_DATA_DIR to a directory");
    }
    try {
      OwnerOnly.directory(dataDir);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot create the data directory " + dataDir.toAbsolutePath()
          + " (" + reason(e) + "); set HYPERFOCUS_DATA_DIR to a writable directory", e);
    }
    Path file = dataDir.resolve(".lock");
    FileChannel channel;
    try {
      OwnerOnly.file(file);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write to the data directory " + dataDir.toAbsolutePath()
          + " (" + reason(e) + "); set HYPERFOCUS_DATA_DIR to a writable directory", e);
    }
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new IllegalStateException(inUse(dataDir));
      }
      long free = Files.getFileStore(dataDir).getUsableSpace();
      if (free < MIN_FREE_BYTES) {
        lock.release();
        throw new IllegalStateException("The disk holding the data directory " + dataDir.toAbsolutePath()
            + " has only " + free / 1024 + " KiB free; HyperFocus needs at least " + MIN_FREE_BYTES / (1024 * 1024)
            + " MiB to start");
      }
      return new DataDirLock(channel, lock);
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel);
      throw new IllegalStateException(inUse(dataDir), e);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new IllegalStateException("Cannot lock " + file.toAbsolutePath() + ": " + e.getMessage(), e);
    } catch (IllegalStateException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /** The JDK puts only the path into most file-system exceptions' messages; name the kind too. */
  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
      return "a part of the path is a file, not a directory";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.toString();
  }

  private static String inUse(Path dataDir) {
    return "The data directory " + dataDir.toAbsolutePath()
        + " is in use by another HyperFocus process; stop it or choose another HYPERFOCUS_DATA_DIR";
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing more to release
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // the channel close below releases it too
    }
    closeQuietly(channel);
  }
}
