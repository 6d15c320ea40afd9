package dev.hyperfocus.web;

/** A client error found at the edge, answered with its status and {@code {"detail": ...}}. */
final class HttpProblem extends RuntimeException {
  private final int status;

  HttpProblem(int status, String detail) {
    super(detail, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
