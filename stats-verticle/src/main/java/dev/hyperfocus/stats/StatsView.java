package dev.hyperfocus.stats;

import dev.hyperfocus.api.Address;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.function.BiFunction;

/** The five statistics views: the path segment (also the address suffix) and the body of each. */
enum StatsView {
  SUMMARY(0, StatsJson::summary),
  INTERRUPTION_TYPES(1, StatsJson::interruptionTypes),
  PRODUCTIVE_HOURS(2, StatsJson::productiveHours),
  PEAK_DISTRACTION_TIME(3, StatsJson::peakDistractionTime),
  WEEKLY_PATTERN(4, StatsJson::weeklyPattern);

  private final String path;
  private final BiFunction<Long, StatsReport, JsonObject> body;

  /** {@code index}: the position of this view's name in {@link Address#STATS_VIEWS}. */
  StatsView(int index, BiFunction<Long, StatsReport, JsonObject> body) {
    this.path = Address.STATS_VIEWS.get(index);
    this.body = body;
  }

  String path() {
    return path;
  }

  JsonObject body(long userId, StatsReport report) {
    return body.apply(userId, report);
  }

  static Optional<StatsView> fromPath(String path) {
    for (StatsView view : values()) {
      if (view.path.equals(path)) {
        return Optional.of(view);
      }
    }
    return Optional.empty();
  }
}
