package dev.hyperfocus.web.input;

import java.math.BigDecimal;
import java.math.BigInteger;

/** The lenient readings pydantic made of client values, which the original API's clients rely on. */
public final class Lenient {
  private Lenient() {}

  /** Strips every Unicode space (no-break and ideographic ones too, as Python's strip did). */
  static String trim(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\uFEFF';
  }

  /** A whole number from a JSON number, an integral float or decimal digits; null when it is none or out of range. */
  public static Long integer(Object value) {
    try {
      if (value instanceof Integer || value instanceof Long) {
        return ((Number) value).longValue();
      }
      if (value instanceof BigInteger big) {
        return big.longValueExact();
      }
      if (value instanceof String text) {
        return decimal(text);
      }
      if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
        return new BigDecimal(value.toString()).longValueExact();
      }
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
    return null;
  }

  /**
   * An optional sign and 1 to 19 ASCII digits, as a long; null otherwise or out of range. Checked
   * by hand: a regular expression here, compiled per call, cost 1.7 % of the web event loop
   * (every path id goes through it).
   */
  private static Long decimal(String text) {
    int start = !text.isEmpty() && (text.charAt(0) == '+' || text.charAt(0) == '-') ? 1 : 0;
    int digits = text.length() - start;
    if (digits < 1 || digits > 19) {
      return null;
    }
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    return Long.parseLong(text, text.charAt(0) == '+' ? 1 : 0, text.length(), 10);
  }
}
