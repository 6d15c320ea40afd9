package dev.hyperfocus.launcher;

import dev.hyperfocus.runtime.Meters;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.Match;
import io.vertx.micrometer.MatchType;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.UUID;

/**
 * One node's metrics: a Prometheus registry that Vert.x reports to (HTTP server requests by route
 * and status, event-bus messages by address, pools, JVM) and that {@link Meters} hands to our own
 * verticles. Each node gets its own registry name, since Vert.x keeps registries by name in a
 * JVM-wide table and tests run several nodes in one JVM.
 */
final class NodeMetrics {
  /** Per-user live addresses would give one label value per user: they are counted as one. */
  private static final String LIVE_USERS = "live\\.user\\..+";

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /** A Vert.x builder that reports to this node's registry. */
  VertxBuilder builder(VertxOptions options) {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setRegistryName("hyperfocus-" + UUID.randomUUID())
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
        .addLabels(Label.HTTP_ROUTE, Label.EB_ADDRESS, Label.NAMESPACE)
        .addLabelMatch(new Match()
            .setDomain(MetricsDomain.EVENT_BUS)
            .setLabel(Label.EB_ADDRESS.toString())
            .setType(MatchType.REGEX)
            .setValue(LIVE_USERS)
            .setAlias("live.user.*"));
    return Vertx.builder()
        .with(options.setMetricsOptions(metrics))
        .withMetrics(new MicrometerMetricsFactory(registry));
  }

  /** Makes this registry the one our verticles find through {@link Meters#of(Vertx)}. */
  Vertx install(Vertx vertx) {
    Meters.install(vertx, registry);
    return vertx;
  }
}
