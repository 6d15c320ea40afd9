package dev.hyperfocus.web.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  @DisplayName("Plain values are written as they are, null as an empty field, and the record ends with CRLF")
  void plainValues() {
    assertThat(Csv.row(Arrays.asList(1L, "phone", null, "2026-11-23T08:00:00Z"))).isEqualTo("1,phone,,2026-11-23T08:00:00Z\r\n");
  }

  @Test
  @DisplayName("Commas, quotes, CR and LF are quoted, with inner quotes doubled")
  void quoting() {
    assertThat(Csv.field("a, b")).isEqualTo("\"a, b\"");
    assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(Csv.field("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(Csv.field("cr\rhere")).isEqualTo("\"cr\rhere\"");
    assertThat(Csv.field(" spaced ")).isEqualTo(" spaced ");
  }

  @Test
  @DisplayName("A text cell a spreadsheet would run as a formula gets a leading quote; numbers stay numbers")
  void formulaInjection() {
    assertThat(Csv.row(Arrays.asList(1L, "=HYPERLINK(\"http://evil.example\",\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx")))
        .isEqualTo("1,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",'+1,'-2,'@SUM(A1),'\tx,\"'\rx\"\r\n");
    assertThat(Csv.row(Arrays.asList(-5L, -1.5, "a=b", "", "2026-11-23T08:00:00Z"))).isEqualTo("-5,-1.5,a=b,,2026-11-23T08:00:00Z\r\n");
  }
}
