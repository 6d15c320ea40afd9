package dev.hyperfocus.web.imports;

import dev.hyperfocus.web.input.Invalid;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A Toggl Track detailed time-entries CSV, read with Commons CSV record by record: only
 * {@code Start date}, {@code Start time}, {@code End date} and {@code End time} are used (local
 * times in the user's zone, {@code YYYY-MM-DD} and {@code HH:MM:SS} as Toggl writes them); the
 * description and every other column are not kept, since sessions have none. Local times become
 * instants in {@link #resolve}: a time in a DST gap is refused, in a repeated hour the earlier
 * offset is taken.
 */
final class TogglFile {
  static final String START_DATE = "Start date";
  static final String START_TIME = "Start time";
  static final String END_DATE = "End date";
  static final String END_TIME = "End time";
  private static final List<String> NEEDED = List.of(START_DATE, START_TIME, END_DATE, END_TIME);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm[:ss]");

  /** One time entry: {@code end} null when it was still running. */
  record Entry(RowRef ref, LocalDateTime start, LocalDateTime end) {}

  private TogglFile() {}

  static List<Entry> parse(Path file) {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
        .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
    try (Reader reader = withoutBom(file); CSVParser csv = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      Map<String, Integer> columns = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      columns.putAll(csv.getHeaderMap());
      List<String> missing = NEEDED.stream().filter(name -> !columns.containsKey(name)).toList();
      if (!missing.isEmpty()) {
        throw body("A Toggl Track detailed CSV needs the columns " + String.join(", ", NEEDED)
            + "; missing: " + String.join(", ", missing), "missing");
      }
      List<Entry> entries = new ArrayList<>();
      for (CSVRecord record : csv) {
        // the header is row 1: a data record's number in the file is its record number plus one
        RowRef ref = RowRef.csv(record.getRecordNumber() + 1);
        LocalDateTime start = dateTime(ref, value(record, columns, START_DATE), value(record, columns, START_TIME),
            START_DATE, START_TIME);
        String endDate = value(record, columns, END_DATE);
        String endTime = value(record, columns, END_TIME);
        LocalDateTime end = endDate.isEmpty() && endTime.isEmpty() ? null
            : dateTime(ref, endDate, endTime, END_DATE, END_TIME);
        entries.add(new Entry(ref, start, end));
      }
      return entries;
    } catch (UncheckedIOException e) {
      throw unreadable(e.getCause());
    } catch (IOException e) {
      throw unreadable(e);
    } catch (IllegalArgumentException | IllegalStateException e) {
      // Commons CSV's words for a duplicate or empty header name
      throw body("Malformed CSV: " + e.getMessage(), "value_error");
    }
  }

  /** A 422 for what the client sent (not UTF-8, broken quoting); any other I/O failure is ours. */
  private static RuntimeException unreadable(IOException e) {
    if (e instanceof CharacterCodingException) {
      return body("The CSV is not UTF-8 text", "value_error");
    }
    if (e instanceof CSVException) {
      return body("Malformed CSV: " + e.getMessage(), "value_error");
    }
    return new UncheckedIOException(e);
  }

  /** The entries as sessions of {@code zone}: 422 for a local time that does not exist there. */
  static List<ImportRows.SessionRow> resolve(List<Entry> entries, ZoneId zone) {
    List<ImportRows.SessionRow> rows = new ArrayList<>(entries.size());
    for (Entry entry : entries) {
      rows.add(new ImportRows.SessionRow(entry.ref(), null, instant(entry.ref(), entry.start(), zone, START_TIME),
          entry.end() == null ? null : instant(entry.ref(), entry.end(), zone, END_TIME), zone.getId()));
    }
    return rows;
  }

  private static java.time.Instant instant(RowRef ref, LocalDateTime local, ZoneId zone, String field) {
    List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
    if (offsets.isEmpty()) {
      throw ref.invalid(field, local.toLocalDate() + " " + local.toLocalTime() + " does not exist in " + zone.getId()
          + " (the clocks skip it when daylight saving time starts)");
    }
    // ZonedDateTime.of keeps the earlier offset of a repeated hour
    return ZonedDateTime.of(local, zone).toInstant();
  }

  private static LocalDateTime dateTime(RowRef ref, String date, String time, String dateField, String timeField) {
    LocalDate day;
    try {
      day = LocalDate.parse(date);
    } catch (DateTimeParseException e) {
      throw ref.invalid(dateField, "'" + date + "' is not a date as YYYY-MM-DD");
    }
    if (day.getYear() < 2000) {
      throw ref.invalid(dateField, "dates before 2000 are not imported");
    }
    try {
      return day.atTime(LocalTime.parse(time, TIME));
    } catch (DateTimeParseException e) {
      throw ref.invalid(timeField, "'" + time + "' is not a time as HH:MM:SS");
    }
  }

  private static String value(CSVRecord record, Map<String, Integer> columns, String name) {
    int index = columns.get(name);
    return index < record.size() ? record.get(index).strip() : "";
  }

  /** The file as strict UTF-8, without the byte-order mark spreadsheet programs put first. */
  private static Reader withoutBom(Path file) throws IOException {
    PushbackReader reader = new PushbackReader(new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT))), 1);
    int first = reader.read();
    if (first != -1 && first != '\uFEFF') {
      reader.unread(first);
    }
    return reader;
  }

  private static Invalid body(String msg, String type) {
    return new Invalid(new JsonArray().add(new JsonObject().put("loc", new JsonArray().add("body"))
        .put("msg", msg).put("type", type)));
  }
}
