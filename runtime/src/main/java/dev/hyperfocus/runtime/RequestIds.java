package dev.hyperfocus.runtime;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.spi.VertxServiceProvider;
import io.vertx.core.spi.context.storage.ContextLocal;

/**
 * The id of the HTTP request being served, kept on the request's own (duplicated) Vert.x context
 * so that every log line written while serving it can name it, and carried as a message header
 * to the domain verticles, which bind it on the context of the message they handle.
 *
 * <p>It is a {@link VertxServiceProvider} only so that its context-local key is registered before
 * any Vert.x instance is created, as Vert.x requires (declared in {@code META-INF/services}).
 */
public final class RequestIds implements VertxServiceProvider {
  /** The HTTP header, also the event-bus message header. */
  public static final String HEADER = "X-Request-Id";
  /** The field naming the request id on a structured log line. */
  public static final String LOG_FIELD = "request_id";
  private static final ContextLocal<String> CURRENT = ContextLocal.registerLocal(String.class);

  @Override
  public void init(VertxBootstrap builder) {
    // registering CURRENT when this class loads is all it takes
  }

  /**
   * Binds {@code id} to the current context when it belongs to one request or message (a
   * duplicated context); never to a verticle's own context, which outlives the request.
   */
  public static void bind(String id) {
    Context context = Vertx.currentContext();
    if (id != null && context instanceof ContextInternal internal && internal.isDuplicate()) {
      context.putLocal(CURRENT, id);
    }
  }

  /** The request id of the code running now, or null outside a request. */
  public static String current() {
    Context context = Vertx.currentContext();
    return context instanceof ContextInternal internal && internal.isDuplicate() ? context.getLocal(CURRENT) : null;
  }

  /** Binds the id that {@code message} carries, if any. */
  public static void bind(Message<?> message) {
    bind(message.headers().get(HEADER));
  }

  /** Delivery options carrying the current request id, if any. */
  public static DeliveryOptions propagate(DeliveryOptions options) {
    String id = current();
    return id == null ? options : new DeliveryOptions(options).addHeader(HEADER, id);
  }
}
