package io.asyncio4j.it.resolve;

/** Member types a subclass inherits: in scope there by their simple names (JLS 8.5). */
abstract class BaseHandler {
  /** A static member class. */
  static class Config {
    int retries = 3;
  }

  /** A member interface. */
  interface Hook {
    String run();
  }
}
