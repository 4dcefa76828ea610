package io.asyncio4j.processor.model;

import java.util.List;

/**
 * An expression that contains an await somewhere, or a {@link Native} leaf that does not. Every
 * node carries a {@code witness}: source text of the same static type that is never evaluated,
 * used to give temporaries their type back ({@code typed(tmp, false ? witness : null)}).
 */
public sealed interface Expr
    permits Expr.Native,
        Expr.Await,
        Expr.Composite,
        Expr.Cond,
        Expr.Logic,
        Expr.Assign,
        Expr.SwitchExpr,
        Expr.Primitive {

  /** The never-evaluated source text with the expression's static type. */
  String witness();

  /**
   * An await-free expression in source form.
   *
   * @param stable true when evaluating it later gives the same value (a literal, a type name, a
   *     local nothing in the statement assigns), so it need not be spilled
   */
  record Native(Code code, String witness, boolean stable) implements Expr {}

  /**
   * {@code await(awaitable)}, or an inline await of a direct {@code @Async} call (then {@code
   * awaitable} is the companion entry-point call).
   *
   * @param line the source line, for the resume comment and the suspension point table
   */
  record Await(Expr awaitable, String witness, int line) implements Expr {}

  /**
   * An expression whose operands are evaluated left to right: {@code fragments[0] holes[0]
   * fragments[1] … holes[n-1] fragments[n]}.
   */
  record Composite(List<String> fragments, List<Expr> holes, String witness) implements Expr {
    public Composite {
      fragments = List.copyOf(fragments);
      holes = List.copyOf(holes);
      if (fragments.size() != holes.size() + 1) {
        throw new IllegalArgumentException("fragments " + fragments + " holes " + holes);
      }
    }
  }

  /** {@code cond ? whenTrue : whenFalse}: only one branch is evaluated. */
  record Cond(Expr cond, Expr whenTrue, Expr whenFalse, String witness) implements Expr {}

  /** {@code left && right} or {@code left || right}: right is evaluated only when needed. */
  record Logic(boolean and, Expr left, Expr right, String witness) implements Expr {}

  /**
   * An assignment, compound assignment or increment. {@code target} is the variable as a template
   * whose holes (receiver, array, index) are evaluated first (JLS 15.26); {@code operator} is
   * {@code "="}, {@code "+="} …, or {@code "++x" "--x" "x++" "x--"} (then {@code value} is null).
   */
  record Assign(Composite target, String operator, Expr value, String witness) implements Expr {}

  /** A switch expression: one arm's value is the result. */
  record SwitchExpr(int id, Expr selector, List<Stmt.SwitchCase> cases, String witness)
      implements Expr {
    public SwitchExpr {
      cases = List.copyOf(cases);
    }
  }

  /**
   * An argument the reader knows has a primitive type. A copy of its value read back from an
   * Object slot (a spill, or an inline await's result) is unboxed again, so overload resolution
   * sees the primitive type as in the source ({@code list.remove(i)} with an {@code int i}).
   */
  record Primitive(Expr operand) implements Expr {
    @Override
    public String witness() {
      return operand.witness();
    }
  }
}
