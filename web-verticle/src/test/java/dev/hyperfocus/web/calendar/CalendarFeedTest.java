package dev.hyperfocus.web.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperfocus.api.Interruption;
import dev.hyperfocus.api.InterruptionType;
import dev.hyperfocus.api.Session;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CalendarFeedTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:30.250Z");

  @Test
  @DisplayName("Each session is one VEVENT in UTC with its UID, summary and lost and effective time")
  void sessionsBecomeEvents() throws Exception {
    Session ended = new Session(7, 1, Instant.parse("2026-11-24T09:00:00Z"), Instant.parse("2026-11-24T10:30:00Z"),
        "Europe/Berlin", NOW);
    Session active = new Session(8, 1, Instant.parse("2026-11-25T11:00:00Z"), null, "Europe/Berlin", NOW);
    Interruption call = new Interruption(1, 7, 1, InterruptionType.PHONE, "call",
        Instant.parse("2026-11-24T10:20:00Z"), Instant.parse("2026-11-24T10:40:00Z"), 1200, NOW);
    String text = CalendarFeed.write(List.of(ended, active), Map.of(7L, List.of(call)), NOW);

    Calendar calendar = new CalendarBuilder().build(new StringReader(text));
    List<VEvent> events = calendar.getComponents("VEVENT");
    assertThat(events).hasSize(2);
    VEvent first = events.get(0);
    assertThat(first.getUid().orElseThrow().getValue()).isEqualTo("session-7@hyperfocus");
    assertThat(first.getProperty("DTSTART").orElseThrow().getValue()).isEqualTo("20261124T090000Z");
    assertThat(first.getProperty("DTEND").orElseThrow().getValue()).isEqualTo("20261124T103000Z");
    assertThat(first.getSummary().getValue()).isEqualTo("Focus: 1h 30m, 1 interruptions");
    assertThat(first.getDescription().getValue()).contains("lost 0h 10m 00s").contains("effective 1h 20m 00s");
    VEvent second = events.get(1);
    assertThat(second.getProperty("DTEND").orElseThrow().getValue()).isEqualTo("20261125T120030Z");
    assertThat(second.getSummary().getValue()).isEqualTo("Focus: 1h 0m, 0 interruptions");
  }

  @Test
  @DisplayName("A zero-length session and an active one that starts a moment ahead still make a valid calendar")
  void edgeSessions() throws Exception {
    Session empty = new Session(1, 1, Instant.parse("2026-11-24T09:00:00Z"), Instant.parse("2026-11-24T09:00:00Z"),
        "UTC", NOW);
    Session ahead = new Session(2, 1, NOW.plusSeconds(3), null, "UTC", NOW);
    String text = CalendarFeed.write(List.of(empty, ahead), Map.of(), NOW);

    List<VEvent> events = new CalendarBuilder().build(new StringReader(text)).getComponents("VEVENT");
    assertThat(events).hasSize(2);
    assertThat(events.get(0).getSummary().getValue()).isEqualTo("Focus: 0h 0m, 0 interruptions");
  }

  @Test
  @DisplayName("Durations in the description are whole seconds, floored")
  void clock() {
    assertThat(CalendarFeed.clock(3_725_999)).isEqualTo("1h 02m 05s");
    assertThat(CalendarFeed.clock(0)).isEqualTo("0h 00m 00s");
  }
}
