package io.asyncio4j.differential;

/** A mutable box, the target of field assignments whose evaluation order is tested. */
public final class Holder {
  public String value;

  public Holder(String value) {
    this.value = value;
  }

  @Override
  public String toString() {
    return "Holder(" + value + ")";
  }
}
