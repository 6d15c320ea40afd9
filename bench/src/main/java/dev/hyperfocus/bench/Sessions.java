package dev.hyperfocus.bench;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A user's ended 30-day session into which the bench logs interruptions late (allowed by the
 * contract), each 1 s long and 2 s after the previous one, so that none overlaps another.
 */
record Sessions(Client.User user, long sessionId, Instant start, AtomicLong next) {
  static Future<Sessions> open(Client client, Client.User user) {
    Instant start = Instant.now().minus(Duration.ofDays(30));
    JsonObject body = new JsonObject().put("user_id", user.id()).put("start_time", start.toString());
    return client.send(HttpMethod.POST, "/sessions/start", user.token(), body, 201)
        .compose(session -> client.send(HttpMethod.POST, "/sessions/" + session.getLong("id") + "/end", user.token(),
            new JsonObject().put("end_time", Instant.now().minusSeconds(60).toString()), 200))
        .map(session -> new Sessions(user, session.getLong("id"), start, new AtomicLong()));
  }

  /** The body of the next interruption of this session. */
  JsonObject nextInterruption() {
    Instant from = start.plusSeconds(2 * next.incrementAndGet());
    return new JsonObject().put("session_id", sessionId).put("user_id", user.id()).put("type", "phone")
        .put("description", "bench").put("start_time", from.toString()).put("end_time", from.plusSeconds(1).toString());
  }

  HttpLoad.Call logCall() {
    return new HttpLoad.Call(HttpMethod.POST, "/interruptions", user.token(), Buffer.buffer(nextInterruption().encode()), 201);
  }

  Future<JsonObject> log(Client client) {
    return client.send(HttpMethod.POST, "/interruptions", user.token(), nextInterruption(), 201);
  }
}
