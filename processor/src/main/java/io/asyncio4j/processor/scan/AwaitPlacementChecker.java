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
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import io.asyncio4j.processor.diag.Diagnostics;
import io.asyncio4j.processor.diag.Message;
import javax.lang.model.element.TypeElement;

/**
 * Finds awaits where no {@code @Async} body can contain them: field initializers and explicit
 * constructor calls ({@code this(…)}, {@code super(…)}). Awaits inside {@code @Async} bodies are
 * checked by the {@link BodyReader}.
 */
public final class AwaitPlacementChecker {
  private AwaitPlacementChecker() {}

  /** Checks every class declared in {@code type}'s tree. */
  public static void check(Trees trees, TypeElement type, Diagnostics diag) {
    TreePath path = trees.getPath(type);
    if (path == null) {
      return;
    }
    CompilationUnitTree unit = path.getCompilationUnit();
    new TreeScanner<Void, Void>() {
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
