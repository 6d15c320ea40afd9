package dev.hyperfocus.web.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hyperfocus.web.input.Invalid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TogglFileTest {
  @TempDir
  Path dir;

  private Path file(String text) throws IOException {
    return Files.writeString(dir.resolve("toggl.csv"), text, StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("Rows are numbered as a spreadsheet shows them; a BOM, quoted commas and line breaks are read")
  void readsTogglCsv() throws IOException {
    Path csv = file("\uFEFFDescription,Start date,Start time,End date,End time\r\n"
        + "\"two\nlines, and a comma\",2026-07-01,09:00:00,2026-07-01,10:15\r\n"
        + "running,2026-07-02,09:00:00,,\r\n");

    List<TogglFile.Entry> entries = TogglFile.parse(csv);

    assertThat(entries).extracting(entry -> entry.ref().label()).containsExactly("row 2", "row 3");
    assertThat(entries.get(0).end()).hasToString("2026-07-01T10:15");
    assertThat(entries.get(1).end()).isNull();
  }

  @Test
  @DisplayName("A repeated hour takes the earlier offset; a time in a DST gap is a 422 naming the row")
  void daylightSavingTime() throws IOException {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    List<TogglFile.Entry> repeated = TogglFile.parse(file("Start date,Start time,End date,End time\n"
        + "2026-10-25,02:30:00,2026-10-25,02:45:00\n"));
    assertThat(TogglFile.resolve(repeated, berlin).get(0).startTime()).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));

    List<TogglFile.Entry> gap = TogglFile.parse(file("Start date,Start time,End date,End time\n"
        + "2026-03-29,01:00:00,2026-03-29,02:15:00\n"));
    assertThatThrownBy(() -> TogglFile.resolve(gap, berlin)).isInstanceOf(Invalid.class)
        .satisfies(e -> assertThat(((Invalid) e).detail().getJsonObject(0).getString("msg"))
            .startsWith("row 2: 2026-03-29 02:15 does not exist in Europe/Berlin"));
  }

  @Test
  @DisplayName("Missing columns, bad dates, broken quoting and non-UTF-8 bytes are 422s")
  void malformed() throws IOException {
    assertThatThrownBy(() -> TogglFile.parse(file("Start date,Start time\n2026-01-01,10:00:00\n"))).isInstanceOf(Invalid.class);
    assertThatThrownBy(() -> TogglFile.parse(file("Start date,Start time,End date,End time\n01/02/2026,10:00,,\n")))
        .isInstanceOf(Invalid.class);
    assertThatThrownBy(() -> TogglFile.parse(file("Start date,Start time,End date,End time\n\"2026-01-01\"x,1,2,3\n")))
        .isInstanceOf(Invalid.class);
    Path latin1 = Files.write(dir.resolve("latin1.csv"), "Start date,Start time,End date,End time,Caf\u00e9\n"
        .getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> TogglFile.parse(latin1)).isInstanceOf(Invalid.class);
  }
}
