package dev.hyperfocus.web.rest;

import java.util.List;

/** One CSV record as RFC 4180 writes it: CRLF-terminated, fields quoted when they need it. */
final class Csv {
  private Csv() {}

  /** The record of these values; null is an empty field. */
  static String row(List<?> values) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      Object value = values.get(i);
      if (value != null) {
        line.append(field(value.toString()));
      }
    }
    return line.append("\r\n").toString();
  }

  static String field(String text) {
    boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0
        || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
    return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }
}
