package dev.hyperfocus.sessions;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.Change;
import dev.hyperfocus.api.Events;
import dev.hyperfocus.api.Failure;
import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.Imports;
import dev.hyperfocus.api.Messages;
import dev.hyperfocus.api.Ownership;
import dev.hyperfocus.api.Session;
import dev.hyperfocus.api.TimeRules;
import dev.hyperfocus.runtime.DeletedUsers;
import dev.hyperfocus.sqlite.Tx;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageProducer;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The sessions side of an import (api.md section 9). The edge has parsed the file and checked its
 * rows against each other; here they are checked against the user's stored sessions, imported or
 * not ("no overlap" replaces the live "not before the previous end" rule). An import comes twice:
 * {@link #check} checks and reserves one id per row, so that the edge can write the interruptions
 * first under their sessions' ids; {@link #write} then writes the sessions under those ids in one
 * transaction, checking the stored sessions again (a live write may have come between), and
 * publishes them. When the second step fails, the edge removes the interruptions again with
 * {@code interruption_deleted} events, which every consumer understands; a session has no such
 * event, which is why the sessions are written last.
 */
final class SessionImports {
  private final Vertx vertx;
  private final Clock clock;
  private final SessionRepository sessions;
  private final DeletedUsers deleted;

  SessionImports(Vertx vertx, Clock clock, SessionRepository sessions, DeletedUsers deleted) {
    this.vertx = vertx;
    this.clock = clock;
    this.sessions = sessions;
    this.deleted = deleted;
  }

  /** 409 naming the first row that overlaps a stored session; else the reserved ids (none in a dry run). */
  Future<Imports.Ids> check(Imports.Sessions request) {
    long userId = request.userId();
    Ownership.check(request.actorId(), userId);
    Instant now = clock.instant();
    return sessions.write(tx -> {
      deleted.refuse(userId, Messages.USER_NOT_FOUND);
      // decoded here, on the writer's worker thread: an import may hold hundreds of thousands of rows
      List<Imports.SessionRow> rows = request.rows();
      checkAgainstStored(tx, userId, rows, now);
      List<Long> ids = new ArrayList<>(rows.size());
      if (!request.dryRun() && !rows.isEmpty()) {
        long first = sessions.reserveIds(tx, rows.size());
        for (int i = 0; i < rows.size(); i++) {
          ids.add(first + i);
        }
      }
      return new Imports.Ids(userId, ids);
    });
  }

  /** The sessions under their reserved ids, all or none (409 naming the row); then one event each. */
  Future<Imports.Count> write(Imports.Sessions request) {
    long userId = request.userId();
    Ownership.check(request.actorId(), userId);
    Instant now = clock.instant();
    return sessions.write(tx -> {
      deleted.refuse(userId, Messages.USER_NOT_FOUND);
      List<Imports.SessionWithId> rows = request.rowsWithIds();
      checkAgainstStored(tx, userId, rows.stream().map(Imports.SessionWithId::row).toList(), now);
      List<SessionRepository.Written> written = new ArrayList<>(rows.size());
      for (Imports.SessionWithId row : rows) {
        written.add(sessions.insertEnded(tx, row.id(), userId, row.row().startTime(), row.row().endTime(),
            row.row().timezone(), now));
      }
      return written;
    }).compose(written -> publish(vertx.eventBus().publisher(Address.SESSIONS_EVENTS), written, 0)
        .map(new Imports.Count(written.size())));
  }

  /**
   * 409 naming the first row that overlaps a stored session. The rows come ordered by start and,
   * not overlapping each other, by end too; so do the stored sessions, which the live rules keep
   * from overlapping. One read of the stored sessions within the import's span, then one merge
   * pass: the row overlaps a stored session exactly when it overlaps the last one starting before
   * its end, and that one only moves forward from row to row.
   */
  private void checkAgainstStored(Tx tx, long userId, List<Imports.SessionRow> rows, Instant now) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    Instant from = rows.get(0).startTime();
    Instant to = rows.get(rows.size() - 1).endTime();
    for (Imports.SessionRow row : rows) {
      to = row.endTime().isAfter(to) ? row.endTime() : to;
    }
    List<Session> stored = sessions.overlappingSpan(tx, userId, from, to, now);
    int last = -1;
    for (Imports.SessionRow row : rows) {
      while (last + 1 < stored.size() && stored.get(last + 1).startTime().isBefore(row.endTime())) {
        last++;
      }
      if (last < 0) {
        continue;
      }
      Session candidate = stored.get(last);
      if (TimeRules.overlaps(row.startTime(), row.endTime(), candidate.startTime(),
          candidate.active() ? now : candidate.endTime())) {
        throw Failure.CONFLICT.with(row.label() + ": overlaps session " + candidate.id() + " ("
            + Fields.instant(candidate.startTime()) + " to "
            + (candidate.active() ? "now, active" : Fields.instant(candidate.endTime())) + ")");
      }
    }
  }

  /**
   * One {@code session_ended} per imported session, carrying the full row like an end does, a page
   * at a time (one task of the event loop each, however large the import); done once the events are
   * queued for this node's consumers, as for a start or end.
   */
  private Future<Void> publish(MessageProducer<JsonObject> events, List<SessionRepository.Written> written, int from) {
    if (from >= written.size()) {
      return Future.succeededFuture();
    }
    int to = Math.min(from + Fields.HISTORY_PAGE, written.size());
    List<Future<Void>> queued = new ArrayList<>(to - from);
    written.subList(from, to).forEach(row -> queued.add(events.write(
        Events.session(Change.SESSION_ENDED, row.session()).put(Fields.OUTBOX_SEQ, row.seq()))));
    // the next page in a task of its own: local deliveries complete at once, and a plain
    // continuation would publish every page in this one task
    Promise<Void> nextTask = Promise.promise();
    Future.join(queued).onComplete(page -> vertx.runOnContext(next -> nextTask.complete()));
    return nextTask.future().compose(next -> publish(events, written, to));
  }
}
