package dev.hyperfocus.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/**
 * How one message type travels on the event bus: its body is always a JSON object (or, for
 * documents the web edge only passes on, the JSON already encoded), so that it crosses a cluster
 * unchanged and needs no codec of ours.
 *
 * @param <T> the record on either end
 */
public interface Codec<T> {
  /** The body to send. */
  Object encode(T value);

  /** The record from a received body. */
  T decode(Object body);

  /** A record written as a JSON object by {@code toJson} and read back by {@code fromJson}. */
  static <T> Codec<T> json(Function<T, JsonObject> toJson, Function<JsonObject, T> fromJson) {
    return new Codec<>() {
      @Override
      public Object encode(T value) {
        return toJson.apply(value);
      }

      @Override
      public T decode(Object body) {
        return fromJson.apply(body == null ? new JsonObject() : (JsonObject) body);
      }
    };
  }

  /** A JSON object passed as it is (a document whose fields a record of its own describes). */
  static Codec<JsonObject> object() {
    return json(Function.identity(), Function.identity());
  }

  /**
   * A JSON document already encoded by the replier: the web edge answers it as it is, so that its
   * event loop, which every request goes through, neither copies nor encodes large answers.
   */
  static Codec<Buffer> encoded() {
    return new Codec<>() {
      @Override
      public Object encode(Buffer value) {
        return value;
      }

      @Override
      public Buffer decode(Object body) {
        return (Buffer) body;
      }
    };
  }

  /** No content: an acknowledgement. */
  Codec<Empty> EMPTY = json(empty -> new JsonObject(), json -> Empty.INSTANCE);
}
