package dev.hyperfocus.web.edge;

import dev.hyperfocus.api.Messages;
import dev.hyperfocus.web.WebConfig;
import dev.hyperfocus.web.rest.Responses;
import io.vertx.core.Handler;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Set;

/**
 * DNS-rebinding protection: a request whose {@code Host} names no allowed host gets 403. A page of
 * an attacker's domain that resolves to 127.0.0.1 still sends that domain as its Host.
 */
public final class HostCheck implements Handler<RoutingContext> {
  private final Set<String> allowed;

  public HostCheck(Set<String> allowed) {
    this.allowed = allowed;
  }

  /** Whether the setting leaves anything to check. */
  public boolean enforcing() {
    return !allowed.contains(WebConfig.ANY_HOST);
  }

  @Override
  public void handle(RoutingContext ctx) {
    HostAndPort authority = ctx.request().authority();
    if (authority != null && allowed.contains(authority.host().toLowerCase(Locale.ROOT))) {
      ctx.next();
    } else {
      Responses.detail(ctx, 403, Messages.HOST_NOT_ALLOWED);
    }
  }
}
