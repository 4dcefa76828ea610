package io.asyncio4j.processor.scan;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import io.asyncio4j.processor.diag.Diagnostics;
import io.asyncio4j.processor.diag.Message;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Finds the {@code @Async} methods that the round's element queries miss: those declared in
 * anonymous and local classes, which javac enters only when it attributes the code around them.
 * Reports each at its {@code @Async}, except the methods of enum constant bodies ({@code A {
 * ... }}), which it returns to be compiled with their enum.
 *
 * <p>An anonymous or local class has no name a companion could use, so its methods cannot be
 * compiled. An enum constant body needs none: its methods run as the enum's (the receiver is the
 * constant), and the enum's entry point dispatches to them by constant. That holds while the
 * method overrides an {@code @Async} method of the enum and reaches only the enum's members, which
 * is what the checks here require.
 *
 * <p>Only files whose text has {@code Async} in it are walked, and of those only the parts that
 * have it (a file with a Unicode escape is walked whole). A candidate's element is asked of javac
 * (see {@link #element}), so only annotations that really are {@code io.asyncio4j.Async} count.
 */
public final class LocalClassChecker {
  private LocalClassChecker() {}

  /**
   * An {@code @Async} method of an enum constant body.
   *
   * @param method its element (of the class body javac entered on attributing the enum)
   * @param path the method's tree path
   * @param constant the constant's name
   * @param overridden the {@code @Async} method of the enum it overrides
   */
  public record ConstantMethod(
      ExecutableElement method, TreePath path, String constant, ExecutableElement overridden) {}

  private enum Where {
    /** In a top-level or member class: the element queries see it. */
    NAMED,
    /** In an enum constant body of a named enum. */
    CONSTANT_BODY,
    /** In an anonymous or local class, or in a class declared in one. */
    HIDDEN
  }

  /**
   * Checks every class declared in {@code type}'s tree; returns its constant-body methods.
   *
   * @param report false to only collect (a class retried in a later round: reported already)
   */
  public static List<ConstantMethod> check(
      Trees trees,
      Elements elements,
      TypeElement type,
      Diagnostics diag,
      AsyncCalls calls,
      boolean report) {
    TreePath root = trees.getPath(type);
    if (root == null) {
      return List.of();
    }
    CompilationUnitTree unit = root.getCompilationUnit();
    int[] marks = positions(calls, unit);
    if (marks != null && marks.length == 0) {
      return List.of();
    }
    SourcePositions pos = trees.getSourcePositions();
    Diagnostics reporter = report ? diag : null;
    List<ConstantMethod> out = new ArrayList<>();
    new TreePathScanner<Void, Where>() {
      @Override
      public Void scan(Tree tree, Where where) {
        if (tree == null || (marks != null && !mentionsAsync(tree))) {
          return null;
        }
        return super.scan(tree, where);
      }

      private boolean mentionsAsync(Tree tree) {
        long start = pos.getStartPosition(unit, tree);
        long end = pos.getEndPosition(unit, tree);
        if (start < 0 || end < 0) {
          return true;
        }
        int i = java.util.Arrays.binarySearch(marks, (int) start);
        if (i < 0) {
          i = -i - 1;
        }
        return i < marks.length && marks[i] < end;
      }

      @Override
      public Void visitClass(ClassTree node, Where where) {
        Tree parent = getCurrentPath().getParentPath().getLeaf();
        Where inside;
        if (where == Where.NAMED
            && (parent instanceof ClassTree || parent instanceof CompilationUnitTree)) {
          inside = Where.NAMED;
        } else if (where == Where.NAMED
            && parent instanceof NewClassTree
            && getCurrentPath().getParentPath().getParentPath().getLeaf() instanceof VariableTree) {
          inside = Where.CONSTANT_BODY; // confirmed by the element's kind below
        } else {
          inside = Where.HIDDEN;
        }
        return super.visitClass(node, inside);
      }

      @Override
      public Void visitMethod(MethodTree node, Where where) {
        if (where != Where.NAMED) {
          AnnotationTree at = asyncAnnotation(node);
          if (at != null) {
            candidate(getCurrentPath(), at, where);
          }
        }
        return super.visitMethod(node, where);
      }

      private void candidate(TreePath path, AnnotationTree at, Where where) {
        ExecutableElement m = element(trees, path);
        if (m == null || !isAsync(m)) {
          return;
        }
        TypeElement declaring = (TypeElement) m.getEnclosingElement();
        if (where == Where.CONSTANT_BODY && SignatureValidator.isEnumConstantBody(declaring)) {
          String constant =
              ((VariableTree) path.getParentPath().getParentPath().getParentPath().getLeaf())
                  .getName()
                  .toString();
          ConstantMethod c = constantMethod(elements, reporter, unit, path, at, m, constant);
          if (c != null) {
            out.add(c);
          }
          return;
        }
        if (reporter == null) {
          return;
        }
        TypeElement hidden = declaring;
        while (hidden.getNestingKind() != NestingKind.ANONYMOUS
            && hidden.getNestingKind() != NestingKind.LOCAL
            && hidden.getEnclosingElement() instanceof TypeElement outer) {
          hidden = outer;
        }
        if (hidden.getNestingKind() == NestingKind.LOCAL) {
          reporter.error(at, unit, Message.ASYNC_IN_PRIVATE_CLASS, hidden.getSimpleName());
        } else {
          reporter.error(at, unit, Message.ASYNC_IN_ANONYMOUS_CLASS);
        }
      }
    }.scan(root, Where.NAMED);
    return out;
  }

  /**
   * The element of the method at {@code path}, or null when javac cannot tell. javac enters an
   * anonymous or local class when it attributes the code around it, so {@link Trees#getElement}
   * attributes the top-level class now (as {@link Trees#getScope} would too: a class's superclass
   * is attributed first). That attribution's warnings show in this round and again when javac
   * compiles the class: a candidate's file may report a warning twice.
   */
  private static ExecutableElement element(Trees trees, TreePath path) {
    try {
      return trees.getElement(path) instanceof ExecutableElement m ? m : null;
    } catch (RuntimeException e) {
      return null; // javac reports what keeps it from attributing the class
    }
  }

  /**
   * {@code m} of constant {@code constant}'s body, when it can run as the enum's: it overrides an
   * {@code @Async} method of the enum and uses no member of the body other than overrides (which
   * a call through the enum reaches as well); otherwise reports why (unless {@code diag} is null)
   * and returns null.
   */
  private static ConstantMethod constantMethod(
      Elements elements,
      Diagnostics diag,
      CompilationUnitTree unit,
      TreePath path,
      AnnotationTree at,
      ExecutableElement m,
      String constant) {
    TypeElement body = (TypeElement) m.getEnclosingElement();
    TypeElement enumType = SignatureValidator.enumOf(body);
    ExecutableElement overridden = null;
    for (Element e : enumType.getEnclosedElements()) {
      if (e instanceof ExecutableElement base
          && e.getKind() == ElementKind.METHOD
          && isAsync(base)
          && elements.overrides(m, base, body)) {
        overridden = base;
      }
    }
    if (overridden == null) {
      if (diag != null) {
        diag.error(at, unit, Message.ASYNC_IN_ENUM_CONSTANT_BODY, constant,
          "overrides no @Async method of the enum",
          "declare " + m.getSimpleName() + " in the enum with @Async and a default body, and"
              + " override it here");
      }
      return null;
    }
    Set<String> own = new HashSet<>();
    for (Element e : body.getEnclosedElements()) {
      if (e.getKind() == ElementKind.CONSTRUCTOR || e.equals(m)) {
        continue;
      }
      if (e instanceof ExecutableElement other && overridesAny(elements, other, enumType, body)) {
        continue; // a call through the enum dispatches to it just the same
      }
      own.add(e.getSimpleName().toString());
    }
    Tree[] offending = {null};
    String[] what = {null};
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        return offending[0] != null ? null : super.scan(tree, unused);
      }

      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        if (own.contains(node.getName().toString())) {
          offending[0] = node;
          what[0] = "uses " + node.getName() + ", which the constant body declares";
        }
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree node, Void unused) {
        if (node.getExpression() instanceof IdentifierTree q
            && q.getName().contentEquals("super")) {
          offending[0] = node;
          what[0] = "calls super." + node.getIdentifier();
          return null;
        }
        if (node.getExpression() instanceof IdentifierTree q
            && q.getName().contentEquals("this")
            && own.contains(node.getIdentifier().toString())) {
          offending[0] = node;
          what[0] = "uses " + node.getIdentifier() + ", which the constant body declares";
          return null;
        }
        return super.visitMemberSelect(node, unused);
      }
    }.scan(((MethodTree) path.getLeaf()).getBody(), null);
    if (offending[0] != null) {
      if (diag != null) {
        diag.error(offending[0], unit, Message.ASYNC_IN_ENUM_CONSTANT_BODY, constant, what[0],
            "move what it uses to the enum (a private method there can serve the constant)");
      }
      return null;
    }
    return new ConstantMethod(m, path, constant, overridden);
  }

  private static boolean overridesAny(
      Elements elements, ExecutableElement m, TypeElement enumType, TypeElement body) {
    if (m.getModifiers().contains(Modifier.STATIC)) {
      return false;
    }
    for (Element e : elements.getAllMembers(enumType)) {
      if (e instanceof ExecutableElement base
          && e.getKind() == ElementKind.METHOD
          && elements.overrides(m, base, body)) {
        return true;
      }
    }
    return false;
  }

  /** The method's annotation spelled {@code Async} ({@code @Async}, {@code @io.asyncio4j.Async}). */
  private static AnnotationTree asyncAnnotation(MethodTree m) {
    for (AnnotationTree a : m.getModifiers().getAnnotations()) {
      Tree t = a.getAnnotationType();
      if ((t instanceof IdentifierTree id && id.getName().contentEquals("Async"))
          || (t instanceof MemberSelectTree ms && ms.getIdentifier().contentEquals("Async"))) {
        return a;
      }
    }
    return null;
  }

  private static boolean isAsync(ExecutableElement m) {
    for (AnnotationMirror a : m.getAnnotationMirrors()) {
      if (((TypeElement) a.getAnnotationType().asElement())
          .getQualifiedName()
          .contentEquals(AsyncCalls.ASYNC)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The offsets of {@code Async} in the file's text, ascending; null when the text cannot tell
   * (unreadable, or with a Unicode escape).
   */
  private static int[] positions(AsyncCalls calls, CompilationUnitTree unit) {
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
    for (int i = src.indexOf("Async"); i >= 0; i = src.indexOf("Async", i + 1)) {
      if (n == found.length) {
        found = java.util.Arrays.copyOf(found, n * 2);
      }
      found[n++] = i;
    }
    return java.util.Arrays.copyOf(found, n);
  }
}
