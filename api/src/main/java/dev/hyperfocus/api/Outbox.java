package dev.hyperfocus.api;

import io.vertx.core.json.JsonObject;

/**
 * A domain's outbox as its consumers read it: every committed change, in the transaction of the
 * change, as the domain event it published, numbered by a per-domain sequence ({@link
 * Fields#OUTBOX_SEQ} on the event). A consumer records the last sequence it applied with what it
 * derived, reads the events after it ({@link After}), and says how far it got ({@link Applied}) so
 * that the domain can drop what every consumer has.
 */
public final class Outbox {
  /** At most this many events a page. */
  public static final int PAGE = 1000;

  private Outbox() {}

  /** The sequence of an event read from an outbox or received on a domain's events address; null without one. */
  public static Long seq(JsonObject event) {
    return event.getLong(Fields.OUTBOX_SEQ);
  }

  /** The events with a sequence above {@code afterSeq}, in order, at most {@code limit}; a shorter page is the last. */
  public record After(long afterSeq, int limit) {
    public static final Codec<After> CODEC = Codec.json(After::toJson, After::fromJson);

    public JsonObject toJson() {
      return new JsonObject().put(Fields.OUTBOX_SEQ, afterSeq).put(Fields.LIMIT, limit);
    }

    public static After fromJson(JsonObject json) {
      return new After(json.getLong(Fields.OUTBOX_SEQ), Math.min(json.getInteger(Fields.LIMIT, PAGE), PAGE));
    }
  }

  /** A consumer has applied every event up to {@code seq}. */
  public record Applied(long seq) {
    public static final Codec<Applied> CODEC = Codec.json(Applied::toJson, Applied::fromJson);

    public JsonObject toJson() {
      return new JsonObject().put(Fields.OUTBOX_SEQ, seq);
    }

    public static Applied fromJson(JsonObject json) {
      return new Applied(json.getLong(Fields.OUTBOX_SEQ));
    }
  }
}
