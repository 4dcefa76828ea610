package io.asyncio4j.processor.scan;

import io.asyncio4j.processor.model.Code;
import io.asyncio4j.processor.model.Expr;
import io.asyncio4j.processor.model.LocalVar;
import io.asyncio4j.processor.model.Stmt;
import io.asyncio4j.processor.model.Stmt.Completion;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements that Python's {@code async with} and {@code async for} lower to, built from the
 * model: a try-with-resources over an {@code io.asyncio4j.AsyncCloseable} and an enhanced {@code
 * for} over an {@code io.asyncio4j.AsyncIterable} become a {@code try}/{@code finally} whose
 * {@code finally} awaits the exit, which the lowerer then compiles like any await in a {@code
 * finally}.
 */
final class AsyncForms {
  static final String ASYNC_CLOSEABLE = "io.asyncio4j.AsyncCloseable";
  static final String ASYNC_ITERABLE = "io.asyncio4j.AsyncIterable";

  private AsyncForms() {}

  /**
   * {@code try (R r = init) body} for an asynchronous resource, as JLS 14.20.3.1 spells it with the
   * close awaited and told the primary exception:
   *
   * <pre>{@code
   * r = init;
   * if (r != null) r.enter();
   * primary = null;
   * try { body } catch (Throwable thrown) { primary = thrown; throw thrown; }
   * finally { if (r != null) await(closeResource(r, primary)); }
   * }</pre>
   *
   * The awaited exit's exception replaces the primary one (the {@code finally} completes abruptly),
   * and its normal completion lets the primary one propagate (the {@code finally} completes
   * normally), as {@code __aexit__} does.
   *
   * @param resource the resource's read, as step() text (a local class's cast included)
   * @param enter whether to call {@code enter()} ({@code __aenter__}); an iterator has none
   */
  static Stmt resource(
      Stmt decl, String resource, boolean enter, LocalVar primary, LocalVar thrown, Stmt body,
      int line) {
    String pn = primary.fieldName();
    String tn = thrown.fieldName();
    Stmt.Catch onThrow =
        new Stmt.Catch(
            thrown,
            List.of("java.lang.Throwable"),
            nat(pn + " = " + tn + "; throw " + tn + ";", Completion.NO));
    Stmt close =
        new Stmt.If(
            nativeExpr(resource + " != null", "false"),
            new Stmt.ExprStmt(
                new Expr.Await(
                    nativeExpr("closeResource(" + resource + ", " + pn + ")",
                        "closeResource(" + resource + ", " + pn + ")"),
                    "((java.lang.Void) null)",
                    line)),
            null);
    List<Stmt> out = new ArrayList<>();
    out.add(decl);
    if (enter) {
      out.add(nat("if (" + resource + " != null) { " + resource + ".enter(); }", Completion.YES));
    }
    out.add(new Stmt.LocalDecl(primary, nativeExpr("null", "null")));
    out.add(new Stmt.Try(body, List.of(onThrow), close, line));
    return new Stmt.Block(out);
  }

  /**
   * {@code for (T x : source) body} over an asynchronous iterable, C#'s {@code await foreach}:
   *
   * <pre>{@code
   * it = source.asyncIterator();   // then as try (it) { ... } above
   * while (await(it.hasNext())) { x = cast(it.next()); body }
   * }</pre>
   *
   * The loop keeps the for's id, so its {@code break} and {@code continue} work unchanged; every way
   * out of it closes the iterator (awaited).
   */
  static Stmt forEach(
      int id,
      Expr source,
      LocalVar iterator,
      LocalVar variable,
      LocalVar primary,
      LocalVar thrown,
      Stmt body,
      int line) {
    String it = iterator.fieldName();
    Expr init =
        new Expr.Composite(
            List.of("", ".asyncIterator()"), List.of(source), "((io.asyncio4j.AsyncIterator<?>) null)");
    String read =
        variable.localClass() == null
            ? "cast(" + it + ".next())"
            : "(java.lang.Object) " + it + ".next()";
    List<Stmt> loopBody = new ArrayList<>();
    loopBody.add(new Stmt.LocalDecl(variable, nativeExpr(read, read)));
    loopBody.add(body);
    Stmt loop =
        new Stmt.While(
            id,
            new Expr.Await(
                nativeExpr(it + ".hasNext()", it + ".hasNext()"),
                "((boolean) (java.lang.Object) null)",
                line),
            new Stmt.Block(loopBody));
    Stmt decl = new Stmt.LocalDecl(iterator, init);
    return resource(decl, it, false, primary, thrown, loop, line);
  }

  private static Expr nativeExpr(String text, String witness) {
    return new Expr.Native(Code.of(text), witness, false);
  }

  private static Stmt nat(String text, Completion c) {
    return new Stmt.NativeStmt(Code.of(text), c);
  }
}
