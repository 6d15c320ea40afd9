package dev.hyperfocus.api;

/**
 * The one ownership rule: a user acts only on their own rows. In open mode (no tokens) requests
 * carry no actor and every row is open; between domains no actor is named either.
 */
public final class Ownership {
  private Ownership() {}

  /** Throws the 403 unless {@code actorId} is null or owns the row of {@code ownerId}. */
  public static void check(Long actorId, long ownerId) {
    if (actorId != null && actorId != ownerId) {
      throw Failure.FORBIDDEN.with(Messages.NOT_ENOUGH_PERMISSIONS);
    }
  }

  /** Whether {@code actorId} may act on the rows of {@code ownerId}. */
  public static boolean allows(Long actorId, long ownerId) {
    return actorId == null || actorId == ownerId;
  }
}
