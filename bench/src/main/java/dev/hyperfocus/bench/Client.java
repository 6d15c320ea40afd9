package dev.hyperfocus.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/** Set-up calls of the bench (sign-ups, sessions), answered synchronously on the bench's main thread. */
final class Client implements AutoCloseable {
  /** A signed-up user and its token. */
  record User(long id, String token) {}

  private final HttpClientAgent http;

  Client(Vertx vertx, URI base) {
    this(vertx, base, 32);
  }

  /** With up to {@code connections} requests under way at once. */
  Client(Vertx vertx, URI base, int connections) {
    http = vertx.createHttpClient(
        // pooled connections retire well before a node's idle timeout closes them under a request
        new HttpClientOptions().setDefaultHost(base.getHost()).setDefaultPort(base.getPort()).setKeepAliveTimeout(10),
        new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
  }

  Future<JsonObject> send(HttpMethod method, String uri, String token, JsonObject body, int expect) {
    RequestOptions options = new RequestOptions().setMethod(method).setURI(uri);
    if (token != null) {
      options.putHeader("Authorization", "Bearer " + token);
    }
    if (body != null) {
      options.putHeader("Content-Type", "application/json");
    }
    return http.request(options)
        .compose(request -> body == null ? request.send() : request.send(Buffer.buffer(body.encode())))
        .compose(response -> response.body().map(buffer -> {
          if (response.statusCode() != expect) {
            throw new IllegalStateException(method + " " + uri + " answered " + response.statusCode() + " " + buffer);
          }
          return buffer.length() == 0 ? new JsonObject() : new JsonObject(buffer);
        }));
  }

  JsonObject call(HttpMethod method, String uri, String token, JsonObject body, int expect) {
    try {
      return send(method, uri, token, body, expect).await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  Future<User> signUp(String name, String timezone) {
    JsonObject body = new JsonObject().put("name", name).put("email", name + "@bench.example").put("timezone", timezone);
    return send(HttpMethod.POST, "/users", null, body, 201)
        .map(user -> new User(user.getLong("id"), user.getString("api_token")));
  }

  @Override
  public void close() {
    http.close();
  }
}
