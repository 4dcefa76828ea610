package io.asyncio4j.processor.lower;

import java.util.List;
import java.util.Map;

/**
 * A method body lowered to a flat state machine, still as Java text fragments: the emitter only
 * wraps it in a class.
 *
 * @param prologue statements before the dispatch loop (local type declarations)
 * @param cases the body of {@code switch (label)}: statements and {@code case N:} marks, in order
 * @param fields every field the lowering added (temporaries, finally records), name to type
 * @param handlers the exception dispatch of {@code handle(Throwable)}, one entry per try region
 * @param resumeLines label of each resume point to its source line
 * @param awaits whether the body awaits at all
 */
public record Lowered(
    List<String> prologue,
    List<Line> cases,
    Map<String, String> fields,
    List<Handler> handlers,
    Map<Integer, Integer> resumeLines,
    boolean awaits) {

  /** One line of the switch body. */
  public sealed interface Line permits Mark, Statement {}

  /** {@code case label:}, with a comment when it is a resume point. */
  public record Mark(int label, String comment) implements Line {}

  /**
   * A statement (or several) as text.
   *
   * @param line the user's source line of the text's first line (its further lines follow the
   *     source's), or 0 when unknown
   */
  public record Statement(String text, int line) implements Line {
    /** A statement with no source line. */
    public Statement(String text) {
      this(text, 0);
    }
  }

  /**
   * The exception dispatch for one try region, as the body of its {@code case} in {@code
   * handle(Throwable ex)}: jump to a matching catch or the finally ({@code return true}), or hand
   * the exception to the parent region ({@code continue}).
   */
  public record Handler(int region, String comment, List<String> body) {}
}
