package dev.hyperfocus.web;

import java.math.BigDecimal;
import java.math.BigInteger;

/** The lenient readings pydantic made of client values, which the original API's clients rely on. */
final class Lenient {
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
  static Long integer(Object value) {
    try {
      if (value instanceof Integer || value instanceof Long) {
        return ((Number) value).longValue();
      }
      if (value instanceof BigInteger big) {
        return big.longValueExact();
      }
      if (value instanceof String text && text.matches("[+-]?\\d{1,19}")) {
        return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
      }
      if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
        return new BigDecimal(value.toString()).longValueExact();
      }
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
    return null;
  }
}
