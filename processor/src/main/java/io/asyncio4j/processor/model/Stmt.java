package io.asyncio4j.processor.model;

import java.util.List;

/**
 * A statement of an {@code @Async} body. Statements without an await are {@link NativeStmt}s and
 * keep their source form; the others are lowered into states.
 */
public sealed interface Stmt
    permits Stmt.NativeStmt,
        Stmt.Block,
        Stmt.LocalDecl,
        Stmt.ExprStmt,
        Stmt.If,
        Stmt.While,
        Stmt.DoWhile,
        Stmt.For,
        Stmt.ForEach,
        Stmt.Labeled,
        Stmt.Switch,
        Stmt.Return,
        Stmt.Throw,
        Stmt.Yield,
        Stmt.Break,
        Stmt.Continue,
        Stmt.Try {

  /** Whether a native statement can complete normally (JLS 14.22), as far as the reader knows. */
  enum Completion {
    YES,
    NO,
    MAYBE
  }

  /** An await-free statement in source form. */
  record NativeStmt(Code code, Completion completion) implements Stmt {}

  /** A block. */
  record Block(List<Stmt> statements) implements Stmt {
    public Block {
      statements = List.copyOf(statements);
    }
  }

  /** A hoisted local's declaration; {@code init} may be null. */
  record LocalDecl(LocalVar variable, Expr init) implements Stmt {}

  /** An expression statement. */
  record ExprStmt(Expr expression) implements Stmt {}

  /** {@code if}; {@code otherwise} may be null. */
  record If(Expr condition, Stmt then, Stmt otherwise) implements Stmt {}

  /** {@code while}. */
  record While(int id, Expr condition, Stmt body) implements Stmt {}

  /** {@code do … while}. */
  record DoWhile(int id, Stmt body, Expr condition) implements Stmt {}

  /** {@code for}; {@code condition} may be null. */
  record For(int id, List<Stmt> init, Expr condition, List<Stmt> update, Stmt body)
      implements Stmt {}

  /** Enhanced {@code for} over an array or an Iterable. */
  record ForEach(int id, LocalVar variable, Expr iterable, Stmt body) implements Stmt {}

  /** A labelled statement that is not a loop (loops carry their own label via their id). */
  record Labeled(int id, Stmt body) implements Stmt {}

  /** {@code switch} statement; arms in source order. */
  record Switch(int id, Expr selector, List<SwitchCase> cases) implements Stmt {
    public Switch {
      cases = List.copyOf(cases);
    }
  }

  /**
   * One arm of a switch statement or expression.
   *
   * @param labels the case labels as source text: constants, {@code null}, {@code default} (with
   *     {@code null}), or one pattern whose bindings have fresh names; empty for {@code default}
   * @param arrow {@code case X ->} (no fall-through)
   * @param body the arm's statements (for an arrow expression arm: a {@link Yield})
   * @param bind for a pattern label (JDK 21): the statements that copy its bindings into their
   *     hoisted fields ({@code c = c1;}, possibly empty); null for other labels
   * @param guard the pattern's guard ({@code when …}), read with the bindings' fields; or null
   */
  record SwitchCase(List<String> labels, boolean arrow, Stmt body, String bind, Expr guard) {
    public SwitchCase {
      labels = List.copyOf(labels);
    }

    /** An arm with constant labels or {@code default}. */
    public SwitchCase(List<String> labels, boolean arrow, Stmt body) {
      this(labels, arrow, body, null, null);
    }

    /** Whether the arm's label is a pattern. */
    public boolean pattern() {
      return bind != null;
    }

    /** Whether the arm is (also) the {@code default} arm. */
    public boolean isDefault() {
      return labels.isEmpty() || labels.contains("default");
    }
  }

  /** {@code return}; {@code value} may be null. */
  record Return(Expr value) implements Stmt {}

  /** {@code throw}. */
  record Throw(Expr value) implements Stmt {}

  /** {@code yield} out of the switch expression {@code targetId}. */
  record Yield(int targetId, Expr value) implements Stmt {}

  /** {@code break} to the statement {@code targetId}. */
  record Break(int targetId) implements Stmt {}

  /** {@code continue} of the loop {@code targetId}. */
  record Continue(int targetId) implements Stmt {}

  /** {@code try}; {@code finallyBlock} may be null. */
  record Try(Stmt body, List<Catch> catches, Stmt finallyBlock, int line) implements Stmt {
    public Try {
      catches = List.copyOf(catches);
    }
  }

  /** A catch clause: {@code types} are the caught types (several for multi-catch). */
  record Catch(LocalVar parameter, List<String> types, Stmt body) {
    public Catch {
      types = List.copyOf(types);
    }
  }
}
