package io.asyncio4j.processor.scan;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

/**
 * The JDK 21 tree API of pattern matching ({@code case} labels with patterns and guards, record
 * patterns), read through reflection: the processor is compiled for release 17, whose API does
 * not have these methods, and runs on the javac that compiles the user's code, which has them
 * whenever that code uses them. On an older javac every query answers "no pattern".
 */
final class PatternTrees {
  private PatternTrees() {}

  /** Whether {@code t} is of the tree kind named {@code kind} (a kind release 17 may not have). */
  static boolean is(Tree t, String kind) {
    return t != null && t.getKind().name().equals(kind);
  }

  /**
   * The labels of {@code c} ({@code CaseLabelTree}s: constant, pattern or default labels), or
   * null on a javac without them.
   */
  @SuppressWarnings("unchecked")
  static List<? extends Tree> labels(CaseTree c) {
    Object labels = call(c, "com.sun.source.tree.CaseTree", "getLabels");
    if (!(labels instanceof List<?> l)) {
      return null;
    }
    for (Object label : l) {
      Tree t = (Tree) label;
      if (!is(t, "CONSTANT_CASE_LABEL") && !is(t, "PATTERN_CASE_LABEL")
          && !is(t, "DEFAULT_CASE_LABEL")) {
        return null; // a preview form of an older javac
      }
    }
    return (List<? extends Tree>) l;
  }

  /** The guard ({@code when …}) of {@code c}, or null. */
  static ExpressionTree guard(CaseTree c) {
    return (ExpressionTree) call(c, "com.sun.source.tree.CaseTree", "getGuard");
  }

  /** The constant of a {@code CONSTANT_CASE_LABEL}. */
  static ExpressionTree constant(Tree label) {
    return (ExpressionTree)
        call(label, "com.sun.source.tree.ConstantCaseLabelTree", "getConstantExpression");
  }

  /** The pattern of a {@code PATTERN_CASE_LABEL}. */
  static Tree pattern(Tree label) {
    return (Tree) call(label, "com.sun.source.tree.PatternCaseLabelTree", "getPattern");
  }

  /** The record type of a {@code DECONSTRUCTION_PATTERN}: {@code Point} in {@code Point(int x)}. */
  static ExpressionTree deconstructor(Tree pattern) {
    return (ExpressionTree)
        call(pattern, "com.sun.source.tree.DeconstructionPatternTree", "getDeconstructor");
  }

  /** The component patterns of a {@code DECONSTRUCTION_PATTERN}. */
  @SuppressWarnings("unchecked")
  static List<? extends Tree> nested(Tree pattern) {
    return (List<? extends Tree>)
        call(pattern, "com.sun.source.tree.DeconstructionPatternTree", "getNestedPatterns");
  }

  private static Object call(Tree t, String type, String method) {
    try {
      Class<?> c = Class.forName(type, false, Tree.class.getClassLoader());
      if (!c.isInstance(t)) {
        return null;
      }
      Method m = c.getMethod(method);
      return m.invoke(t);
    } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
      return null;
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(type + "." + method, e.getCause());
    }
  }
}
