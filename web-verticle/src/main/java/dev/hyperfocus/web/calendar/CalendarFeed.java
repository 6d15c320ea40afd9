package dev.hyperfocus.web.calendar;

import dev.hyperfocus.api.Interruption;
import dev.hyperfocus.api.Session;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.validate.ValidationException;

/**
 * A user's sessions as an RFC 5545 calendar, written by iCal4j: one {@code VEVENT} per session,
 * {@code UID} {@code session-<id>@hyperfocus}, {@code DTSTART}/{@code DTEND} in UTC (an active
 * session ends at the request time), {@code SUMMARY} {@code Focus: <h>h <m>m, <n> interruptions}
 * with the session's worked time and its counted interruptions, and its lost and effective time in
 * {@code DESCRIPTION}. Lost time is the interruptions clipped to the session, as analytics.md
 * counts it; effective = max(worked - lost, 0). Pure: values in, text out.
 */
public final class CalendarFeed {
  static final String PROD_ID = "-//HyperFocus//Calendar feed 1.0//EN";

  private CalendarFeed() {}

  /** The calendar text; {@code interruptions} by session id, {@code now} the request time. */
  public static String write(List<Session> sessions, Map<Long, List<Interruption>> interruptions, Instant now) {
    Calendar calendar = new Calendar().withProdId(PROD_ID).withDefaults().getFluentTarget();
    DtStamp stamp = new DtStamp(now.truncatedTo(ChronoUnit.SECONDS));
    for (Session session : sessions) {
      calendar.add(event(session, interruptions.getOrDefault(session.id(), List.of()), now, stamp));
    }
    StringWriter text = new StringWriter();
    try {
      new CalendarOutputter(true).output(calendar, text);
    } catch (IOException | ValidationException e) {
      throw new IllegalStateException("the calendar feed did not validate", e);
    }
    return text.toString();
  }

  private static VEvent event(Session session, List<Interruption> interruptions, Instant now, DtStamp stamp) {
    Instant start = session.startTime();
    // a session may start up to 5 s ahead of the server's clock (time rule 1): never end before it starts
    Instant end = session.active() ? max(now, start) : session.endTime();
    long workedMs = Math.max(0, Duration.between(start, end).toMillis());
    long lostMs = 0;
    int counted = 0;
    for (Interruption interruption : interruptions) {
      Instant from = max(interruption.startTime(), start);
      Instant to = min(interruption.endTime(), end);
      if (from.isBefore(to)) {
        lostMs += Duration.between(from, to).toMillis();
        counted++;
      }
    }
    long effectiveMs = Math.max(workedMs - lostMs, 0);
    long workedMinutes = workedMs / 60_000;
    String summary = "Focus: " + workedMinutes / 60 + "h " + workedMinutes % 60 + "m, " + counted + " interruptions";
    String description = "Worked " + clock(workedMs) + ", lost " + clock(lostMs) + " to " + counted
        + " interruptions, effective " + clock(effectiveMs) + "." + (session.active() ? " Session still active." : "")
        + " Time zone " + session.timezone() + ".";
    VEvent event = new VEvent(start.truncatedTo(ChronoUnit.SECONDS), end.truncatedTo(ChronoUnit.SECONDS), summary);
    event.replace(stamp);
    event.add(new Uid(uid(session.id())));
    event.add(new Description(description));
    return event;
  }

  /** The UID of a session's event: stable across requests, so calendar apps update rather than duplicate it. */
  public static String uid(long sessionId) {
    return "session-" + sessionId + "@hyperfocus";
  }

  /** {@code 1h 02m 05s}; whole seconds, floored. */
  static String clock(long millis) {
    long seconds = millis / 1000;
    return seconds / 3600 + "h " + String.format("%02dm %02ds", seconds / 60 % 60, seconds % 60);
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
