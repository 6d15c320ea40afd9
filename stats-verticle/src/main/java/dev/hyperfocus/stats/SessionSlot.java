package dev.hyperfocus.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * What is known under one session id: the session itself (null until it arrives or after it is
 * removed) and the interruptions logged against it, which may arrive first.
 */
final class SessionSlot {
  private SessionSpan span;
  private List<InterruptionSpan> interruptions = List.of();

  SessionSpan span() {
    return span;
  }

  void span(SessionSpan value) {
    span = value;
  }

  boolean ended() {
    return span != null && !span.active();
  }

  List<InterruptionSpan> interruptions() {
    return interruptions;
  }

  void add(InterruptionSpan interruption) {
    if (interruptions.isEmpty()) {
      interruptions = new ArrayList<>(2);
    }
    interruptions.add(interruption);
  }

  void remove(InterruptionSpan interruption) {
    interruptions.remove(interruption);
  }

  boolean isEmpty() {
    return span == null && interruptions.isEmpty();
  }
}
