package io.asyncio4j.it.base;

/** A superclass in another package than its subclass {@link io.asyncio4j.it.Access}. */
public abstract class BaseHandler {
  protected int retries = 2;
  protected static String origin = "o";

  protected String format(String s) {
    return "[" + s + "]";
  }

  protected static String tag() {
    return "T";
  }
}
