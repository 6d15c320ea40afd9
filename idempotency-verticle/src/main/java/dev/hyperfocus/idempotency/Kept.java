package dev.hyperfocus.idempotency;

import dev.hyperfocus.api.IdempotencyApi;
import dev.hyperfocus.api.IdempotencyApi.Claimed;

/** A kept response: the fingerprint of the request that produced it, its status and body text. */
record Kept(String fingerprint, int status, String body) {

  static Kept of(IdempotencyApi.Complete completed) {
    return new Kept(completed.fingerprint(), completed.status(), completed.body() == null ? "" : completed.body());
  }

  /** The claim reply that replays this response. */
  Claimed replay() {
    return Claimed.replay(status, body);
  }
}
