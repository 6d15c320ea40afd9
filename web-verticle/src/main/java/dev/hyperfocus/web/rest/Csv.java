package dev.hyperfocus.web.rest;

import java.util.List;

/**
 * One CSV record as RFC 4180 writes it: CRLF-terminated, fields quoted when they need it.
 *
 * <p>Formula injection: a spreadsheet runs a cell that starts with {@code =}, {@code +}, {@code -},
 * {@code @}, tab or carriage return as a formula ({@code =HYPERLINK(...)} in a description). Such a
 * text cell is written with a leading {@code '}, which spreadsheets show as plain text. Only text
 * values (strings) are escaped: numbers (ids, counts, negative or not) are written as numbers, so a
 * numeric column stays numeric. Every text field of the export is user-written or a timestamp,
 * and no timestamp starts with one of those characters.
 */
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
      if (value instanceof CharSequence text) {
        line.append(field(text(text.toString())));
      } else if (value != null) {
        line.append(field(value.toString()));
      }
    }
    return line.append("\r\n").toString();
  }

  /** A text value a spreadsheet would not run as a formula: see the class comment. */
  static String text(String value) {
    if (value.isEmpty()) {
      return value;
    }
    char first = value.charAt(0);
    boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    return formula ? "'" + value : value;
  }

  static String field(String text) {
    boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0
        || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
    return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }
}
