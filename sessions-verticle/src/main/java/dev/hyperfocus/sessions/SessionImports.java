package dev.hyperfocus.sessions;

import dev.hyperfocus.api.Address;
import dev.hyperfocus.api.Change;
import dev.hyperfocus.api.Empty;
import dev.hyperfocus.api.Events;
import dev.hyperfocus.api.Failure;
import dev.hyperfocus.api.Fields;
import dev.hyperfocus.api.Imports;
import dev.hyperfocus.api.Messages;
import dev.hyperfocus.api.Ownership;
import dev.hyperfocus.api.Session;
import dev.hyperfocus.runtime.DeletedUsers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageProducer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sessions side of an import (api.md section 9). The edge has parsed the file and checked its
 * rows against each other; here each row is checked against the user's stored sessions, imported
 * or not ("no overlap" replaces the live "not before the previous end" rule), and all rows are
 * written in one transaction on the single writer, so nothing can slip in between check and write.
 * Events wait until the edge reports the whole import committed ({@link #publish}); an import
 * whose interruptions failed is removed again ({@link #undo}) without any consumer having seen it.
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

  /** 409 naming the first row that overlaps a stored session; else the new ids (none in a dry run). */
  Future<Imports.Ids> write(Imports.Sessions request) {
    long userId = request.userId();
    Ownership.check(request.actorId(), userId);
    Instant now = clock.instant();
    return sessions.write(tx -> {
      deleted.refuse(userId, Messages.USER_NOT_FOUND);
      for (Imports.SessionRow row : request.rows()) {
        Optional<Session> clash = sessions.overlapping(tx, userId, row.startTime(), row.endTime(), now);
        if (clash.isPresent()) {
          throw Failure.CONFLICT.with(row.label() + ": overlaps session " + clash.get().id() + " ("
              + Fields.instant(clash.get().startTime()) + " to "
              + (clash.get().active() ? "now, active" : Fields.instant(clash.get().endTime())) + ")");
        }
      }
      List<Long> ids = new ArrayList<>(request.rows().size());
      if (!request.dryRun()) {
        for (Imports.SessionRow row : request.rows()) {
          ids.add(sessions.insertEnded(tx, userId, row.startTime(), row.endTime(), row.timezone(), now).id());
        }
      }
      return new Imports.Ids(userId, ids);
    });
  }

  /**
   * One {@code session_ended} per imported session, carrying the full row like an end does; the
   * reply waits until the events are queued for this node's consumers (as a start or end does).
   */
  Future<Empty> publish(Imports.Ids request) {
    return sessions.ofUser(request.userId(), request.ids()).compose(rows -> {
      MessageProducer<JsonObject> events = vertx.eventBus().publisher(Address.SESSIONS_EVENTS);
      List<Future<Void>> queued = new ArrayList<>(rows.size());
      rows.forEach(row -> queued.add(events.write(Events.session(Change.SESSION_ENDED, row))));
      return Future.join(queued).otherwiseEmpty().map(Empty.INSTANCE);
    });
  }

  /** Compensation: removes the sessions an import wrote before its interruptions failed. */
  Future<Empty> undo(Imports.Ids request) {
    return sessions.deleteOfUser(request.userId(), request.ids()).map(Empty.INSTANCE);
  }
}
