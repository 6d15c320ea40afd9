package dev.hyperfocus.launcher;

import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader for tests: CRLF between records, quoted fields with doubled quotes. */
final class CsvReader {
  private CsvReader() {}

  static List<List<String>> parse(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"' && field.length() == 0) {
        int close = i + 1;
        while (true) {
          close = text.indexOf('"', close);
          if (close < 0) {
            throw new IllegalArgumentException("unterminated quoted field at " + i);
          }
          if (close + 1 < text.length() && text.charAt(close + 1) == '"') {
            close += 2;
          } else {
            break;
          }
        }
        field.append(text, i + 1, close);
        String unquoted = field.toString().replace("\"\"", "\"");
        field.setLength(0);
        field.append(unquoted);
        i = close + 1;
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
        i++;
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        record.add(field.toString());
        field.setLength(0);
        records.add(record);
        record = new ArrayList<>();
        i += 2;
      } else if (c == '"' || c == '\n' || c == '\r') {
        throw new IllegalArgumentException("unquoted " + (int) c + " at " + i);
      } else {
        field.append(c);
        i++;
      }
    }
    if (!record.isEmpty() || field.length() > 0) {
      throw new IllegalArgumentException("last record not terminated by CRLF");
    }
    return records;
  }
}
