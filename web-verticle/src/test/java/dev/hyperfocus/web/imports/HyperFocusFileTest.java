package dev.hyperfocus.web.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hyperfocus.web.input.Invalid;
import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HyperFocusFileTest {
  @TempDir
  Path dir;

  private ImportRows.Parsed parse(String json) throws IOException {
    return HyperFocusFile.parse(Files.writeString(dir.resolve("export.json"), json));
  }

  private JsonArray problem(String json) {
    try {
      parse(json);
    } catch (Invalid invalid) {
      return invalid.detail().getJsonObject(0).getJsonArray("loc");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    throw new AssertionError("no 422 for " + json);
  }

  @Test
  @DisplayName("An export is read row by row; the user and unknown fields are skipped, an active session has no end")
  void readsAnExport() throws IOException {
    ImportRows.Parsed parsed = parse("{\"user\": {\"id\": 9, \"nested\": [1, {\"a\": 2}]}, \"extra\": [[]],"
        + " \"sessions\": [{\"id\": 4, \"start_time\": \"2026-01-01T10:00:00+02:00\", \"end_time\": null,"
        + " \"timezone\": \"Europe/Berlin\", \"whatever\": {\"x\": 1}}],"
        + " \"interruptions\": [{\"id\": 5, \"session_id\": 4, \"type\": \"phone\", \"description\": \" call \","
        + " \"start_time\": \"2026-01-01T08:10:00Z\", \"end_time\": \"2026-01-01T08:20:00Z\"}]}");

    assertThat(parsed.sessions()).hasSize(1);
    assertThat(parsed.sessions().get(0).startTime()).isEqualTo(Instant.parse("2026-01-01T08:00:00Z"));
    assertThat(parsed.sessions().get(0).endTime()).isNull();
    assertThat(parsed.sessions().get(0).ref().label()).isEqualTo("sessions[0] (id 4)");
    assertThat(parsed.interruptions().get(0).description()).isEqualTo("call");
    assertThat(parsed.interruptions().get(0).sessionFileId()).isEqualTo(4);
  }

  @Test
  @DisplayName("Malformed JSON, a wrong shape and a bad field are 422s that say where")
  void problems() {
    assertThat(problem("{\"sessions\": [")).isEqualTo(new JsonArray().add("body"));
    assertThat(problem("[]")).isEqualTo(new JsonArray().add("body"));
    assertThat(problem("{\"sessions\": {}}")).isEqualTo(new JsonArray().add("body").add("sessions"));
    assertThat(problem("{\"sessions\": [1]}")).isEqualTo(new JsonArray().add("body").add("sessions").add(0));
    assertThat(problem("{\"sessions\": [{\"id\": 1, \"timezone\": \"Mars/Base\"}]}"))
        .isEqualTo(new JsonArray().add("body").add("sessions").add(0).add("timezone"));
    assertThat(problem("{\"sessions\": [{\"id\": 1, \"timezone\": \"UTC\", \"start_time\": \"yesterday\"}]}"))
        .isEqualTo(new JsonArray().add("body").add("sessions").add(0).add("start_time"));
    assertThat(problem("{\"interruptions\": [{\"id\": 1, \"session_id\": 1, \"type\": \"meeting\"}]}"))
        .isEqualTo(new JsonArray().add("body").add("interruptions").add(0).add("type"));
    assertThat(problem("{} {}")).isEqualTo(new JsonArray().add("body"));
    assertThatThrownBy(() -> parse("")).isInstanceOf(Invalid.class);
  }
}
