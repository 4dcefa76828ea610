package io.asyncio4j.differential;

/**
 * A resource for try-with-resources cases: records its use and its closing into a {@link Trace},
 * and can be told to fail when closed.
 */
public final class Res implements AutoCloseable {
  private final String name;
  private final Trace trace;
  private final boolean failOnClose;

  public Res(String name, Trace trace, boolean failOnClose) {
    this.name = name;
    this.trace = trace;
    this.failOnClose = failOnClose;
    trace.add("open " + name);
  }

  /** Records a use of this resource and returns a value derived from it. */
  public String use(String what) {
    trace.add(name + " uses " + what);
    return name + ":" + what;
  }

  @Override
  public void close() {
    trace.add("close " + name);
    if (failOnClose) {
      throw new IllegalStateException("close failed: " + name);
    }
  }
}
