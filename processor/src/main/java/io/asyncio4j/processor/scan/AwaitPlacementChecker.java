package io.asyncio4j.processor.scan;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import io.asyncio4j.processor.diag.Diagnostics;
import io.asyncio4j.processor.diag.Message;
import java.util.Arrays;
import javax.lang.model.element.TypeElement;

/**
 * Finds awaits where no {@code @Async} body can contain them: field initializers and explicit
 * constructor calls ({@code this(…)}, {@code super(…)}). Awaits inside {@code @Async} bodies are
 * checked by the {@link BodyReader}.
 *
 * <p>Only the parts of a file whose source text has {@code await} in it are walked (a file
 * without Unicode escapes: an escape could spell the name).
 */
public final class AwaitPlacementChecker {
  private AwaitPlacementChecker() {}

  /**
   * Checks every class declared in {@code type}'s tree.
   *
   * @param calls the round's lookups, for the file's source text
   */
  public static void check(Trees trees, TypeElement type, Diagnostics diag, AsyncCalls calls) {
    TreePath path = trees.getPath(type);
    if (path == null) {
      return;
    }
    CompilationUnitTree unit = path.getCompilationUnit();
    int[] awaits = awaitPositions(calls, unit);
    if (awaits != null && awaits.length == 0) {
      return;
    }
    SourcePositions pos = trees.getSourcePositions();
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (tree == null || (awaits != null && !mayContainAwait(tree))) {
          return null;
        }
        return super.scan(tree, unused);
      }

      /** Whether the source range of {@code tree} has {@code await} in it (or is unknown). */
      private boolean mayContainAwait(Tree tree) {
        long start = pos.getStartPosition(unit, tree);
        long end = pos.getEndPosition(unit, tree);
        if (start < 0 || end < 0) {
          return true;
        }
        int i = Arrays.binarySearch(awaits, (int) start);
        if (i < 0) {
          i = -i - 1;
        }
        return i < awaits.length && awaits[i] < end;
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        for (Tree member : node.getMembers()) {
          if (member instanceof VariableTree v && v.getInitializer() != null) {
            report(v.getInitializer(), Message.AWAIT_IN_FIELD_INITIALIZER);
          }
          if (member instanceof MethodTree m
              && m.getName().contentEquals("<init>")
              && m.getBody() != null
              && !m.getBody().getStatements().isEmpty()) {
            StatementTree first = m.getBody().getStatements().get(0);
            if (first instanceof ExpressionStatementTree es
                && es.getExpression() instanceof MethodInvocationTree call
                && call.getMethodSelect() instanceof IdentifierTree id
                && (id.getName().contentEquals("this") || id.getName().contentEquals("super"))) {
              report(call, Message.AWAIT_IN_CONSTRUCTOR_CALL);
            }
          }
        }
        return super.visitClass(node, unused);
      }

      private void report(Tree tree, Message message) {
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
            if (isAwait(node)) {
              diag.error(node, unit, message);
            }
            return super.visitMethodInvocation(node, unused);
          }

          @Override
          public Void visitClass(ClassTree node, Void unused) {
            return null;
          }

          @Override
          public Void visitBlock(BlockTree node, Void unused) {
            return super.visitBlock(node, unused);
          }
        }.scan(tree, null);
      }
    }.scan(path.getLeaf(), null);
  }

  /**
   * The offsets of {@code await} in the file's source text, ascending; null when the text cannot
   * tell (unreadable, or with a Unicode escape).
   */
  private static int[] awaitPositions(AsyncCalls calls, CompilationUnitTree unit) {
    String src;
    try {
      src = calls.unit(unit).source();
    } catch (java.io.UncheckedIOException e) {
      return null;
    }
    if (src.contains("\\u")) {
      return null;
    }
    int[] found = new int[8];
    int n = 0;
    for (int i = src.indexOf("await"); i >= 0; i = src.indexOf("await", i + 1)) {
      if (n == found.length) {
        found = Arrays.copyOf(found, n * 2);
      }
      found[n++] = i;
    }
    return Arrays.copyOf(found, n);
  }

  /** {@code await(x)} or {@code Asyncio.await(x)}, by name. */
  static boolean isAwait(MethodInvocationTree mi) {
    if (mi.getArguments().size() != 1) {
      return false;
    }
    if (mi.getMethodSelect() instanceof IdentifierTree id) {
      return id.getName().contentEquals("await");
    }
    if (mi.getMethodSelect() instanceof MemberSelectTree ms && ms.getIdentifier().contentEquals("await")) {
      String q = ms.getExpression().toString();
      return q.equals("Asyncio") || q.equals("io.asyncio4j.Asyncio");
    }
    return false;
  }
}
