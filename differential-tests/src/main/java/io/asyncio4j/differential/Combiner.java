package io.asyncio4j.differential;

/** A receiver whose method call records when it runs, for receiver/argument order cases. */
public final class Combiner {
  private final String name;
  private final Trace trace;

  public Combiner(String name, Trace trace) {
    this.name = name;
    this.trace = trace;
  }

  /** Records the call and joins the arguments. */
  public String combine(String a, String b, String c) {
    trace.add(name + ".combine");
    return name + "(" + a + "," + b + "," + c + ")";
  }
}
