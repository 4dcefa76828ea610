package io.asyncio4j.processor.model;

import java.util.List;

/**
 * A fragment of the user's code that contains no await, kept in source form, with the jumps in
 * it that leave it (break/continue/return/yield whose target is a lowered statement) kept
 * symbolic so the lowerer can route them through its states and {@code finally} blocks.
 *
 * @param parts text and jumps in source order
 * @param captures hoisted locals that lambdas or classes in this fragment capture; each is copied
 *     into a fresh final local just before the fragment runs (capture the value, not the field)
 * @param line the user's source line where the fragment starts, or 0 for text the reader made up
 *     (its lines follow the source's: the text keeps the source's line breaks)
 */
public record Code(List<Part> parts, List<Capture> captures, int line) {
  public Code {
    parts = List.copyOf(parts);
    captures = List.copyOf(captures);
  }

  /** A fragment with no source line. */
  public Code(List<Part> parts, List<Capture> captures) {
    this(parts, captures, 0);
  }

  /** Plain text without jumps or captures. */
  public static Code of(String text) {
    return new Code(List.of(new Text(text)), List.of());
  }

  /** True when the fragment is plain text. */
  public boolean isPlain() {
    return captures.isEmpty() && parts.stream().allMatch(p -> p instanceof Text);
  }

  /** The text, with jumps printed as in the source (for witnesses and comments). */
  public String plainText() {
    StringBuilder sb = new StringBuilder();
    for (Part p : parts) {
      if (p instanceof Text t) {
        sb.append(t.text());
      }
    }
    return sb.toString();
  }

  /** A piece of a fragment. */
  public sealed interface Part permits Text, Jump {}

  /** Literal source text. */
  public record Text(String text) implements Part {}

  /**
   * A jump out of the fragment: {@code kind} to the statement {@code targetId} (for RETURN the
   * method; {@code value} is the returned or yielded value, or null).
   */
  public record Jump(JumpKind kind, int targetId, Code value) implements Part {}

  /** What a jump does. */
  public enum JumpKind {
    BREAK,
    CONTINUE,
    RETURN,
    YIELD
  }

  /** A hoisted local captured by a lambda/class: {@code final type copy = field;}. */
  public record Capture(String copyName, String fieldName, String typeText) {}
}
