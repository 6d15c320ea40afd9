package dev.hyperfocus.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * A domain rule broken by one field of the request (422): the edge answers it in the FastAPI
 * shape {@code {"detail": [{"loc": ["body", field], "msg": ..., "type": "value_error"}]}}.
 *
 * <p>A verticle replies with it ({@code message.reply(failure)}); the caller's request fails with
 * it, on this node or across a cluster through {@link #CODEC}, which every Vert.x instance that
 * sends or answers domain requests registers (runtime's {@code Handlers} and the web edge's
 * {@code Bus} do).
 */
public final class InvalidField extends ReplyException {
  /** Encodes the failure code, the field and the message; the reply failure type is always a recipient's. */
  public static final MessageCodec<InvalidField, InvalidField> CODEC = new WireCodec();

  private final String field;

  public InvalidField(String field, String message) {
    super(ReplyFailure.RECIPIENT_FAILURE, Failure.UNPROCESSABLE.code(), message, true);
    this.field = field;
  }

  /** The body field that broke the rule. */
  public String field() {
    return field;
  }

  /** The HTTP body. */
  public JsonObject body() {
    return new JsonObject().put(Fields.DETAIL, new JsonArray().add(new JsonObject()
        .put(Fields.LOC, new JsonArray().add("body").add(field))
        .put(Fields.MSG, getMessage())
        .put(Fields.TYPE, "value_error")));
  }

  private static final class WireCodec implements MessageCodec<InvalidField, InvalidField> {
    @Override
    public void encodeToWire(Buffer buffer, InvalidField failure) {
      append(buffer, failure.field);
      append(buffer, failure.getMessage());
    }

    @Override
    public InvalidField decodeFromWire(int pos, Buffer buffer) {
      int fieldLength = buffer.getInt(pos);
      String field = buffer.getString(pos + 4, pos + 4 + fieldLength, StandardCharsets.UTF_8.name());
      int at = pos + 4 + fieldLength;
      int messageLength = buffer.getInt(at);
      return new InvalidField(field, buffer.getString(at + 4, at + 4 + messageLength, StandardCharsets.UTF_8.name()));
    }

    private static void append(Buffer buffer, String text) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      buffer.appendInt(bytes.length).appendBytes(bytes);
    }

    @Override
    public InvalidField transform(InvalidField failure) {
      return failure;
    }

    @Override
    public String name() {
      return "hyperfocus.invalid-field";
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
