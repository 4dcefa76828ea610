package io.asyncio4j.processor.scan;

import io.asyncio4j.processor.model.LocalVar;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Lexical scopes of the body being read: which simple names are locals, and how each is stored.
 *
 * <p>Invariants: the bottom scope holds the method's parameters; {@code depth} counts the lambda
 * and class bodies the reader is inside, and a binding remembers the depth it was declared at, so
 * a reference from deeper down is a capture.
 */
final class Scopes {
  /** How a local is stored in the generated code. */
  enum Kind {
    /** A field of the state machine. */
    HOISTED,
    /** A Java local of the generated code, declared by the same text as in the source. */
    NATIVE
  }

  /** A local: how it is stored, its field (hoisted), and the lambda depth it was declared at. */
  record Binding(Kind kind, LocalVar variable, int depth) {}

  private final Deque<Map<String, Binding>> scopes = new ArrayDeque<>();
  private int depth;

  void push() {
    scopes.push(new HashMap<>());
  }

  void pop() {
    scopes.pop();
  }

  /** Pops the innermost scope and returns its bindings. */
  Map<String, Binding> popBindings() {
    return scopes.pop();
  }

  /** Binds {@code name} in the innermost scope as {@code b} says. */
  void bind(String name, Binding b) {
    scopes.peek().put(name, b);
  }

  void enterBody() {
    depth++;
  }

  void exitBody() {
    depth--;
  }

  int depth() {
    return depth;
  }

  void hoisted(String name, LocalVar variable) {
    scopes.peek().put(name, new Binding(Kind.HOISTED, variable, depth));
  }

  void nativeLocal(String name) {
    scopes.peek().put(name, new Binding(Kind.NATIVE, null, depth));
  }

  /** The innermost binding of {@code name}, or null when it is not a local. */
  Binding lookup(String name) {
    for (Map<String, Binding> scope : scopes) {
      Binding b = scope.get(name);
      if (b != null) {
        return b;
      }
    }
    return null;
  }
}
