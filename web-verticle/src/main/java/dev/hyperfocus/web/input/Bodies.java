package dev.hyperfocus.web.input;

import dev.hyperfocus.api.Fields;
import dev.hyperfocus.web.rest.HttpProblem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Turns a request body into a JSON object, or the contract's 415 / 422. */
public final class Bodies {
  private Bodies() {}

  /**
   * The body as a JSON object; a body needs {@code Content-Type: application/json} (or
   * {@code application/*+json}), else 415. An absent body is an empty object when {@code required} is false,
   * else a 422 "Field required" on {@code body}.
   */
  public static Input read(RoutingContext ctx, boolean required) {
    Buffer buffer = ctx.body().buffer();
    boolean empty = buffer == null || buffer.length() == 0 || buffer.toString().isBlank();
    String type = ctx.request().getHeader("Content-Type");
    // No Content-Type is no JSON either: a cross-site fetch(..., {mode: "no-cors"}) may send a body
    // without one (or with text/plain) and no preflight, so reading it as JSON would let any web
    // page write to a local open-mode service. An empty body needs no type.
    if ((type == null || !isJson(type)) && (!empty || declaresBody(ctx))) {
      throw new HttpProblem(415, "Unsupported Media Type: send application/json");
    }
    if (empty) {
      if (required) {
        throw bodyProblem("Field required", "missing");
      }
      return Input.body(new JsonObject());
    }
    Object parsed;
    try {
      parsed = io.vertx.core.json.Json.decodeValue(buffer);
    } catch (DecodeException | UnsupportedOperationException e) {
      throw bodyProblem("Malformed JSON body", "json_invalid");
    }
    if (!(parsed instanceof JsonObject object)) {
      throw bodyProblem("Input should be a valid dictionary or object to extract fields from",
          "model_attributes_type");
    }
    return Input.body(object);
  }

  /** A multipart body is never buffered by Vert.x, so an empty buffer does not mean an empty body. */
  private static boolean declaresBody(RoutingContext ctx) {
    String length = ctx.request().getHeader("Content-Length");
    return ctx.request().getHeader("Transfer-Encoding") != null || (length != null && !length.strip().equals("0"));
  }

  private static boolean isJson(String contentType) {
    String mime = contentType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
    return mime.equals("application/json") || (mime.startsWith("application/") && mime.endsWith("+json"));
  }

  private static Invalid bodyProblem(String msg, String type) {
    return new Invalid(new JsonArray().add(new JsonObject()
        .put(Fields.LOC, new JsonArray().add("body"))
        .put(Fields.MSG, msg)
        .put(Fields.TYPE, type)));
  }
}
