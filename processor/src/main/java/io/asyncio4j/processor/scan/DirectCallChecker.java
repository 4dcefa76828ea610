package io.asyncio4j.processor.scan;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import io.asyncio4j.processor.diag.Diagnostics;
import io.asyncio4j.processor.diag.Message;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * The safety net behind the body reader: once javac has attributed a user's class (the {@code
 * ANALYZE} event), checks every call in the {@code @Async} bodies the processor compiled against
 * javac's own resolution. A call that javac resolves to an {@code @Async} method must be one the
 * processor made an inline await of that method; a call the processor made an await must resolve
 * to it. A disagreement, which would run the method's body as plain Java (its {@code await()}
 * throwing {@code IllegalStateException}) or await another method, is a compile error at the call.
 *
 * <p>Only the recorded bodies are walked (the rest of the file is skipped by position), so the
 * check costs a walk of trees javac has already attributed.
 */
public final class DirectCallChecker implements TaskListener {
  /** Test hook: when set, bodies are recorded without their awaited calls (a missed call). */
  static boolean forgetCallsForTest;

  private final Trees trees;
  private final Diagnostics diag;
  private final javax.lang.model.util.Elements elements;

  /** The classes with a recorded {@code @Async} method, by the method's simple name. */
  private final Map<String, java.util.Set<String>> asyncOwners = new HashMap<>();

  /** By source file: the recorded bodies, by the start position of their method. */
  private final Map<String, NavigableMap<Long, Body>> bodies = new HashMap<>();

  /** One {@code @Async} method's body as the processor read it. */
  private record Body(long start, long end, Map<Long, AsyncCalls.Target> awaited) {}

  private DirectCallChecker(Trees trees, Diagnostics diag, javax.lang.model.util.Elements elements) {
    this.trees = trees;
    this.diag = diag;
    this.elements = elements;
  }

  /**
   * Registers a checker with javac's task, or returns null when the compiler is not javac (there
   * is no task to listen to; the processor itself still works).
   */
  public static DirectCallChecker register(ProcessingEnvironment env, Trees trees) {
    JavacTask task;
    try {
      task = JavacTask.instance(env);
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
    DirectCallChecker checker =
        new DirectCallChecker(trees, new Diagnostics(env.getMessager(), trees), env.getElementUtils());
    task.addTaskListener(checker);
    return checker;
  }

  /**
   * Records the body of the {@code @Async} method at {@code method} and the calls the processor
   * made inline awaits of, with the method each awaits.
   */
  void record(ExecutableElement m, TreePath method, Map<Tree, AsyncCalls.Target> awaited) {
    asyncOwners.computeIfAbsent(m.getSimpleName().toString(), k -> new java.util.HashSet<>())
        .add(((TypeElement) m.getEnclosingElement()).getQualifiedName().toString());
    CompilationUnitTree unit = method.getCompilationUnit();
    SourcePositions pos = trees.getSourcePositions();
    Map<Long, AsyncCalls.Target> calls = new HashMap<>();
    if (!forgetCallsForTest) {
      awaited.forEach((call, target) -> calls.put(span(pos, unit, call), target));
    }
    long start = pos.getStartPosition(unit, method.getLeaf());
    long end = pos.getEndPosition(unit, method.getLeaf());
    bodies.computeIfAbsent(unit.getSourceFile().toUri().toString(), k -> new TreeMap<>())
        .put(start, new Body(start, end, calls));
  }

  private static long span(SourcePositions pos, CompilationUnitTree unit, Tree t) {
    return pos.getStartPosition(unit, t) << 32 | pos.getEndPosition(unit, t);
  }

  @Override
  public void finished(TaskEvent e) {
    if (e.getKind() != TaskEvent.Kind.ANALYZE || e.getCompilationUnit() == null || e.getTypeElement() == null) {
      return;
    }
    NavigableMap<Long, Body> inFile = bodies.get(e.getCompilationUnit().getSourceFile().toUri().toString());
    if (inFile == null || inFile.isEmpty()) {
      return;
    }
    TreePath classPath = trees.getPath(e.getTypeElement());
    if (classPath == null) {
      return;
    }
    CompilationUnitTree unit = classPath.getCompilationUnit();
    SourcePositions pos = trees.getSourcePositions();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (tree == null) {
          return null;
        }
        // Walk down only to the recorded methods.
        long start = pos.getStartPosition(unit, tree);
        Long first = inFile.ceilingKey(start);
        if (first == null || first > pos.getEndPosition(unit, tree)) {
          return null;
        }
        return super.scan(tree, unused);
      }

      @Override
      public Void visitMethod(MethodTree node, Void unused) {
        Body body = inFile.get(pos.getStartPosition(unit, node));
        if (body != null && body.end() == pos.getEndPosition(unit, node) && node.getBody() != null) {
          inFile.remove(body.start());
          check(new TreePath(getCurrentPath(), node.getBody()), body, unit);
          return null;
        }
        return super.visitMethod(node, unused);
      }
    }.scan(classPath, null);
  }

  /** Checks the calls of one body, but not those in its lambdas and classes (not awaits there). */
  private void check(TreePath bodyPath, Body body, CompilationUnitTree unit) {
    SourcePositions pos = trees.getSourcePositions();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        return null;
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        Element called = trees.getElement(getCurrentPath());
        AsyncCalls.Target target = body.awaited().get(span(pos, unit, node));
        boolean async = called instanceof ExecutableElement m && AsyncCalls.isAsync(m);
        Element overrider = async || !(called instanceof ExecutableElement m) ? null : asyncOverrider(m);
        if (async && target == null) {
          diag.error(node, unit, Message.ASYNC_CALL_NOT_AWAITED, name(called), entryPoint(called));
        } else if (overrider != null && target == null) {
          diag.error(node, unit, Message.ASYNC_CALL_DISPATCHED, name(called), name(overrider),
              entryPoint(overrider));
        } else if (target != null && overrider == null
            && !(async && sameMethod((ExecutableElement) called, target))) {
          diag.error(node, unit, Message.ASYNC_CALL_MISRESOLVED,
              target.companion() + "." + target.name(),
              called == null ? "an unknown method" : name(called),
              async ? entryPoint(called) : "the method itself, without await,");
        }
        return super.visitMethodInvocation(node, unused);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree node, Void unused) {
        Element referenced = trees.getElement(getCurrentPath());
        if (referenced instanceof ExecutableElement m && AsyncCalls.isAsync(m)) {
          diag.error(node, unit, Message.ASYNC_METHOD_REFERENCE, name(m), entryPoint(m));
        }
        return super.visitMemberReference(node, unused);
      }
    }.scan(bodyPath, null);
  }

  /** A recorded {@code @Async} method that overrides {@code m}, which is none; or null. */
  private Element asyncOverrider(ExecutableElement m) {
    java.util.Set<String> owners = asyncOwners.get(m.getSimpleName().toString());
    if (owners == null || m.getModifiers().contains(Modifier.STATIC)) {
      return null;
    }
    for (String owner : owners) {
      TypeElement te = elements.getTypeElement(owner);
      if (te == null) {
        continue;
      }
      for (Element e : te.getEnclosedElements()) {
        if (e instanceof ExecutableElement a && a.getSimpleName().equals(m.getSimpleName())
            && AsyncCalls.isAsync(a) && elements.overrides(a, m, te)) {
          return a;
        }
      }
    }
    return null;
  }

  private static boolean sameMethod(ExecutableElement m, AsyncCalls.Target target) {
    return m.getSimpleName().contentEquals(target.name())
        && m.getModifiers().contains(Modifier.STATIC) == target.isStatic()
        && companionQualifiedName((TypeElement) m.getEnclosingElement()).equals(target.companion());
  }

  private static String companionQualifiedName(TypeElement type) {
    Element e = type;
    while (!(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    String simple = AsyncCalls.companionSimpleName(type);
    return ((PackageElement) e).isUnnamed() ? simple : ((PackageElement) e).getQualifiedName() + "." + simple;
  }

  private static String name(Element m) {
    return m.getEnclosingElement().getSimpleName() + "." + m.getSimpleName();
  }

  /** {@code FooAsync.m(receiver, …)}: the entry point that gives {@code m}'s coroutine. */
  private static String entryPoint(Element m) {
    return AsyncCalls.companionSimpleName((TypeElement) m.getEnclosingElement()) + "." + m.getSimpleName()
        + (m.getModifiers().contains(Modifier.STATIC) ? "(…)" : "(receiver, …)");
  }
}
