package io.asyncio4j.processor.scan;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import io.asyncio4j.processor.diag.Diagnostics;
import io.asyncio4j.processor.diag.Message;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Reports {@code async with} and {@code async for} written where nothing awaits them: a
 * try-with-resources over an {@code AsyncCloseable}, or an enhanced {@code for} over an {@code
 * AsyncIterable}, that the processor did not lower, because it is in a plain method, a lambda or a
 * class (or in an {@code @Async} body where the reader could not tell the type). As plain Java
 * such code compiles, and throws {@link UnsupportedOperationException} when it runs.
 *
 * <p>It runs after javac attributed each file ({@link TaskEvent.Kind#ANALYZE}), so it sees the
 * exact types (COMPILER-NOTES 3b), and compares with the forms the bodies' readers lowered.
 */
public final class AsyncFormsChecker implements TaskListener {
  private final Trees trees;
  private final Types types;
  private final Diagnostics diag;
  private final Set<String> lowered;
  private final TypeElement closeable;
  private final TypeElement iterable;
  /** The forms reported already: javac may announce a file's analysis more than once. */
  private final Set<String> reported = new java.util.HashSet<>();

  private AsyncFormsChecker(
      Trees trees, ProcessingEnvironment env, Diagnostics diag, Set<String> lowered) {
    this.trees = trees;
    this.types = env.getTypeUtils();
    this.diag = diag;
    this.lowered = lowered;
    this.closeable = env.getElementUtils().getTypeElement(AsyncForms.ASYNC_CLOSEABLE);
    this.iterable = env.getElementUtils().getTypeElement(AsyncForms.ASYNC_ITERABLE);
  }

  /**
   * Installs the checker on javac's task, when the runtime is on the class path and the compiler is
   * javac (else does nothing: a wrapped environment has no task to listen to).
   *
   * @param lowered the keys ({@link #key}) of the forms the processor lowers, filled as it goes
   */
  public static void install(
      ProcessingEnvironment env, Trees trees, Diagnostics diag, Set<String> lowered) {
    if (env.getElementUtils().getTypeElement(AsyncForms.ASYNC_CLOSEABLE) == null) {
      return;
    }
    try {
      JavacTask.instance(env).addTaskListener(new AsyncFormsChecker(trees, env, diag, lowered));
    } catch (IllegalArgumentException | LinkageError e) {
      // Not javac's environment: the runtime's UnsupportedOperationException remains the check.
    }
  }

  /** The key of the tree starting at {@code position} of {@code unit}. */
  static String key(CompilationUnitTree unit, long position) {
    return unit.getSourceFile().toUri() + "#" + position;
  }

  @Override
  public void finished(TaskEvent e) {
    if (e.getKind() != TaskEvent.Kind.ANALYZE || e.getCompilationUnit() == null) {
      return;
    }
    CompilationUnitTree unit = e.getCompilationUnit();
    Element typeDone = e.getTypeElement();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree node, Void unused) {
        // ANALYZE fires per top-level class; check only the one it finished, and not companions
        // (they copy the user's code, whose error is reported there).
        if (getCurrentPath().getParentPath().getLeaf() == unit
            && ((typeDone != null && trees.getElement(getCurrentPath()) != typeDone)
                || isCompanion(trees.getElement(getCurrentPath())))) {
          return null;
        }
        return super.visitClass(node, unused);
      }

      @Override
      public Void visitTry(TryTree node, Void unused) {
        for (Tree r : node.getResources()) {
          TypeMirror t = trees.getTypeMirror(new TreePath(getCurrentPath(), r));
          if (isA(t, closeable) && !isLowered(unit, r) && firstReport(unit, r)) {
            diag.error(r, unit, Message.ASYNC_WITH_OUTSIDE_ASYNC, where(getCurrentPath()));
          }
        }
        return super.visitTry(node, unused);
      }

      @Override
      public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void unused) {
        TypeMirror t =
            trees.getTypeMirror(new TreePath(getCurrentPath(), node.getExpression()));
        if (isA(t, iterable) && !isLowered(unit, node) && firstReport(unit, node)) {
          diag.error(node, unit, Message.ASYNC_FOR_OUTSIDE_ASYNC, where(getCurrentPath()));
        }
        return super.visitEnhancedForLoop(node, unused);
      }
    }.scan(unit, null);
  }

  private static boolean isCompanion(Element type) {
    return type != null
        && type.getAnnotationMirrors().stream()
            .anyMatch(
                a ->
                    a.getAnnotationType().toString().equals("javax.annotation.processing.Generated")
                        && a.getElementValues().values().stream()
                            .anyMatch(v -> v.toString().contains("io.asyncio4j.processor")));
  }

  private boolean firstReport(CompilationUnitTree unit, Tree t) {
    return reported.add(key(unit, trees.getSourcePositions().getStartPosition(unit, t)));
  }

  private boolean isLowered(CompilationUnitTree unit, Tree t) {
    return lowered.contains(key(unit, trees.getSourcePositions().getStartPosition(unit, t)));
  }

  private boolean isA(TypeMirror t, TypeElement form) {
    return t != null
        && form != null
        && t.getKind() == TypeKind.DECLARED
        && types.isSubtype(types.erasure(t), types.erasure(form.asType()));
  }

  /** What the form is in, for the message. */
  private String where(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree l = p.getLeaf();
      if (l instanceof LambdaExpressionTree) {
        return "a lambda";
      }
      if (l instanceof ClassTree) {
        return "a method that is not @Async";
      }
      if (l instanceof MethodTree) {
        Element m = trees.getElement(p);
        boolean async =
            m != null
                && m.getAnnotationMirrors().stream()
                    .anyMatch(a -> a.getAnnotationType().toString().equals(AsyncCalls.ASYNC));
        return async
            ? "an @Async method, but its type is not known before attribution"
            : "a method that is not @Async";
      }
    }
    return "code that is not an @Async method";
  }
}
