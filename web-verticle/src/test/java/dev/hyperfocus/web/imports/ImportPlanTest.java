package dev.hyperfocus.web.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hyperfocus.api.InterruptionType;
import dev.hyperfocus.web.input.Invalid;
import dev.hyperfocus.web.rest.HttpProblem;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ImportPlanTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  private static ImportRows.SessionRow session(int row, long id, String start, String end) {
    return new ImportRows.SessionRow(RowRef.csv(row), id, Instant.parse(start), end == null ? null : Instant.parse(end), "UTC");
  }

  private static ImportRows.InterruptionRow interruption(int index, long session, String start, String end) {
    return new ImportRows.InterruptionRow(RowRef.json("interruptions", index, index + 100), session, InterruptionType.SELF,
        "x", Instant.parse(start), Instant.parse(end));
  }

  private static ImportPlan plan(List<ImportRows.SessionRow> sessions, List<ImportRows.InterruptionRow> interruptions) {
    return ImportPlan.of(new ImportRows.Parsed(sessions, interruptions), NOW);
  }

  @Test
  @DisplayName("Sessions are ordered by start; back-to-back and zero-length sessions at an edge do not overlap")
  void orderAndEdges() {
    ImportPlan plan = plan(List.of(
        session(2, 1, "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z"),
        session(3, 2, "2026-11-01T10:00:00Z", "2026-11-02T10:00:00Z"),
        session(4, 3, "2026-11-02T11:00:00Z", "2026-11-02T11:00:00Z")), List.of());

    assertThat(plan.sessions()).extracting(row -> row.ref().label()).containsExactly("row 3", "row 2", "row 4");
  }

  @Test
  @DisplayName("A session overlapping an earlier long one is named, even when a shorter one lies between them")
  void overlapWithTheLongestEarlier() {
    assertThatThrownBy(() -> plan(List.of(
        session(2, 1, "2026-11-01T08:00:00Z", "2026-11-01T18:00:00Z"),
        session(3, 2, "2026-11-01T09:00:00Z", "2026-11-01T09:30:00Z")), List.of()))
        .isInstanceOf(HttpProblem.class).hasMessageStartingWith("row 3: overlaps row 2");
    assertThatThrownBy(() -> plan(List.of(
        session(2, 1, "2026-11-01T08:00:00Z", "2026-11-01T18:00:00Z"),
        session(3, 2, "2026-11-01T12:00:00Z", "2026-11-01T12:00:00Z")), List.of()))
        .isInstanceOf(HttpProblem.class).hasMessageStartingWith("row 3: overlaps row 2");
  }

  @Test
  @DisplayName("Active, backwards and future sessions are 422s naming the row")
  void sessionRules() {
    assertThatThrownBy(() -> plan(List.of(session(5, 1, "2026-11-01T08:00:00Z", null)), List.of()))
        .isInstanceOf(Invalid.class).satisfies(e -> assertThat(((Invalid) e).detail().getJsonObject(0).getString("msg"))
            .startsWith("row 5: an active session"));
    assertThatThrownBy(() -> plan(List.of(session(2, 1, "2026-11-01T08:00:00Z", "2026-11-01T07:00:00Z")), List.of()))
        .isInstanceOf(Invalid.class);
    assertThatThrownBy(() -> plan(List.of(session(2, 1, "2026-12-01T11:00:00Z", "2026-12-01T12:01:00Z")), List.of()))
        .isInstanceOf(Invalid.class);
  }

  @Test
  @DisplayName("Interruptions must name a session of the file, overlap it, and not overlap each other")
  void interruptionRules() {
    List<ImportRows.SessionRow> sessions = List.of(session(2, 7, "2026-11-01T08:00:00Z", "2026-11-01T10:00:00Z"));

    ImportPlan plan = plan(sessions, List.of(interruption(0, 7, "2026-11-01T09:50:00Z", "2026-11-01T10:30:00Z"),
        interruption(1, 7, "2026-11-01T08:10:00Z", "2026-11-01T08:20:00Z")));
    assertThat(plan.interruptions()).extracting(ImportPlan.Planned::session).containsExactly(0, 0);

    assertThatThrownBy(() -> plan(sessions, List.of(interruption(0, 8, "2026-11-01T08:10:00Z", "2026-11-01T08:20:00Z"))))
        .isInstanceOf(Invalid.class);
    assertThatThrownBy(() -> plan(sessions, List.of(interruption(0, 7, "2026-11-01T10:00:00Z", "2026-11-01T10:20:00Z"))))
        .isInstanceOf(Invalid.class);
    assertThatThrownBy(() -> plan(sessions, List.of(interruption(0, 7, "2026-11-01T08:10:00Z", "2026-11-01T08:30:00Z"),
        interruption(1, 7, "2026-11-01T08:20:00Z", "2026-11-01T08:25:00Z"))))
        .isInstanceOf(HttpProblem.class).hasMessageStartingWith("interruptions[1] (id 101): overlaps interruptions[0] (id 100)");
  }
}
