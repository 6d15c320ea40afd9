package dev.hyperfocus.launcher.logs;

import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.jul.LevelTranslator;
import org.apache.logging.log4j.layout.template.json.resolver.EventResolver;
import org.apache.logging.log4j.layout.template.json.resolver.EventResolverContext;
import org.apache.logging.log4j.layout.template.json.resolver.EventResolverFactory;
import org.apache.logging.log4j.layout.template.json.resolver.TemplateResolverConfig;
import org.apache.logging.log4j.layout.template.json.resolver.TemplateResolverFactory;
import org.apache.logging.log4j.layout.template.json.util.JsonWriter;

/**
 * <code>{"$resolver": "julLevel"}</code>: the level under its {@code java.util.logging} name
 * ({@code WARNING}, {@code SEVERE}, {@code FINE}), the names our lines have always had, also for
 * the lines of Vert.x, Netty and Hazelcast, which log through Log4j directly.
 */
@Plugin(name = "JulLevelResolverFactory", category = TemplateResolverFactory.CATEGORY)
public final class JulLevelResolverFactory implements EventResolverFactory {
  private static final JulLevelResolverFactory INSTANCE = new JulLevelResolverFactory();

  private JulLevelResolverFactory() {}

  @PluginFactory
  public static JulLevelResolverFactory getInstance() {
    return INSTANCE;
  }

  @Override
  public String getName() {
    return "julLevel";
  }

  @Override
  public EventResolver create(EventResolverContext context, TemplateResolverConfig config) {
    return (LogEvent event, JsonWriter json) -> json.writeString(name(event.getLevel()));
  }

  static String name(org.apache.logging.log4j.Level level) {
    java.util.logging.Level jul = LevelTranslator.toJavaLevel(level);
    return jul == null ? level.name() : jul.getName();
  }
}
