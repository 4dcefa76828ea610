package io.asyncio4j.differential;

/** An enum for switch cases. */
public enum Color {
  RED,
  GREEN,
  BLUE,
  BLACK
}
