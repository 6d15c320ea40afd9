package dev.hyperfocus.web.rest;

/** A client error found at the edge, answered with its status and {@code {"detail": ...}}. */
public final class HttpProblem extends RuntimeException {
  private final int status;

  public HttpProblem(int status, String detail) {
    super(detail, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
