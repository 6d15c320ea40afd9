package dev.hyperfocus.launcher.logs;

import dev.hyperfocus.runtime.RequestIds;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.layout.template.json.resolver.EventResolver;
import org.apache.logging.log4j.layout.template.json.resolver.EventResolverContext;
import org.apache.logging.log4j.layout.template.json.resolver.EventResolverFactory;
import org.apache.logging.log4j.layout.template.json.resolver.TemplateResolverConfig;
import org.apache.logging.log4j.layout.template.json.resolver.TemplateResolverFactory;
import org.apache.logging.log4j.layout.template.json.util.JsonWriter;

/**
 * <code>{"$resolver": "requestFields"}</code>, merged into the line: {@value RequestIds#LOG_FIELD}
 * (the record's own, else the one {@link RequestIdProvider} captured when it was logged), then
 * the other fields of a record whose parameter is a JSON object (method, route, status and
 * duration of an access line), numbers kept as numbers.
 */
@Plugin(name = "RequestFieldsResolverFactory", category = TemplateResolverFactory.CATEGORY)
public final class RequestFieldsResolverFactory implements EventResolverFactory {
  private static final RequestFieldsResolverFactory INSTANCE = new RequestFieldsResolverFactory();

  private RequestFieldsResolverFactory() {}

  @PluginFactory
  public static RequestFieldsResolverFactory getInstance() {
    return INSTANCE;
  }

  @Override
  public String getName() {
    return "requestFields";
  }

  @Override
  public EventResolver create(EventResolverContext context, TemplateResolverConfig config) {
    return new Fields();
  }

  private static final class Fields implements EventResolver {
    @Override
    public boolean isFlattening() {
      return true;
    }

    @Override
    public void resolve(LogEvent event, JsonWriter json) {
      resolve(event, json, false);
    }

    @Override
    public void resolve(LogEvent event, JsonWriter json, boolean succeedingEntry) {
      JsonObject fields = event.getMessage() instanceof RecordMessage record ? record.fields() : null;
      Object id = fields == null ? null : fields.getValue(RequestIds.LOG_FIELD);
      if (id == null) {
        id = event.getContextData().getValue(RequestIds.LOG_FIELD);
      }
      boolean separate = succeedingEntry;
      if (id != null) {
        separate = entry(json, separate, RequestIds.LOG_FIELD, id);
      }
      if (fields != null) {
        for (Map.Entry<String, Object> field : fields) {
          if (!field.getKey().equals(RequestIds.LOG_FIELD)) {
            separate = entry(json, separate, field.getKey(), field.getValue());
          }
        }
      }
    }

    private static boolean entry(JsonWriter json, boolean separate, String key, Object value) {
      if (separate) {
        json.writeSeparator();
      }
      json.writeObjectKey(key);
      json.writeValue(value instanceof JsonObject object ? object.getMap()
          : value instanceof JsonArray array ? array.getList() : value);
      return true;
    }
  }
}
