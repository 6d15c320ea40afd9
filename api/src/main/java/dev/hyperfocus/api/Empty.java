package dev.hyperfocus.api;

/** The body of a request that names nothing, or of a reply that only acknowledges. */
public enum Empty {
  INSTANCE
}
