package dev.hyperfocus.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code --target URL}: the HTTP and WebSocket scenarios against a running node (for example a
 * web node of a cluster), without ceilings, seeding or process control; {@code --only} picks
 * among {@code writes}, {@code stats} and {@code live}. The target must run with rate limits off.
 */
final class TargetScenarios {
  private TargetScenarios() {}

  static List<JsonObject> run(Vertx vertx, Plan plan, URI base) throws Exception {
    List<JsonObject> rows = new ArrayList<>();
    List<Sessions> users = new ArrayList<>();
    String tag = Long.toString(System.currentTimeMillis(), 36);
    try (Client client = new Client(vertx, base)) {
      for (int i = 0; i < WriteScenarios.CLIENTS; i++) {
        Client.User user = client.signUp("target" + tag + "x" + i, Seeder.ZONE).await(60, TimeUnit.SECONDS);
        users.add(Sessions.open(client, user).await(60, TimeUnit.SECONDS));
      }
      HttpLoad load = new HttpLoad(vertx, base);
      if (plan.runs("writes")) {
        rows.add(Row.of("target.post_interruptions_64c", load.run(64, plan.warmup(), plan.window(),
            i -> users.get(i).logCall())));
      }
      if (plan.runs("stats")) {
        rows.add(Row.of("target.summary_7d_64c", load.run(64, plan.warmup(), plan.window(), i -> {
          Client.User user = users.get(i).user();
          return HttpLoad.Call.get("/users/" + user.id() + "/stats/summary?range=7d", user.token());
        })));
      }
      if (!plan.runs("live")) {
        return rows;
      }
      Sessions first = users.get(0);
      try (FanOut fan = new FanOut(vertx, false)) {
        fan.connect(base, Collections.nCopies(1000,
            "/users/" + first.user().id() + "/live?access_token=" + first.user().token()), 100);
        rows.add(Ceilings.fanOutRow("target.fanout_1000_sockets_one_user",
            fan.measure(plan.rounds(), 0, 1000, () -> first.log(client))));
      }
    }
    return rows;
  }
}
