package dev.hyperfocus.launcher.logs;

import dev.hyperfocus.runtime.RequestIds;
import java.util.Map;
import org.apache.logging.log4j.core.util.ContextDataProvider;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.apache.logging.log4j.util.StringMap;

/**
 * Adds the id of the request being served ({@link RequestIds#current()}, kept on the request's
 * Vert.x context) to every log event, as {@value RequestIds#LOG_FIELD}. Log4j asks on the thread
 * that logs, when the event is created; the line is written later on the logging thread.
 * Registered in {@code META-INF/services}.
 */
public final class RequestIdProvider implements ContextDataProvider {
  private static final StringMap NONE = frozen();

  private static StringMap frozen() {
    StringMap none = new SortedArrayStringMap(0);
    none.freeze();
    return none;
  }

  @Override
  public Map<String, String> supplyContextData() {
    String id = RequestIds.current();
    return id == null ? Map.of() : Map.of(RequestIds.LOG_FIELD, id);
  }

  @Override
  public StringMap supplyStringMap() {
    String id = RequestIds.current();
    if (id == null) {
      return NONE;
    }
    StringMap map = new SortedArrayStringMap(1);
    map.putValue(RequestIds.LOG_FIELD, id);
    return map;
  }

  @Override
  public Object getValue(String key) {
    return RequestIds.LOG_FIELD.equals(key) ? RequestIds.current() : null;
  }
}
