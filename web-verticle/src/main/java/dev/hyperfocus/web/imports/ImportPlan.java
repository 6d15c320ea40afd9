package dev.hyperfocus.web.imports;

import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.Messages;
import dev.hyperfocus.api.TimeRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of an import, checked on the whole file before anything is written (api.md section 9):
 * the API's time rules, except that instead of "not before the previous session's end" sessions
 * must overlap no other session (here: none of the file; the sessions domain checks the stored
 * ones); imported sessions must be ended; interruptions must overlap their session and not each
 * other. A 422 or 409 names the row. Pure: values in, the plan out.
 *
 * @param sessions the sessions ordered by start (then end): the order they are written in
 * @param interruptions each with the index of its session in {@code sessions}
 */
record ImportPlan(List<ImportRows.SessionRow> sessions, List<Planned> interruptions) {
  /** An interruption and the index of its session in {@link #sessions}. */
  record Planned(ImportRows.InterruptionRow row, int session) {}

  private static final Comparator<ImportRows.SessionRow> BY_START =
      Comparator.comparing(ImportRows.SessionRow::startTime).thenComparing(ImportRows.SessionRow::endTime);
  private static final Comparator<ImportRows.InterruptionRow> BY_INTERRUPTION_START =
      Comparator.comparing(ImportRows.InterruptionRow::startTime).thenComparing(ImportRows.InterruptionRow::endTime);

  static ImportPlan of(ImportRows.Parsed parsed, Instant now) {
    for (ImportRows.SessionRow row : parsed.sessions()) {
      checkSession(row, now);
    }
    List<ImportRows.SessionRow> sessions = new ArrayList<>(parsed.sessions());
    sessions.sort(BY_START);
    // ordered by start, a session overlaps an earlier one exactly when it overlaps the earlier one
    // that ends last (see docs/integrations.md)
    ImportRows.SessionRow latest = null;
    Map<Long, Integer> byFileId = new HashMap<>();
    for (int i = 0; i < sessions.size(); i++) {
      ImportRows.SessionRow row = sessions.get(i);
      if (latest != null && TimeRules.overlaps(row.startTime(), row.endTime(), latest.startTime(), latest.endTime())) {
        throw row.ref().conflict("overlaps " + latest.ref().label() + " (" + Fields.instant(latest.startTime()) + " to "
            + Fields.instant(latest.endTime()) + ")");
      }
      if (latest == null || row.endTime().isAfter(latest.endTime())) {
        latest = row;
      }
      if (row.fileId() != null && byFileId.put(row.fileId(), i) != null) {
        throw row.ref().invalid(Fields.ID, "another session of the file has the same id");
      }
    }
    return new ImportPlan(sessions, interruptions(parsed.interruptions(), sessions, byFileId, now));
  }

  private static void checkSession(ImportRows.SessionRow row, Instant now) {
    RowRef ref = row.ref();
    if (row.endTime() == null) {
      throw ref.invalid(Fields.END_TIME, "an active session (no end) cannot be imported: end it first");
    }
    if (TimeRules.inFuture(row.startTime(), now)) {
      throw ref.invalid(Fields.START_TIME, Messages.TIME_IN_FUTURE);
    }
    if (TimeRules.inFuture(row.endTime(), now)) {
      throw ref.invalid(Fields.END_TIME, Messages.TIME_IN_FUTURE);
    }
    if (row.endTime().isBefore(row.startTime())) {
      throw ref.invalid(Fields.END_TIME, Messages.END_BEFORE_START);
    }
  }

  private static List<Planned> interruptions(List<ImportRows.InterruptionRow> rows,
      List<ImportRows.SessionRow> sessions, Map<Long, Integer> byFileId, Instant now) {
    Map<Integer, List<ImportRows.InterruptionRow>> bySession = new HashMap<>();
    for (ImportRows.InterruptionRow row : rows) {
      RowRef ref = row.ref();
      Integer session = byFileId.get(row.sessionFileId());
      if (session == null) {
        throw ref.invalid(Fields.SESSION_ID, "no session of the file has id " + row.sessionFileId());
      }
      if (!row.endTime().isAfter(row.startTime())) {
        throw ref.invalid(Fields.END_TIME, "end_time must be after start_time");
      }
      if (TimeRules.inFuture(row.startTime(), now)) {
        throw ref.invalid(Fields.START_TIME, Messages.TIME_IN_FUTURE);
      }
      if (TimeRules.tooFarAhead(row.endTime(), now)) {
        throw ref.invalid(Fields.END_TIME, Messages.END_TOO_FAR_AHEAD);
      }
      ImportRows.SessionRow owner = sessions.get(session);
      if (!TimeRules.overlaps(row.startTime(), row.endTime(), owner.startTime(), owner.endTime())) {
        throw ref.invalid(Fields.START_TIME, Messages.INTERRUPTION_MUST_OVERLAP + " (" + owner.ref().label() + ")");
      }
      bySession.computeIfAbsent(session, key -> new ArrayList<>()).add(row);
    }
    List<Planned> planned = new ArrayList<>(rows.size());
    for (Map.Entry<Integer, List<ImportRows.InterruptionRow>> entry : bySession.entrySet()) {
      List<ImportRows.InterruptionRow> ofSession = entry.getValue();
      ofSession.sort(BY_INTERRUPTION_START);
      ImportRows.InterruptionRow latest = null;
      for (ImportRows.InterruptionRow row : ofSession) {
        if (latest != null && TimeRules.overlaps(row.startTime(), row.endTime(), latest.startTime(), latest.endTime())) {
          throw row.ref().conflict("overlaps " + latest.ref().label() + " of the same session");
        }
        if (latest == null || row.endTime().isAfter(latest.endTime())) {
          latest = row;
        }
        planned.add(new Planned(row, entry.getKey()));
      }
    }
    planned.sort(Comparator.comparing((Planned p) -> p.row().startTime()));
    return planned;
  }
}
