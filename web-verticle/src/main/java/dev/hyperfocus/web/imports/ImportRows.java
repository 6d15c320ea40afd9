package dev.hyperfocus.web.imports;

import dev.hyperfocus.api.InterruptionType;
import java.time.Instant;
import java.util.List;

/** What an import file holds once parsed, before the rules: sessions and (JSON only) interruptions. */
final class ImportRows {
  private ImportRows() {}

  /**
   * A session row. {@code fileId}: its id in the file (what the file's interruptions name), null for
   * a CSV. {@code endTime} null: an active session, which the rules refuse.
   */
  record SessionRow(RowRef ref, Long fileId, Instant startTime, Instant endTime, String timezone) {}

  /** An interruption row of a JSON export; {@code sessionFileId} is the session's id in the file. */
  record InterruptionRow(RowRef ref, long sessionFileId, InterruptionType type, String description,
      Instant startTime, Instant endTime) {}

  /** A whole file. */
  record Parsed(List<SessionRow> sessions, List<InterruptionRow> interruptions) {}
}
