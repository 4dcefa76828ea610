package io.asyncio4j.processor.scan;

import com.sun.source.tree.*;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import io.asyncio4j.processor.diag.DeferProcessing;
import io.asyncio4j.processor.diag.Diagnostics;
import io.asyncio4j.processor.diag.Message;
import io.asyncio4j.processor.model.Code;
import io.asyncio4j.processor.model.Code.JumpKind;
import io.asyncio4j.processor.model.Expr;
import io.asyncio4j.processor.model.LocalVar;
import io.asyncio4j.processor.model.Stmt;
import io.asyncio4j.processor.model.Stmt.Completion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Reads an {@code @Async} method body (the only class that reads {@code com.sun.source} trees)
 * into the {@link Stmt}/{@link Expr} model. Statements and expressions without an await keep
 * their source text, with names rewritten for the generated class: members of the user's class go
 * through {@code self} or the declaring class, hoisted locals become the state machine's fields,
 * and a hoisted local captured by a lambda or class is read from a fresh final copy.
 */
public final class BodyReader {
  static final String AWAIT_QUALIFIED = "io.asyncio4j.Asyncio.await";

  private final Trees trees;
  private final Elements elements;
  private final AsyncCalls calls;
  private final Diagnostics diag;
  private final CompilationUnitTree unit;
  private final SourcePositions pos;
  private final String src;
  private final TypeElement owner;
  private final ExecutableElement method;
  private final TreePath methodPath;
  private final String selfName;
  private final Scopes scopes = new Scopes();
  private final Set<String> taken;
  private final List<LocalVar> locals = new ArrayList<>();
  private final Set<Tree> exploded = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<Tree, AsyncCalls.Target> asyncCalls = new IdentityHashMap<>();
  /** Resources of type AsyncCloseable and for loops over an AsyncIterable (async with / for). */
  private final Set<Tree> asyncForms = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<Tree, Integer> targetIds = new IdentityHashMap<>();
  private final NameResolver names;
  private final Set<String> assignedInStatement = new HashSet<>();
  private int nextId = 1;

  BodyReader(
      Trees trees,
      Elements elements,
      AsyncCalls calls,
      Diagnostics diag,
      TreePath methodPath,
      TypeElement owner,
      ExecutableElement method,
      String selfName,
      Set<String> taken) {
    this.trees = trees;
    this.elements = elements;
    this.calls = calls;
    this.diag = diag;
    this.methodPath = methodPath;
    this.unit = methodPath.getCompilationUnit();
    this.pos = trees.getSourcePositions();
    try {
      this.src = calls.unit(unit).source();
    } catch (java.io.UncheckedIOException e) {
      throw new IllegalStateException("cannot read " + unit.getSourceFile().getName(), e);
    }
    this.owner = owner;
    this.method = method;
    this.selfName = selfName;
    this.taken = taken;
    this.names = new NameResolver(trees, elements, calls, methodPath, owner, method, taken);
    scopes.push();
  }

  /** The hoisted locals found while reading. */
  List<LocalVar> locals() {
    return locals;
  }

  /** Reads the body; parameters must already be bound with {@link #bindParameter}. */
  Stmt read(BlockTree body) {
    rejectPrivateTypes(body);
    new AwaitFinder().scan(new TreePath(methodPath, body), null);
    explodeYieldPaths(body);
    return stmt(body);
  }

  /**
   * Reports each use of a private nested type in the method: the companion, another top-level
   * class, cannot name it (JLS 6.6.1), and no handle can stand in for a type in declarations,
   * casts and generic arguments.
   */
  private void rejectPrivateTypes(BlockTree body) {
    Set<String> privateTypes = new HashSet<>();
    java.util.ArrayDeque<TypeElement> todo = new java.util.ArrayDeque<>(List.of((TypeElement) topLevel(owner)));
    while (!todo.isEmpty()) {
      for (Element e : todo.pop().getEnclosedElements()) {
        if (e instanceof TypeElement nested) {
          todo.push(nested);
          if (privateType(nested)) {
            privateTypes.add(nested.getSimpleName().toString());
          }
        }
      }
    }
    if (privateTypes.isEmpty()) {
      return;
    }
    List<TypeMirror> signature = new ArrayList<>();
    signature.add(method.getReturnType());
    method.getParameters().forEach(p -> signature.add(p.asType()));
    for (TypeMirror t : signature) {
      TypeElement p = privateTypeIn(t);
      if (p != null) {
        diag.error(method, Message.PRIVATE_TYPE, p.getSimpleName(), p.getSimpleName());
        return;
      }
    }
    new com.sun.source.util.TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        check(node, node.getName().toString());
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree node, Void unused) {
        return check(node, node.getIdentifier().toString()) ? null : super.visitMemberSelect(node, unused);
      }

      private final Set<TypeElement> reportedTypes = new HashSet<>();

      private boolean check(ExpressionTree node, String name) {
        if (privateTypes.contains(name)
            && names.typeOrPackage(node, getCurrentPath()) instanceof TypeElement te
            && privateType(te) && !owner.equals(te)) {
          if (reportedTypes.add(te)) {
            errorOnce(node, unit, Message.PRIVATE_TYPE, te.getSimpleName(), te.getSimpleName());
          }
          return true;
        }
        return false;
      }
    }.scan(new TreePath(methodPath, body), null);
  }

  /** Whether {@code t} or a class enclosing it is private. */
  private static boolean privateType(TypeElement t) {
    for (Element e = t; e instanceof TypeElement x; e = x.getEnclosingElement()) {
      if (x.getModifiers().contains(Modifier.PRIVATE)) {
        return true;
      }
    }
    return false;
  }

  /** A private type that {@code t} names, itself or as a type argument or component, or null. */
  private static TypeElement privateTypeIn(TypeMirror t) {
    if (t instanceof javax.lang.model.type.ArrayType a) {
      return privateTypeIn(a.getComponentType());
    }
    if (t instanceof javax.lang.model.type.DeclaredType d) {
      if (privateType((TypeElement) d.asElement())) {
        return (TypeElement) d.asElement();
      }
      for (TypeMirror arg : d.getTypeArguments()) {
        TypeElement p = privateTypeIn(arg);
        if (p != null) {
          return p;
        }
      }
    }
    if (t instanceof javax.lang.model.type.WildcardType w) {
      TypeElement p = w.getExtendsBound() == null ? null : privateTypeIn(w.getExtendsBound());
      return p != null || w.getSuperBound() == null ? p : privateTypeIn(w.getSuperBound());
    }
    return null;
  }

  /** The direct calls of {@code @Async} methods that the body awaits inline, with their targets. */
  Map<Tree, AsyncCalls.Target> inlinedCalls() {
    return asyncCalls;
  }

  /**
   * Lowers every statement between a lowered switch expression and its {@code yield}s: the
   * lowered switch reads each yielded value back with the yielded expression's type (see the
   * Lowerer), through a witness that must name only what is in scope after the switch, which
   * locals of a lowered block are (they become step()'s locals or fields) and locals of a native
   * block are not.
   */
  private void explodeYieldPaths(BlockTree body) {
    new com.sun.source.util.TreePathScanner<Void, Void>() {
      @Override
      public Void visitYield(YieldTree node, Void unused) {
        List<Tree> chain = new ArrayList<>();
        for (TreePath p = getCurrentPath(); p != null; p = p.getParentPath()) {
          Tree l = p.getLeaf();
          if (l instanceof SwitchExpressionTree) {
            if (exploded.contains(l)) {
              exploded.addAll(chain);
            }
            break;
          }
          if (l instanceof LambdaExpressionTree || l instanceof ClassTree
              || l instanceof SynchronizedTree || l == methodPath.getLeaf()) {
            break;
          }
          chain.add(l);
        }
        return super.visitYield(node, unused);
      }
    }.scan(new TreePath(methodPath, body), null);
  }

  void bindParameter(String name, LocalVar field) {
    scopes.hoisted(name, field);
  }

  // ---------------------------------------------------------------- await sites

  /** True when {@code t} is an {@code await(x)} call. */
  private boolean isAwaitCall(Tree t) {
    if (!(t instanceof MethodInvocationTree mi) || mi.getArguments().size() != 1) {
      return false;
    }
    ExpressionTree sel = mi.getMethodSelect();
    if (sel instanceof IdentifierTree id) {
      return id.getName().contentEquals("await") && !names.ownerHasMethod("await");
    }
    if (sel instanceof MemberSelectTree ms && ms.getIdentifier().contentEquals("await")) {
      String q = ms.getExpression().toString();
      return q.equals("Asyncio") || q.equals("io.asyncio4j.Asyncio");
    }
    return false;
  }

  /** Marks every tree that contains an await and reports awaits where they cannot be. */
  private final class AwaitFinder extends com.sun.source.util.TreePathScanner<Void, Void> {
    @Override
    public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
      TreePath path = getCurrentPath();
      if (isAwaitCall(node)) {
        site(path);
      } else if (!insideBody(path)) {
        AsyncCalls.Target target = resolveAsyncCall(node, path);
        if (target == AsyncCalls.UNDECIDED) {
          diag.error(node, unit, Message.OVERLOAD_UNDECIDED, node.getMethodSelect());
          target = null;
        }
        if (target != null) {
          asyncCalls.put(node, target);
          site(path);
        }
      }
      return super.visitMethodInvocation(node, unused);
    }

    @Override
    public Void visitTry(TryTree node, Void unused) {
      for (Tree r : node.getResources()) {
        if (isAsyncForm(asyncResourceType(r, node), AsyncForms.ASYNC_CLOSEABLE)) {
          asyncForm(r, getCurrentPath());
        }
      }
      return super.visitTry(node, unused);
    }

    @Override
    public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void unused) {
      if (isAsyncForm(iterableType(node.getExpression(), getCurrentPath()), AsyncForms.ASYNC_ITERABLE)) {
        asyncForm(node, getCurrentPath());
      }
      return super.visitEnhancedForLoop(node, unused);
    }

    /**
     * Marks an {@code async with} resource or {@code async for} loop (at {@code path}) to be
     * lowered, as an await there would be; one inside a lambda or class is left to {@link
     * AsyncFormsChecker}, which reports it.
     */
    private void asyncForm(Tree form, TreePath path) {
      for (TreePath p = path; p != null && p.getLeaf() != methodPath.getLeaf(); p = p.getParentPath()) {
        Tree l = p.getLeaf();
        if (l instanceof LambdaExpressionTree || l instanceof ClassTree) {
          return;
        }
      }
      asyncForms.add(form);
      calls.loweredForm(unit, pos.getStartPosition(unit, form));
      site(path);
    }

    private boolean insideBody(TreePath path) {
      for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
        Tree l = p.getLeaf();
        if (l instanceof LambdaExpressionTree || l instanceof ClassTree) {
          return true;
        }
        if (l == methodPath.getLeaf()) {
          return false;
        }
      }
      return false;
    }

    private void site(TreePath path) {
      Tree at = path.getLeaf();
      List<Tree> chain = new ArrayList<>();
      for (TreePath p = path; p != null; p = p.getParentPath()) {
        Tree l = p.getLeaf();
        if (l == methodPath.getLeaf()) {
          break;
        }
        if (l instanceof LambdaExpressionTree || l instanceof MemberReferenceTree) {
          diag.error(at, unit, Message.AWAIT_IN_LAMBDA);
          return;
        }
        if (l instanceof ClassTree) {
          diag.error(at, unit, Message.AWAIT_IN_CLASS);
          return;
        }
        if (l instanceof SynchronizedTree) {
          diag.error(at, unit, Message.AWAIT_IN_SYNCHRONIZED);
          return;
        }
        if (l instanceof TryTree tt && chain.size() > 0 && chain.get(chain.size() - 1) == tt.getBlock()) {
          checkCatches(tt);
        }
        chain.add(l);
      }
      exploded.addAll(chain);
    }

    private final Set<Tree> warned = new HashSet<>();

    private void checkCatches(TryTree tt) {
      if (!warned.add(tt) || cancellationWarningSuppressed()) {
        return;
      }
      // Only the first catch whose type CancelledException extends (or is) receives it: the
      // catches after it never see one, whatever they catch.
      boolean caughtBefore = false;
      for (CatchTree c : tt.getCatches()) {
        Tree type = c.getParameter().getType();
        List<Tree> alts =
            type instanceof UnionTypeTree u ? new ArrayList<>(u.getTypeAlternatives()) : List.of(type);
        boolean catchesIt = false;
        for (Tree alt : alts) {
          String n = simpleName(alt.toString());
          if (n.equals("CancelledException") || n.equals("CancellationException")) {
            catchesIt = true;
          } else if (n.equals("Exception")
              || n.equals("Throwable")
              || n.equals("RuntimeException")
              || n.equals("IllegalStateException")) {
            catchesIt = true;
            if (!caughtBefore && !containsThrow(c.getBlock())) {
              diag.warning(c, unit, Message.SWALLOWED_CANCELLATION, alt.toString());
            }
          }
        }
        caughtBefore |= catchesIt;
      }
    }
  }

  /**
   * Whether the method or a class around it says {@code @SuppressWarnings("AsyncSwallowedCancellation")}
   * (the warning's tag), so that builds with {@code -Werror} can keep a deliberate catch-all.
   */
  private boolean cancellationWarningSuppressed() {
    for (Element e = method; e != null; e = e.getEnclosingElement()) {
      SuppressWarnings sw = e.getAnnotation(SuppressWarnings.class);
      if (sw != null) {
        for (String v : sw.value()) {
          if (v.equals(Message.SWALLOWED_CANCELLATION.tag())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static String simpleName(String s) {
    int dot = s.lastIndexOf('.');
    return dot < 0 ? s : s.substring(dot + 1);
  }

  private static boolean containsThrow(Tree t) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitThrow(ThrowTree node, Void unused) {
        found[0] = true;
        return null;
      }
    }.scan(t, null);
    return found[0];
  }

  /** The {@code @Async} method a direct call invokes, or null. */
  private AsyncCalls.Target resolveAsyncCall(MethodInvocationTree mi, TreePath path) {
    AsyncCalls.Target direct = resolveDirectCall(mi, path);
    if (direct != null || !(mi.getMethodSelect() instanceof MemberSelectTree ms)
        || names.typeOrPackage(ms.getExpression(), path) != null) {
      return direct;
    }
    TypeMirror receiver;
    try {
      receiver = staticType(ms.getExpression(), path);
    } catch (DeferProcessing e) {
      if (e.javacReports()) {
        throw e;
      }
      return null;
    }
    AsyncCalls.Target virtual = receiver == null ? null
        : calls.virtual(receiver, ms.getIdentifier().toString(), mi.getArguments().size());
    if (virtual != null) {
      String declaring = virtual.virtual().substring(virtual.virtual().indexOf("lookup(), ") + 10);
      if (names.obscured("io") || names.obscured("java")
          || names.obscured(declaring.substring(0, declaring.indexOf('.')))) {
        return null; // a variable of the body obscures a package the dispatch names (JLS 6.4.2)
      }
    }
    return virtual;
  }

  /** The {@code @Async} method a direct call invokes as javac resolves it, or null. */
  private AsyncCalls.Target resolveDirectCall(MethodInvocationTree mi, TreePath path) {
    int arity = mi.getArguments().size();
    java.util.function.IntFunction<TypeMirror> argType = i -> argumentType(mi.getArguments().get(i), path);
    ExpressionTree sel = mi.getMethodSelect();
    if (sel instanceof IdentifierTree id) {
      for (TypeElement t = owner; t != null; t = names.enclosingType(t)) {
        AsyncCalls.Target target = calls.find(t, id.getName().toString(), arity, argType);
        if (target != null) {
          return target;
        }
        if (names.hasMethodNamed(t, id.getName().toString())) {
          return null;
        }
      }
      TypeElement imported = names.staticImportedMethodOwner(id.getName().toString());
      if (imported != null) {
        AsyncCalls.Target t = calls.find(imported, id.getName().toString(), arity, argType);
        return t != null && t.isStatic() ? t : null;
      }
      return null;
    }
    if (sel instanceof MemberSelectTree ms) {
      String name = ms.getIdentifier().toString();
      ExpressionTree recv = ms.getExpression();
      if (recv instanceof IdentifierTree rid) {
        String r = rid.getName().toString();
        if (r.equals("this")) {
          return calls.find(owner, name, arity, argType);
        }
        for (VariableElement p : method.getParameters()) {
          if (p.getSimpleName().contentEquals(r)) {
            return calls.find(p.asType(), name, arity, argType);
          }
        }
        VariableTree decl = names.local(path, r);
        if (decl != null) {
          if (!isVar(decl)) {
            // An explicit type resolves by name, without attributing the body (getScope).
            TypeMirror t = names.typeFromTree(decl.getType(), path);
            return t == null ? null : calls.find(t, name, arity, argType);
          }
          TypeMirror local;
          try {
            local = names.localType(path, r);
          } catch (DeferProcessing e) {
            if (e.javacReports()) {
              throw e;
            }
            return null; // JDK-8347989: unknown, so not treated as an @Async call
          }
          return local == null ? null : calls.find(local, name, arity, argType);
        }
        Element field = names.findMember(r, ElementKind.FIELD);
        if (field != null) {
          return calls.find(field.asType(), name, arity, argType);
        }
        TypeElement type = names.type(r, path);
        if (type != null) {
          AsyncCalls.Target t = calls.find(type, name, arity, argType);
          return t != null && t.isStatic() ? t : null;
        }
        return null;
      }
      if (names.typeOrPackage(recv, path) instanceof TypeElement type) {
        // A qualified type name (Outer.Inner.m(), pkg.Type.m()): a static call.
        AsyncCalls.Target t = calls.find(type, name, arity, argType);
        return t != null && t.isStatic() ? t : null;
      }
      // A complex receiver (getX().page(), this.f.page(), a[i].page()): its static type.
      TypeMirror rt;
      try {
        rt = staticType(recv, path);
      } catch (DeferProcessing e) {
        if (e.javacReports()) {
          throw e;
        }
        return null;
      }
      return rt == null ? null : calls.find(rt, name, arity, argType);
    }
    return null;
  }

  /**
   * The type of an initializer that calls a companion not generated yet, typed from the
   * companion's signatures: {@code FooAsync.m(…)} is a {@code Coroutine} of {@code m}'s result,
   * and a call of a static method with one overload of that arity takes its type arguments from
   * its arguments' types ({@link NameResolver#infer}); null when it is not such a call.
   */
  private TypeMirror initializerType(ExpressionTree e, TreePath path) {
    if (!(e instanceof MethodInvocationTree mi)) {
      return e instanceof ParenthesizedTree p ? initializerType(p.getExpression(), path) : null;
    }
    int arity = mi.getArguments().size();
    ExpressionTree sel = mi.getMethodSelect();
    String name = sel instanceof MemberSelectTree ms ? ms.getIdentifier().toString()
        : ((IdentifierTree) sel).getName().toString();
    TypeElement on = null;
    if (sel instanceof MemberSelectTree ms && ms.getExpression() instanceof IdentifierTree q) {
      TypeMirror coroutine = names.pendingCompanionCall(q.getName().toString(), name, arity);
      if (coroutine != null) {
        return coroutine;
      }
    }
    if (sel instanceof MemberSelectTree ms && names.typeOrPackage(ms.getExpression(), path) instanceof TypeElement t) {
      on = t;
    } else if (sel instanceof IdentifierTree) {
      on = names.staticImportedMethodOwner(name);
    }
    if (on == null) {
      return null;
    }
    List<TypeMirror> args = new ArrayList<>();
    for (ExpressionTree a : mi.getArguments()) {
      TypeMirror t = initializerType(a, path);
      args.add(t != null ? t : argumentType(a, path));
    }
    return names.infer(on, name, args);
  }

  /** The static type of argument {@code e} when the declarations tell it, else null. */
  private TypeMirror argumentType(ExpressionTree e, TreePath path) {
    if (isAwaitCall(e)) {
      return null;
    }
    try {
      return typeOf(e, path);
    } catch (DeferProcessing d) {
      return null;
    }
  }

  /**
   * The static type of {@code e} as far as declarations tell it without attributing the body:
   * names, fields, array elements and calls of methods unambiguous by name and arity; null when
   * unknown.
   */
  private TypeMirror staticType(ExpressionTree e, TreePath path) {
    TypeMirror t = typeOf(e, path);
    return t == null ? null : concrete(t);
  }

  /** Like {@link #staticType}, but also primitive types and type variables. */
  private TypeMirror typeOf(ExpressionTree e, TreePath path) {
    javax.lang.model.util.Types types = calls.types();
    if (e instanceof LiteralTree l) {
      return switch (l.getKind()) {
        case INT_LITERAL -> types.getPrimitiveType(TypeKind.INT);
        case LONG_LITERAL -> types.getPrimitiveType(TypeKind.LONG);
        case FLOAT_LITERAL -> types.getPrimitiveType(TypeKind.FLOAT);
        case DOUBLE_LITERAL -> types.getPrimitiveType(TypeKind.DOUBLE);
        case BOOLEAN_LITERAL -> types.getPrimitiveType(TypeKind.BOOLEAN);
        case CHAR_LITERAL -> types.getPrimitiveType(TypeKind.CHAR);
        case STRING_LITERAL -> elements.getTypeElement("java.lang.String").asType();
        case NULL_LITERAL -> types.getNullType();
        default -> null;
      };
    }
    if (e instanceof ParenthesizedTree p) {
      return typeOf(p.getExpression(), path);
    }
    if (e instanceof TypeCastTree c) {
      return names.typeFromTree(c.getType(), path);
    }
    if (e instanceof NewClassTree n) {
      // An anonymous class's type is a subtype of the named one, which has the methods it calls.
      return names.typeFromTree(n.getIdentifier(), path);
    }
    if (e instanceof ArrayAccessTree a) {
      TypeMirror t = typeOf(a.getExpression(), path);
      return t instanceof javax.lang.model.type.ArrayType at ? at.getComponentType() : null;
    }
    if (e instanceof IdentifierTree id) {
      String r = id.getName().toString();
      if (r.equals("this")) {
        return owner.asType();
      }
      Scopes.Binding b = scopes.lookup(r);
      if (b != null && b.variable() != null && b.variable().localClass() == null) {
        TypeMirror prim = names.primitiveNamed(b.variable().typeText());
        if (prim != null) {
          return prim;
        }
      }
      for (VariableElement p : method.getParameters()) {
        if (p.getSimpleName().contentEquals(r)) {
          return p.asType();
        }
      }
      VariableTree decl = names.local(path, r);
      if (decl != null) {
        return isVar(decl) ? names.localType(path, r) : names.typeFromTree(decl.getType(), path);
      }
      Element field = names.findMember(r, ElementKind.FIELD);
      return field == null ? null : field.asType();
    }
    if (e instanceof MemberSelectTree ms) {
      TypeMirror q = staticType(ms.getExpression(), path);
      if (!(q instanceof javax.lang.model.type.DeclaredType dt)) {
        return null;
      }
      for (Element m : calls.members((TypeElement) dt.asElement())) {
        if (m.getKind() == ElementKind.FIELD && m.getSimpleName().contentEquals(ms.getIdentifier())) {
          return types.asMemberOf(dt, m);
        }
      }
      return null;
    }
    if (e instanceof MethodInvocationTree mi) {
      ExpressionTree sel = mi.getMethodSelect();
      int arity = mi.getArguments().size();
      if (sel instanceof IdentifierTree id) {
        for (TypeElement t = owner; t != null; t = names.enclosingType(t)) {
          ExecutableElement m = names.uniqueMethod(t, id.getName().toString(), arity);
          if (m != null && !m.getTypeParameters().isEmpty() && m.getModifiers().contains(Modifier.STATIC)) {
            // A generic method (<T> T id(T t)): its type variables bound by the arguments' types.
            List<TypeMirror> args = new ArrayList<>();
            for (ExpressionTree a : mi.getArguments()) {
              args.add(argumentType(a, path));
            }
            return names.infer(t, id.getName().toString(), args);
          }
          if (m != null) {
            return m.getReturnType();
          }
          if (names.hasMethodNamed(t, id.getName().toString())) {
            return null;
          }
        }
        return null;
      }
      if (sel instanceof MemberSelectTree ms) {
        TypeMirror q = staticType(ms.getExpression(), path);
        if (q == null && ms.getExpression() instanceof IdentifierTree tn) {
          TypeElement te = names.type(tn.getName().toString(), path);
          q = te == null ? null : te.asType();
        }
        if (!(q instanceof javax.lang.model.type.DeclaredType dt)) {
          return null;
        }
        ExecutableElement m = names.uniqueMethod((TypeElement) dt.asElement(), ms.getIdentifier().toString(), arity);
        if (m == null || !m.getTypeParameters().isEmpty()) {
          return null;
        }
        return ((javax.lang.model.type.ExecutableType) types.asMemberOf(dt, m)).getReturnType();
      }
    }
    return null;
  }

  /** {@code t}, a type variable as its bound; null when it is not a class or array type. */
  private static TypeMirror concrete(TypeMirror t) {
    if (t instanceof javax.lang.model.type.TypeVariable tv) {
      t = tv.getUpperBound();
    }
    return t.getKind() == TypeKind.DECLARED || t.getKind() == TypeKind.ARRAY ? t : null;
  }

  /** Whether {@code e} has a primitive type, as far as the reader can tell without attribution. */
  private boolean isPrimitive(ExpressionTree e) {
    switch (e.getKind()) {
      case INT_LITERAL, LONG_LITERAL, FLOAT_LITERAL, DOUBLE_LITERAL, CHAR_LITERAL, BOOLEAN_LITERAL,
          LESS_THAN, GREATER_THAN, LESS_THAN_EQUAL, GREATER_THAN_EQUAL, EQUAL_TO, NOT_EQUAL_TO,
          CONDITIONAL_AND, CONDITIONAL_OR, LOGICAL_COMPLEMENT, INSTANCE_OF, MINUS, MULTIPLY, DIVIDE,
          REMAINDER, LEFT_SHIFT, RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT, AND, OR, XOR, UNARY_MINUS,
          UNARY_PLUS, BITWISE_COMPLEMENT -> {
        return true;
      }
      case PLUS -> {
        BinaryTree b = (BinaryTree) e;
        return isPrimitive(b.getLeftOperand()) && isPrimitive(b.getRightOperand());
      }
      case PARENTHESIZED -> {
        return isPrimitive(((ParenthesizedTree) e).getExpression());
      }
      case TYPE_CAST -> {
        return ((TypeCastTree) e).getType() instanceof PrimitiveTypeTree;
      }
      case CONDITIONAL_EXPRESSION -> {
        ConditionalExpressionTree c = (ConditionalExpressionTree) e;
        return isPrimitive(c.getTrueExpression()) && isPrimitive(c.getFalseExpression());
      }
      case ASSIGNMENT -> {
        return isPrimitive(((AssignmentTree) e).getVariable());
      }
      case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> {
        return isPrimitive(((UnaryTree) e).getExpression());
      }
      default -> {
        if (e instanceof CompoundAssignmentTree ca) {
          return isPrimitive(ca.getVariable());
        }
        if (isAwaitCall(e)) {
          return false;
        }
        try {
          TypeMirror t = typeOf(e, pathTo(e));
          return t != null && t.getKind().isPrimitive();
        } catch (DeferProcessing d) {
          if (d.javacReports()) {
            throw d;
          }
          return false;
        }
      }
    }
  }

  // ---------------------------------------------------------------- statements

  private Stmt stmt(StatementTree t) {
    if (!exploded.contains(t)) {
      return nativeStmt(t);
    }
    assignedInStatement.clear();
    collectAssigned(t);
    switch (t.getKind()) {
      case BLOCK -> {
        scopes.push();
        List<Stmt> out = new ArrayList<>();
        List<? extends StatementTree> list = ((BlockTree) t).getStatements();
        for (int i = 0; i < list.size(); i++) {
          StatementTree s = list.get(i);
          if (s instanceof VariableTree v) {
            out.add(localDecl(v, i + 1 < list.size() ? list.get(i + 1) : null));
          } else {
            if (s instanceof IfTree it && bindsAfter(it)) {
              // Its bindings outlive it (JLS 6.3.2.2), here across an await: lower it, so that
              // they become fields in scope for the rest of the block.
              exploded.add(s);
            }
            out.add(stmt(s));
          }
        }
        scopes.pop();
        return new Stmt.Block(out);
      }
      case EXPRESSION_STATEMENT -> {
        return new Stmt.ExprStmt(expr(((ExpressionStatementTree) t).getExpression()));
      }
      case IF -> {
        IfTree it = (IfTree) t;
        scopes.push();
        Expr c = expr(it.getCondition());
        Map<String, Scopes.Binding> bound = scopes.popBindings();
        Stmt then = withBindings(bound, it.getCondition(), true, it.getThenStatement());
        Stmt otherwise = it.getElseStatement() == null
            ? null
            : withBindings(bound, it.getCondition(), false, it.getElseStatement());
        // After the if, a binding is in scope only where JLS 6.3.2.2 puts it: the condition's
        // when-false bindings when the then-branch cannot complete normally (and vice versa).
        boolean thenCompletes = NameResolver.completesNormally(it.getThenStatement());
        boolean elseCompletes =
            it.getElseStatement() == null || NameResolver.completesNormally(it.getElseStatement());
        if (thenCompletes != elseCompletes) {
          bindAll(bound, it.getCondition(), thenCompletes);
        }
        return new Stmt.If(c, then, otherwise);
      }
      case WHILE_LOOP -> {
        WhileLoopTree w = (WhileLoopTree) t;
        int id = register(t);
        return new Stmt.While(id, expr(w.getCondition()), scoped(w.getStatement()));
      }
      case DO_WHILE_LOOP -> {
        DoWhileLoopTree d = (DoWhileLoopTree) t;
        int id = register(t);
        Stmt body = scoped(d.getStatement());
        return new Stmt.DoWhile(id, body, expr(d.getCondition()));
      }
      case FOR_LOOP -> {
        ForLoopTree f = (ForLoopTree) t;
        int id = register(t);
        scopes.push();
        List<Stmt> init = new ArrayList<>();
        for (StatementTree s : f.getInitializer()) {
          // An init expression's tree has no semicolon of its own (they are comma-separated).
          init.add(s instanceof VariableTree v ? localDecl(v, f.getStatement())
              : new Stmt.ExprStmt(expr(((ExpressionStatementTree) s).getExpression())));
        }
        Expr cond = f.getCondition() == null ? null : expr(f.getCondition());
        List<Stmt> update = new ArrayList<>();
        for (ExpressionStatementTree s : f.getUpdate()) {
          update.add(new Stmt.ExprStmt(expr(s.getExpression())));
        }
        Stmt body = scoped(f.getStatement());
        scopes.pop();
        return new Stmt.For(id, init, cond, update, body);
      }
      case ENHANCED_FOR_LOOP -> {
        EnhancedForLoopTree f = (EnhancedForLoopTree) t;
        if (asyncForms.contains(t)) {
          return asyncFor(f);
        }
        int id = register(t);
        Expr iterable = expr(f.getExpression());
        scopes.push();
        LocalVar v = hoist(f.getVariable(), f.getStatement());
        Stmt body = scoped(f.getStatement());
        scopes.pop();
        return new Stmt.ForEach(id, v, iterable, body);
      }
      case LABELED_STATEMENT -> {
        LabeledStatementTree l = (LabeledStatementTree) t;
        StatementTree body = l.getStatement();
        if (isLoop(body)) {
          return stmt(body);
        }
        int id = register(t);
        return new Stmt.Labeled(id, stmt(body));
      }
      case SWITCH -> {
        SwitchTree s = (SwitchTree) t;
        int id = register(t);
        Expr sel = expr(s.getExpression());
        scopes.push();
        List<Stmt.SwitchCase> cases = new ArrayList<>();
        for (CaseTree c : s.getCases()) {
          cases.add(switchCase(c, -1));
        }
        scopes.pop();
        return new Stmt.Switch(id, sel, cases);
      }
      case RETURN -> {
        ExpressionTree e = ((ReturnTree) t).getExpression();
        if (e == null) {
          return new Stmt.Return(null);
        }
        String cast = returnCast();
        Expr value = expr(e);
        return new Stmt.Return(cast == null ? value
            : composite(List.of(cast + "(", ")"), List.of(value), cast + "(" + value.witness() + ")"));
      }
      case THROW -> {
        return new Stmt.Throw(expr(((ThrowTree) t).getExpression()));
      }
      case YIELD -> {
        YieldTree y = (YieldTree) t;
        return new Stmt.Yield(targetOf(pathTo(t), JumpKind.YIELD, null), expr(y.getValue()));
      }
      case TRY -> {
        return tryStmt((TryTree) t);
      }
      case ASSERT -> {
        // Checked only when assertions are enabled for the user's class, as the assert would be.
        AssertTree a = (AssertTree) t;
        Expr detail = a.getDetail() == null ? null : expr(a.getDetail());
        Expr error = detail == null
            ? new Expr.Native(Code.of("new java.lang.AssertionError()"), "new java.lang.AssertionError()", false)
            : composite(List.of("new java.lang.AssertionError(", ")"), List.of(detail), "new java.lang.AssertionError()");
        Stmt check = new Stmt.If(
            composite(List.of("!", ""), List.of(expr(a.getCondition())), "false"),
            new Stmt.Throw(error), null);
        String status = names.typeRef(owner.getQualifiedName().toString()) + ".class.desiredAssertionStatus()";
        return new Stmt.If(new Expr.Native(Code.of(status), status, false), check, null);
      }
      default -> {
        diag.error(t, unit, Message.UNSUPPORTED,
            "an await inside a " + t.getKind().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + " statement",
            "move the await out of it into a local variable first");
        return new Stmt.Block(List.of());
      }
    }
  }

  /** Whether an if statement introduces a pattern binding for the statements after it. */
  private static boolean bindsAfter(IfTree it) {
    ExpressionTree cond = it.getCondition();
    if (NameResolver.completesNormally(it.getThenStatement()) == (it.getElseStatement() == null
            || NameResolver.completesNormally(it.getElseStatement()))) {
      return false;
    }
    boolean whenTrue = NameResolver.completesNormally(it.getThenStatement());
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitBindingPattern(BindingPatternTree node, Void unused) {
        found[0] |= NameResolver.binding(cond, whenTrue, node.getVariable().getName().toString()) != null;
        return null;
      }
    }.scan(cond, null);
    return found[0];
  }

  /** {@link #scoped} with the pattern bindings {@code cond} introduces when {@code whenTrue}. */
  private Stmt withBindings(
      Map<String, Scopes.Binding> bound, ExpressionTree cond, boolean whenTrue, StatementTree t) {
    scopes.push();
    try {
      bindAll(bound, cond, whenTrue);
      return scoped(t);
    } finally {
      scopes.pop();
    }
  }

  private void bindAll(Map<String, Scopes.Binding> bound, ExpressionTree cond, boolean whenTrue) {
    for (Map.Entry<String, Scopes.Binding> e : bound.entrySet()) {
      if (NameResolver.binding(cond, whenTrue, e.getKey()) != null) {
        scopes.bind(e.getKey(), e.getValue());
      }
    }
  }

  private Stmt scoped(StatementTree t) {
    scopes.push();
    try {
      if (t instanceof VariableTree v && exploded.contains(t)) {
        return localDecl(v, null);
      }
      return stmt(t);
    } finally {
      scopes.pop();
    }
  }

  private static boolean isLoop(Tree t) {
    return t instanceof WhileLoopTree
        || t instanceof DoWhileLoopTree
        || t instanceof ForLoopTree
        || t instanceof EnhancedForLoopTree;
  }

  private int register(Tree t) {
    int id = nextId++;
    targetIds.put(t, id);
    return id;
  }

  /** Whether case label {@code e} names an enum constant (not a local constant in scope). */
  private boolean enumLabel(ExpressionTree e) {
    return names.enumCaseLabel(e) && scopes.lookup(((IdentifierTree) e).getName().toString()) == null;
  }

  private Stmt.SwitchCase switchCase(CaseTree c, int switchExprId) {
    List<? extends Tree> jdk21 = PatternTrees.labels(c);
    if (jdk21 != null) {
      // A case's pattern bindings are in scope in its guard and body only.
      scopes.push();
      try {
        return switchCase(c, switchExprId, jdk21);
      } finally {
        scopes.pop();
      }
    }
    List<String> labels = new ArrayList<>();
    for (ExpressionTree e : c.getExpressions()) {
      labels.add(enumLabel(e) ? e.toString() : text(e));
    }
    return switchCase(c, switchExprId, labels, null, null);
  }

  /**
   * A case of a JDK 21 switch: constant, {@code null} and {@code default} labels as written, a
   * pattern with its bindings renamed to fresh names that the case copies into the bindings'
   * fields ({@code case Circle c1 -> { c = c1; … }}), and its guard read as an expression that
   * sees those fields.
   */
  private Stmt.SwitchCase switchCase(CaseTree c, int switchExprId, List<? extends Tree> jdk21) {
    List<String> labels = new ArrayList<>();
    StringBuilder bind = null;
    Tree scope = c.getCaseKind() == CaseTree.CaseKind.RULE ? c.getBody()
        : c.getStatements().isEmpty() ? null : c.getStatements().get(0);
    for (Tree l : jdk21) {
      if (PatternTrees.is(l, "DEFAULT_CASE_LABEL")) {
        labels.add("default");
      } else if (PatternTrees.is(l, "CONSTANT_CASE_LABEL")) {
        // An enum constant stays the unqualified name javac requires (JLS 14.11.1), as in the
        // JDK 17 path below, also when a static import names it.
        ExpressionTree k = PatternTrees.constant(l);
        labels.add(enumLabel(k) ? k.toString() : text(k));
      } else {
        bind = bind == null ? new StringBuilder() : bind;
        labels.add(patternText(PatternTrees.pattern(l), bind, scope));
      }
    }
    if (labels.equals(List.of("default"))) {
      labels.clear();
    }
    ExpressionTree g = PatternTrees.guard(c);
    Expr guard = g == null ? null : expr(g);
    return switchCase(c, switchExprId, labels, bind == null ? null : bind.toString().trim(), guard);
  }

  /**
   * {@code pattern} as source text with each binding renamed to a fresh name, hoisting each
   * binding to a field and appending its copy ({@code x = x1; }) to {@code bind}; {@code scope} is
   * a tree where the bindings are in scope (for the type of a {@code var} binding), or null.
   */
  private String patternText(Tree pattern, StringBuilder bind, Tree scope) {
    return patternText(pattern, bind, scope, new ArrayList<>());
  }

  /** {@link #patternText(Tree, StringBuilder, Tree)}, adding the bindings' fields to {@code out}. */
  private String patternText(Tree pattern, StringBuilder bind, Tree scope, List<LocalVar> out) {
    return patternText(pattern, bind, scope, out, null);
  }

  /**
   * {@link #patternText(Tree, StringBuilder, Tree, List)}; {@code component} is the type of the
   * record component the pattern matches, when known (the type of a {@code var} binding there).
   */
  private String patternText(
      Tree pattern, StringBuilder bind, Tree scope, List<LocalVar> out, TypeMirror component) {
    if (pattern instanceof BindingPatternTree bp) {
      VariableTree v = bp.getVariable();
      String name = v.getName().toString();
      if (name.equals("_")) {
        return text(v);
      }
      String fresh = freshLocalName(name);
      String type = !isVar(v) ? innerQualified(declaredType(v))
          : component != null ? typeText(component) : bindingType(name, scope);
      LocalVar lv = newLocal(name, type);
      out.add(lv);
      bind.append(lv.fieldName()).append(" = ").append(fresh).append("; ");
      return (isVar(v) ? "var" : type) + " " + fresh;
    }
    if (PatternTrees.is(pattern, "DECONSTRUCTION_PATTERN")) {
      List<String> parts = new ArrayList<>();
      List<? extends Tree> nested = PatternTrees.nested(pattern);
      List<TypeMirror> components = componentTypes(PatternTrees.deconstructor(pattern), pattern);
      for (int i = 0; i < nested.size(); i++) {
        TypeMirror c = components != null && i < components.size() ? components.get(i) : null;
        parts.add(patternText(nested.get(i), bind, scope, out, c));
      }
      return text(PatternTrees.deconstructor(pattern)) + "(" + String.join(", ", parts) + ")";
    }
    return text(pattern);
  }

  /**
   * {@code x instanceof Point(int a, int b)} whose bindings are hoisted (read after an await), as
   * the text before and after the operand: {@code switch (x) { case Point(int a1, int b1) -> { a =
   * a1; b = b1; yield true; } case null, default -> false; }}, the same match (null included),
   * which can assign fields; {@code bound} receives the bindings' fields.
   */
  private String[] recordInstanceOf(InstanceOfTree node, List<LocalVar> bound) {
    Tree scope = null;
    TreePath p = pathTo(node).getParentPath();
    while (p != null && (p.getLeaf() instanceof ParenthesizedTree
        || p.getLeaf().getKind() == Tree.Kind.CONDITIONAL_AND)) {
      p = p.getParentPath();
    }
    if (p != null && p.getLeaf() instanceof IfTree it) {
      scope = it.getThenStatement();
    }
    StringBuilder bind = new StringBuilder();
    String pattern = patternText(node.getPattern(), bind, scope, bound);
    return new String[] {
      "switch (", ") { case " + pattern + " -> { " + bind + "yield true; } case null, default -> false; }"
    };
  }

  /**
   * The component types of the record a record pattern names, when they can be written as they
   * are (a record without type parameters), else null.
   */
  private List<TypeMirror> componentTypes(ExpressionTree deconstructor, Tree pattern) {
    TypeMirror t = names.typeFromTree(deconstructor, pathTo(pattern));
    if (!(t instanceof javax.lang.model.type.DeclaredType dt)
        || !(dt.asElement() instanceof TypeElement te)
        || !te.getTypeParameters().isEmpty()
        || te.getKind() != ElementKind.RECORD) {
      return null;
    }
    List<TypeMirror> out = new ArrayList<>();
    for (javax.lang.model.element.RecordComponentElement c : te.getRecordComponents()) {
      if (!denotable(c.asType())) {
        return null;
      }
      out.add(c.asType());
    }
    return out;
  }

  /** The type of the {@code var} binding {@code name}, where it is in scope at {@code scope}. */
  private String bindingType(String name, Tree scope) {
    if (scope == null) {
      return "java.lang.Object"; // no statement reads it
    }
    TreePath at = pathTo(scope);
    try {
      for (Element e : trees.getScope(at).getLocalElements()) {
        if (e.getSimpleName().contentEquals(name) && e.getKind().name().equals("BINDING_VARIABLE")) {
          TypeMirror tm = e.asType();
          if (tm.getKind() == TypeKind.ERROR || !denotable(tm)) {
            throw new DeferProcessing("var " + name, tm.getKind() == TypeKind.ERROR);
          }
          return typeText(tm);
        }
      }
    } catch (RuntimeException e) {
      if (e instanceof DeferProcessing d) {
        throw d;
      }
      throw new DeferProcessing("the pattern binding " + name + " at line " + line(scope) + " (" + e + ")", false);
    }
    throw new DeferProcessing("var " + name, false);
  }

  private Stmt.SwitchCase switchCase(
      CaseTree c, int switchExprId, List<String> labels, String bind, Expr guard) {
    boolean arrow = c.getCaseKind() == CaseTree.CaseKind.RULE;
    if (arrow) {
      Tree body = c.getBody();
      Stmt s;
      if (body instanceof ExpressionTree e) {
        s = switchExprId >= 0
            ? new Stmt.Yield(switchExprId, expr(e))
            : new Stmt.ExprStmt(expr(e));
      } else {
        s = scoped((StatementTree) body);
      }
      return new Stmt.SwitchCase(labels, true, s, bind, guard);
    }
    List<Stmt> out = new ArrayList<>();
    List<? extends StatementTree> list = c.getStatements();
    for (int i = 0; i < list.size(); i++) {
      StatementTree s = list.get(i);
      out.add(s instanceof VariableTree v
          ? localDecl(v, i + 1 < list.size() ? list.get(i + 1) : null)
          : stmt(s));
    }
    return new Stmt.SwitchCase(labels, false, new Stmt.Block(out), bind, guard);
  }

  private Stmt tryStmt(TryTree t) {
    int line = line(t);
    scopes.push();
    List<Stmt> prefix = new ArrayList<>();
    List<LocalVar> resources = new ArrayList<>();
    for (Tree r : t.getResources()) {
      if (r instanceof VariableTree v) {
        LocalVar lv = hoist(v, t.getBlock());
        resources.add(lv);
        prefix.add(new Stmt.LocalDecl(lv, v.getInitializer() == null ? null : expr(v.getInitializer())));
      } else {
        LocalVar lv = freshTemp("resource",
            asyncForms.contains(r) ? AsyncForms.ASYNC_CLOSEABLE : "java.lang.AutoCloseable");
        resources.add(lv);
        prefix.add(new Stmt.LocalDecl(lv, expr((ExpressionTree) r)));
      }
    }
    Stmt body = stmt(t.getBlock());
    // JLS 14.20.3.1: each resource is closed, in reverse order, before catch/finally run.
    for (int i = resources.size() - 1; i >= 0; i--) {
      body = asyncForms.contains(t.getResources().get(i))
          ? AsyncForms.resource(prefix.get(i), resourceRead(resources.get(i)), true,
              freshTemp("primary", "java.lang.Throwable"), freshTemp("thrown", "java.lang.Throwable"),
              body, line(t.getResources().get(i)))
          : withResource(prefix.get(i), resources.get(i), body);
    }
    scopes.pop();
    List<Stmt.Catch> catches = new ArrayList<>();
    for (CatchTree c : t.getCatches()) {
      scopes.push();
      VariableTree p = c.getParameter();
      List<String> types = new ArrayList<>();
      String fieldType;
      if (p.getType() instanceof UnionTypeTree u) {
        for (Tree alt : u.getTypeAlternatives()) {
          types.add(text(alt));
        }
        fieldType = "java.lang.Throwable";
        StatementTree first = c.getBlock().getStatements().isEmpty() ? null : c.getBlock().getStatements().get(0);
        if (first != null) {
          TypeMirror tm = names.localType(pathTo(first), p.getName().toString());
          if (tm != null && tm.getKind() == TypeKind.UNION) {
            fieldType = lub((javax.lang.model.type.UnionType) tm);
          }
        }
      } else {
        types.add(text(p.getType()));
        fieldType = text(p.getType());
      }
      LocalVar lv = newLocal(p.getName().toString(), fieldType);
      Stmt body2 = stmt(c.getBlock());
      scopes.pop();
      catches.add(new Stmt.Catch(lv, types, body2));
    }
    Stmt fin = t.getFinallyBlock() == null ? null : stmt(t.getFinallyBlock());
    if (catches.isEmpty() && fin == null) {
      return body;
    }
    return new Stmt.Try(body, catches, fin, line);
  }

  // ---------------------------------------------------------------- async with / async for

  /** {@code for (T x : source)} over an AsyncIterable: see {@link AsyncForms#forEach}. */
  private Stmt asyncFor(EnhancedForLoopTree f) {
    int id = register(f);
    Expr source = expr(f.getExpression());
    LocalVar iterator = freshTemp(f.getVariable().getName() + "Iterator", "io.asyncio4j.AsyncIterator<?>");
    scopes.push();
    LocalVar v = hoist(f.getVariable(), f.getStatement());
    Stmt body = scoped(f.getStatement());
    scopes.pop();
    return AsyncForms.forEach(id, source, iterator, v,
        freshTemp("primary", "java.lang.Throwable"), freshTemp("thrown", "java.lang.Throwable"),
        body, line(f));
  }

  /** A hoisted resource's read in step(): a local class's field is an Object, cast back. */
  private static String resourceRead(LocalVar r) {
    return r.localClass() == null ? r.fieldName() : "((" + r.localClass() + ") " + r.fieldName() + ")";
  }

  /** The declared or inferred type of a try's resource, or null when the reader cannot tell. */
  private TypeMirror asyncResourceType(Tree r, TryTree t) {
    try {
      if (r instanceof VariableTree v) {
        if (!isVar(v)) {
          TypeMirror declared = names.typeFromTree(v.getType(), pathTo(t));
          return declared != null ? declared : nestedType(v.getType(), pathTo(t));
        }
        return names.localType(pathTo(t.getBlock()), v.getName().toString());
      }
      return typeOf((ExpressionTree) r, pathTo(t));
    } catch (DeferProcessing e) {
      if (e.javacReports()) {
        throw e;
      }
      return null;
    }
  }

  /** A member type written as {@code Outer.Nested} (say {@code Lock.Held}), or null. */
  private TypeMirror nestedType(Tree type, TreePath at) {
    if (type instanceof ParameterizedTypeTree p) {
      type = p.getType();
    }
    if (!(type instanceof MemberSelectTree ms)) {
      return null;
    }
    TypeMirror outer = ms.getExpression() instanceof IdentifierTree id
        ? names.typeFromTree(id, at)
        : nestedType(ms.getExpression(), at);
    if (!(outer instanceof javax.lang.model.type.DeclaredType dt)) {
      return null;
    }
    for (Element e : dt.asElement().getEnclosedElements()) {
      if (e instanceof TypeElement te && te.getSimpleName().contentEquals(ms.getIdentifier())) {
        return te.asType();
      }
    }
    return null;
  }

  /**
   * The type of a for loop's expression, or null when the reader cannot tell; besides what {@link
   * #typeOf} knows, a call of a statically imported method ({@code asCompletedFutures(…)}) whose
   * overloads of that arity agree on the erased return type.
   */
  private TypeMirror iterableType(ExpressionTree e, TreePath path) {
    try {
      TypeMirror t = typeOf(e, path);
      if (t != null) {
        return t;
      }
    } catch (DeferProcessing d) {
      if (d.javacReports()) {
        throw d;
      }
      return null;
    }
    if (!(e instanceof MethodInvocationTree mi) || !(mi.getMethodSelect() instanceof IdentifierTree id)) {
      return null;
    }
    String name = id.getName().toString();
    for (TypeElement t = owner; t != null; t = t.getEnclosingElement() instanceof TypeElement x ? x : null) {
      if (names.hasMethodNamed(t, name)) {
        return null;
      }
    }
    javax.lang.model.util.Types types = calls.types();
    TypeMirror found = null;
    for (AsyncCalls.Import imp : calls.unit(unit).imports()) {
      if (!imp.isStatic() || imp.owner() == null || !(imp.member().equals(name) || imp.member().equals("*"))) {
        continue;
      }
      TypeElement te = calls.typeElement(imp.owner());
      if (te == null) {
        continue;
      }
      for (Element m : te.getEnclosedElements()) {
        if (m instanceof ExecutableElement ex && m.getSimpleName().contentEquals(name)
            && m.getModifiers().contains(Modifier.STATIC)
            && (ex.getParameters().size() == mi.getArguments().size() || ex.isVarArgs())) {
          TypeMirror r = types.erasure(ex.getReturnType());
          if (found != null && !types.isSameType(found, r)) {
            return null;
          }
          found = r;
        }
      }
    }
    return found;
  }

  /** Whether {@code t} is a subtype of the runtime type {@code qualified}. */
  private boolean isAsyncForm(TypeMirror t, String qualified) {
    if (t == null || t.getKind() != TypeKind.DECLARED) {
      return false;
    }
    TypeElement form = calls.typeElement(qualified);
    javax.lang.model.util.Types types = calls.types();
    return form != null && types.isSubtype(types.erasure(t), types.erasure(form.asType()));
  }

  private String lub(javax.lang.model.type.UnionType u) {
    javax.lang.model.util.Types types = calls.types();
    List<? extends TypeMirror> alts = u.getAlternatives();
    TypeMirror candidate = alts.get(0);
    while (candidate != null && candidate.getKind() == TypeKind.DECLARED) {
      boolean all = true;
      for (TypeMirror a : alts) {
        all &= types.isSubtype(types.erasure(a), types.erasure(candidate));
      }
      if (all) {
        return ((TypeElement) types.asElement(candidate)).getQualifiedName().toString();
      }
      candidate = ((TypeElement) types.asElement(candidate)).getSuperclass();
    }
    return "java.lang.Throwable";
  }

  /**
   * {@code try (R r = init) body} as JLS 14.20.3.1 spells it: the resource closes after the body,
   * skipped when null, and a close failure is added to the primary exception as suppressed.
   */
  private Stmt withResource(Stmt decl, LocalVar r, Stmt body) {
    LocalVar primary = freshTemp("primary", "java.lang.Throwable");
    // A resource of a local class is an Object field; step() declares the class, so it can cast.
    String rn = r.localClass() == null ? r.fieldName() : "((" + r.localClass() + ") " + r.fieldName() + ")";
    String pn = primary.fieldName();
    LocalVar thrown = freshTemp("thrown", "java.lang.Throwable");
    String tn = thrown.fieldName();
    String x = freshLocalName("closeFailure");
    Stmt.Catch onThrow =
        new Stmt.Catch(
            thrown,
            List.of("java.lang.Throwable"),
            nat(pn + " = " + tn + "; throw " + tn + ";", Completion.NO));
    Stmt close =
        nat(
            "if ("
                + rn
                + " != null) { if ("
                + pn
                + " != null) { try { "
                + rn
                + ".close(); } catch (java.lang.Throwable "
                + x
                + ") { "
                + pn
                + ".addSuppressed("
                + x
                + "); } } else { "
                + rn
                + ".close(); } }",
            Completion.YES);
    return new Stmt.Block(
        List.of(
            decl,
            new Stmt.LocalDecl(primary, new Expr.Native(Code.of("null"), "null", true)),
            new Stmt.Try(body, List.of(onThrow), close, -1)));
  }

  private static Stmt nat(String text, Completion c) {
    return new Stmt.NativeStmt(Code.of(text), c);
  }

  private Set<String> bodyNames = Set.of();

  /** Every name the body uses; step()'s own locals must not shadow or clash with them. */
  void avoidForLocals(Set<String> names) {
    bodyNames = names;
    this.names.bodyNames(names);
  }

  private String freshLocalName(String base) {
    String n = base;
    for (int i = 2; taken.contains(n) || bodyNames.contains(n); i++) {
      n = base + i;
    }
    taken.add(n);
    return n;
  }

  private LocalVar freshTemp(String base, String type) {
    LocalVar v = new LocalVar(freshName(base), base, type);
    locals.add(v);
    return v;
  }

  private String freshName(String base) {
    String n = base;
    for (int i = 2; taken.contains(n); i++) {
      n = base + i;
    }
    taken.add(n);
    return n;
  }

  private LocalVar newLocal(String name, String type) {
    return newLocal(name, type, null);
  }

  private LocalVar newLocal(String name, String type, String localClass) {
    LocalVar v = new LocalVar(freshName(name), name, type, localClass);
    locals.add(v);
    scopes.hoisted(name, v);
    return v;
  }

  /**
   * A {@code final} local of primitive or String type initialized with a constant expression is a
   * compile-time constant (it may be a case label): it is declared once at the top of step(),
   * where it has the same value, instead of becoming a field (COMPILER-NOTES pitfall 10).
   */
  private boolean isConstantLocal(VariableTree v) {
    if (!v.getModifiers().getFlags().contains(Modifier.FINAL) || isVar(v) || v.getInitializer() == null) {
      return false;
    }
    String type = v.getType().toString();
    if (!Set.of("int", "long", "short", "byte", "char", "boolean", "double", "float", "String",
        "java.lang.String").contains(type)) {
      return false;
    }
    boolean[] constant = {true};
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree t, Void unused) {
        if (t != null && !(t instanceof LiteralTree || t instanceof BinaryTree
            || t instanceof UnaryTree || t instanceof ParenthesizedTree
            || t instanceof ConditionalExpressionTree || t instanceof IdentifierTree
            || t instanceof TypeCastTree || t instanceof PrimitiveTypeTree)) {
          constant[0] = false;
        }
        if (t instanceof IdentifierTree id) {
          Scopes.Binding b = scopes.lookup(id.getName().toString());
          if (b == null || b.variable() == null || !constantNames.contains(b.variable().fieldName())) {
            Element f = b == null ? names.findMember(id.getName().toString(), ElementKind.FIELD) : null;
            if (f == null || ((VariableElement) f).getConstantValue() == null) {
              constant[0] = false;
            }
          }
        }
        return super.scan(t, unused);
      }
    }.scan(v.getInitializer(), null);
    return constant[0];
  }

  private final Set<String> constantNames = new HashSet<>();

  private final Set<String> javaLocalNames = new HashSet<>();

  /**
   * A local that no await separates from its reads stays a Java local of step(). The lowered
   * levels share one switch block, so a second local of the same name is renamed.
   */
  private Stmt javaLocal(VariableTree v) {
    String name = v.getName().toString();
    String renamed = javaLocalNames.add(name) && !taken.contains(name) ? name : freshLocalName(name);
    String type = (v.getModifiers().getFlags().contains(Modifier.FINAL) ? "final " : "")
        + (isVar(v) ? "var" : innerQualified(declaredType(v)));
    Code init = v.getInitializer() == null ? null : render(v.getInitializer(), true);
    if (v.getInitializer() instanceof NewArrayTree na && na.getType() == null && !isVar(v)) {
      init = new Code(prepend("new " + declaredType(v) + " ", init.parts()), init.captures(), init.line());
    }
    List<Code.Part> parts = new ArrayList<>();
    parts.add(new Code.Text(type + " " + renamed + (init == null ? ";" : " = ")));
    if (init != null) {
      parts.addAll(init.parts());
      parts.add(new Code.Text(";"));
    }
    if (renamed.equals(name)) {
      scopes.nativeLocal(name);
    } else {
      scopes.hoisted(name, new LocalVar(renamed, name, isVar(v) ? "var" : declaredType(v)));
    }
    return new Stmt.NativeStmt(
        new Code(parts, init == null ? List.of() : init.captures(), line(v)), Completion.YES);
  }

  private static List<Code.Part> prepend(String text, List<Code.Part> parts) {
    List<Code.Part> out = new ArrayList<>();
    out.add(new Code.Text(text));
    out.addAll(parts);
    return out;
  }

  /** A local declared at a lowered level: hoisted, its initializer an assignment. */
  private Stmt localDecl(VariableTree v, Tree next) {
    if (isConstantLocal(v)) {
      String name = v.getName().toString();
      String field = freshName(name);
      LocalVar lv = new LocalVar(field, name, declaredType(v));
      constantNames.add(field);
      Code init = render(v.getInitializer(), true);
      localTypeDecls.add(Code.of("final " + lv.typeText() + " " + field + " = " + init.plainText() + ";"));
      scopes.hoisted(name, lv);
      return new Stmt.Block(List.of());
    }
    boolean isVar = isVar(v);
    if (isVar && next == null) {
      // Nothing follows it in its block, so it is never read: keep only the initializer.
      return v.getInitializer() == null
          ? new Stmt.Block(List.of())
          : exploded.contains(v) ? new Stmt.ExprStmt(expr(v.getInitializer())) : nativeStmt(v);
    }
    if (isVar && !exploded.contains(v)) {
      TypeMirror tm = names.localType(pathTo(next), v.getName().toString());
      if (tm != null && !denotable(tm) && !livesAcrossAwait(v)) {
        scopes.nativeLocal(v.getName().toString());
        return nativeStmt(v);
      }
    }
    Tree parent = pathTo(v).getParentPath().getLeaf();
    if (!exploded.contains(v)
        && (parent instanceof BlockTree || parent instanceof CaseTree)
        && !livesAcrossAwait(v)
        && !capturedByHoistedClass(v)) {
      return javaLocal(v);
    }
    Expr init = v.getInitializer() == null ? null : expr(v.getInitializer());
    LocalVar lv = hoist(v, next);
    if (v.getInitializer() instanceof NewArrayTree na && na.getType() == null) {
      init = prefixed("new " + (lv.localClass() != null ? lv.localClass() : lv.typeText()) + " ", init);
    }
    return new Stmt.LocalDecl(lv, init);
  }

  /** {@code init} with {@code prefix} in front: {@code {1, 2}} as {@code new int[] {1, 2}}. */
  private static Expr prefixed(String prefix, Expr init) {
    if (init instanceof Expr.Native n) {
      List<Code.Part> parts = new ArrayList<>(n.code().parts());
      parts.add(0, new Code.Text(prefix));
      return new Expr.Native(
          new Code(parts, n.code().captures(), n.code().line()), prefix + n.witness(), false);
    }
    Expr.Composite c = (Expr.Composite) init;
    List<String> frags = new ArrayList<>(c.fragments());
    frags.set(0, prefix + frags.get(0));
    return new Expr.Composite(frags, c.holes(), prefix + c.witness());
  }

  /**
   * Whether local {@code v} may be read after an await that follows its declaration: a reference
   * after the await in source order, or in a loop that contains both.
   */
  private boolean livesAcrossAwait(VariableTree v) {
    TreePath declPath = pathTo(v);
    Tree scope = declPath.getParentPath().getLeaf();
    long declEnd = pos.getEndPosition(unit, v);
    String name = v.getName().toString();
    List<long[]> awaitsAfter = new ArrayList<>();
    List<Long> refs = new ArrayList<>();
    new com.sun.source.util.TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        long start = pos.getStartPosition(unit, node);
        if (start > declEnd && (isAwaitCall(node) || asyncCalls.containsKey(node))) {
          awaitsAfter.add(new long[] {start, loopStart(getCurrentPath())});
        }
        return super.visitMethodInvocation(node, unused);
      }

      @Override
      public Void visitTry(TryTree node, Void unused) {
        for (Tree r : node.getResources()) {
          if (asyncForms.contains(r) && pos.getStartPosition(unit, r) > declEnd) {
            // The awaited exit runs at the end of the block.
            awaitsAfter.add(new long[] {pos.getEndPosition(unit, node.getBlock()), loopStart(getCurrentPath())});
          }
        }
        return super.visitTry(node, unused);
      }

      @Override
      public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void unused) {
        if (asyncForms.contains(node) && pos.getStartPosition(unit, node) > declEnd) {
          // hasNext() is awaited at the head of every iteration, the exit at the end.
          awaitsAfter.add(new long[] {pos.getStartPosition(unit, node), pos.getStartPosition(unit, node)});
          awaitsAfter.add(new long[] {pos.getEndPosition(unit, node), loopStart(getCurrentPath())});
        }
        return super.visitEnhancedForLoop(node, unused);
      }

      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        long start = pos.getStartPosition(unit, node);
        if (start > declEnd && node.getName().contentEquals(name)) {
          // A read inside a statement that awaits may be evaluated after the await (unless
          // spilled): count the statement's end, not the name's position.
          TreePath p = getCurrentPath();
          while (p != null && !(p.getLeaf() instanceof StatementTree)) {
            p = p.getParentPath();
          }
          refs.add(p == null ? start : pos.getEndPosition(unit, p.getLeaf()));
          refs.add(loopStart(getCurrentPath()));
        }
        return null;
      }

      private long loopStart(TreePath p) {
        for (; p != null && p.getLeaf() != scope; p = p.getParentPath()) {
          if (isLoop(p.getLeaf())) {
            return pos.getStartPosition(unit, p.getLeaf());
          }
        }
        return -1;
      }
    }.scan(declPath.getParentPath(), null);
    for (long[] a : awaitsAfter) {
      for (int i = 0; i < refs.size(); i += 2) {
        if (refs.get(i) > a[0] || (a[1] >= 0 && a[1] == refs.get(i + 1))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The declared type of {@code v} as source text, C-style array declarators included: {@code
   * int d[]} and {@code int[] e[]} are {@code int[]} and {@code int[][]} (the type tree's source
   * range spans the name there, so it cannot be copied as is).
   */
  private String declaredType(VariableTree v) {
    return typeTreeText(v.getType());
  }

  private String typeTreeText(Tree type) {
    if (type instanceof ArrayTypeTree a) {
      return typeTreeText(a.getType()) + "[]";
    }
    return text(type);
  }

  private static boolean isVar(VariableTree v) {
    Tree type = v.getType();
    return type == null || (type instanceof IdentifierTree id && id.getName().contentEquals("var"));
  }

  private LocalVar hoist(VariableTree v, Tree scopeTree) {
    String name = v.getName().toString();
    String type;
    if (isVar(v)) {
      TypeMirror tm = scopeTree == null ? null : names.localType(pathTo(scopeTree), name);
      if (tm == null) {
        throw new DeferProcessing("var " + name, false);
      }
      if (tm.getKind() == TypeKind.ERROR || tm.toString().contains("<any>")) {
        // Its initializer may call a companion this round generates (var t =
        // createTask(FooAsync.m()) in Foo): javac cannot type it before the companion exists,
        // and the companion waits for this type; the companion's signatures tell it.
        TypeMirror known = v.getInitializer() == null ? null : initializerType(v.getInitializer(), pathTo(v));
        if (known == null) {
          throw new DeferProcessing("var " + name, true);
        }
        tm = known;
      }
      if (!denotable(tm)) {
        diag.error(v, unit, Message.NON_DENOTABLE_VAR, name, tm);
        type = "java.lang.Object";
      } else if (tm instanceof javax.lang.model.type.DeclaredType dt
          && ((TypeElement) dt.asElement()).getNestingKind() == javax.lang.model.element.NestingKind.LOCAL) {
        return newLocal(name, "java.lang.Object", dt.asElement().getSimpleName().toString());
      } else {
        type = typeText(tm);
      }
    } else {
      type = declaredType(v);
      if (mentionsLocalType(v.getType())) {
        // A field of the machine cannot name a class the body declares (List<Pair> too): it is
        // an Object, cast to the declared type where read.
        return newLocal(name, "java.lang.Object", type);
      }
      type = innerQualified(type);
    }
    return newLocal(name, type);
  }

  /** Whether type tree {@code t} names a class, record, enum or interface of the body. */
  private boolean mentionsLocalType(Tree t) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        found[0] |= localTypeNames().contains(node.getName().toString());
        return null;
      }
    }.scan(t, null);
    return found[0];
  }

  private Set<String> localTypes;

  /** Simple names of the classes, records, enums and interfaces declared in the body. */
  private Set<String> localTypeNames() {
    if (localTypes == null) {
      localTypes = new HashSet<>();
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitClass(ClassTree node, Void unused) {
          localTypes.add(node.getSimpleName().toString());
          return super.visitClass(node, unused);
        }
      }.scan(((MethodTree) methodPath.getLeaf()).getBody(), null);
    }
    return localTypes;
  }

  private static boolean denotable(TypeMirror tm) {
    String s = tm.toString();
    return tm.getKind() != TypeKind.INTERSECTION
        && tm.getKind() != TypeKind.UNION
        && !s.contains("<anonymous")
        && !s.contains("capture#")
        && !s.contains("&");
  }

  private static String typeText(TypeMirror tm) {
    return com.palantir.javapoet.TypeName.get(tm).toString();
  }

  private TreePath pathTo(Tree t) {
    TreePath p = TreePath.getPath(methodPath, t);
    if (p == null) {
      throw new IllegalStateException("no path to " + t.getKind() + " at line " + line(t));
    }
    return p;
  }

  private int line(Tree t) {
    return (int) unit.getLineMap().getLineNumber(pos.getStartPosition(unit, t));
  }

  private void collectAssigned(Tree t) {
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitAssignment(AssignmentTree node, Void unused) {
        note(node.getVariable());
        return super.visitAssignment(node, unused);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
        note(node.getVariable());
        return super.visitCompoundAssignment(node, unused);
      }

      @Override
      public Void visitUnary(UnaryTree node, Void unused) {
        note(node.getExpression());
        return super.visitUnary(node, unused);
      }

      private void note(ExpressionTree e) {
        if (e instanceof IdentifierTree id) {
          assignedInStatement.add(id.getName().toString());
        }
      }
    }.scan(t, null);
  }

  // ---------------------------------------------------------------- native statements

  private final List<Code> localTypeDecls = new ArrayList<>();
  private boolean directFields;

  /** Local classes, records, enums and interfaces, declared once at the top of step(). */
  List<Code> localTypeDecls() {
    return localTypeDecls;
  }

  private Stmt nativeStmt(StatementTree t) {
    if (t instanceof ClassTree) {
      // A switch group does not scope a local class over later groups (JLS 6.3), so it is
      // declared before the dispatch loop; it reads hoisted locals as the machine's fields.
      directFields = true;
      classCaptures = new LinkedHashMap<>();
      Code decl;
      try {
        decl = render(t, true);
        decl = withCapturedFields(decl, (ClassTree) t, classCaptures);
      } finally {
        directFields = false;
        classCaptures = null;
      }
      localTypeDecls.add(decl);
      return new Stmt.Block(List.of());
    }
    if (t instanceof VariableTree v) {
      scopes.nativeLocal(v.getName().toString());
    }
    return new Stmt.NativeStmt(render(t, true), completion(t));
  }

  /** Hoisted locals a local class declared before the dispatch loop reads, by source name. */
  private Map<String, LocalVar> classCaptures;

  private String machineName;

  /** The state machine's simple name: local classes in step() qualify its fields with it. */
  void machineName(String name) {
    machineName = name;
  }

  /**
   * A local class declared once before the dispatch loop still captures values, as Java's does
   * (JLS 15.9.2): each captured local becomes a final field of the class initialized from the
   * machine's field when an instance is created, and the body's reads of the name see that field.
   * A loop that declares the local afresh each iteration then gives each instance its own value.
   */
  private Code withCapturedFields(Code decl, ClassTree t, Map<String, LocalVar> captured) {
    if (captured.isEmpty()) {
      return decl;
    }
    StringBuilder fields = new StringBuilder();
    for (Map.Entry<String, LocalVar> c : captured.entrySet()) {
      LocalVar v = c.getValue();
      String type = v.localClass() != null ? v.localClass() : v.typeText();
      String read = machineName + ".this." + v.fieldName();
      fields.append("\nprivate final ").append(type).append(' ').append(c.getKey()).append(" = ")
          .append(v.localClass() != null ? "(" + type + ") " + read : read).append(';');
    }
    List<Code.Part> parts = new ArrayList<>(decl.parts());
    String name = t.getSimpleName().toString();
    for (int i = 0; i < parts.size(); i++) {
      if (parts.get(i) instanceof Code.Text text) {
        int at = text.text().indexOf(name);
        int brace = at < 0 ? -1 : text.text().indexOf('{', at);
        if (brace >= 0) {
          parts.set(i, new Code.Text(text.text().substring(0, brace + 1) + fields
              + text.text().substring(brace + 1)));
          return new Code(parts, decl.captures(), decl.line());
        }
      }
    }
    throw new IllegalStateException("no body of local class " + name);
  }

  /**
   * Whether local {@code v} is read by a local class that is declared before the dispatch loop
   * (one in a block with an await): that class reads it as a field, so it must be hoisted.
   */
  private boolean capturedByHoistedClass(VariableTree v) {
    String name = v.getName().toString();
    boolean[] found = {false};
    new com.sun.source.util.TreePathScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree node, Void unused) {
        Tree parent = getCurrentPath().getParentPath().getLeaf();
        if ((parent instanceof BlockTree || parent instanceof CaseTree) && exploded.contains(parent)
            && node.getKind() == Tree.Kind.CLASS) {
          new TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree id, Void u) {
              found[0] |= id.getName().contentEquals(name);
              return null;
            }
          }.scan(node, null);
        }
        return null;
      }
    }.scan(pathTo(v).getParentPath(), null);
    return found[0];
  }

  private static Completion completion(StatementTree t) {
    return switch (t.getKind()) {
      case EXPRESSION_STATEMENT, VARIABLE, EMPTY_STATEMENT, ASSERT, CLASS, ENHANCED_FOR_LOOP -> Completion.YES;
      case RETURN, THROW, BREAK, CONTINUE, YIELD -> Completion.NO;
      case BLOCK -> {
        List<? extends StatementTree> l = ((BlockTree) t).getStatements();
        yield l.isEmpty() ? Completion.YES : completion(l.get(l.size() - 1));
      }
      case IF -> {
        IfTree i = (IfTree) t;
        if (i.getElseStatement() == null) {
          yield Completion.YES;
        }
        Completion a = completion(i.getThenStatement());
        Completion b = completion(i.getElseStatement());
        if (a == Completion.YES || b == Completion.YES) {
          yield Completion.YES;
        }
        yield a == Completion.NO && b == Completion.NO ? Completion.NO : Completion.MAYBE;
      }
      default -> t.getKind().name().equals("RECORD") || t.getKind().name().equals("INTERFACE")
              || t.getKind().name().equals("ENUM")
          ? Completion.YES
          : Completion.MAYBE;
    };
  }

  // ---------------------------------------------------------------- expressions

  private Expr expr(ExpressionTree e) {
    if (!exploded.contains(e)) {
      hoistBindings = true;
      Code code;
      try {
        code = render(e, true);
      } finally {
        hoistBindings = false;
      }
      return new Expr.Native(code, text(e), stable(e));
    }
    String w = text(e);
    switch (e.getKind()) {
      case PARENTHESIZED -> {
        return composite(List.of("(", ")"), List.of(expr(((ParenthesizedTree) e).getExpression())), w);
      }
      case METHOD_INVOCATION -> {
        return invocation((MethodInvocationTree) e, w);
      }
      case NEW_CLASS -> {
        NewClassTree n = (NewClassTree) e;
        List<String> frags = new ArrayList<>();
        List<Expr> holes = new ArrayList<>();
        String head = "";
        String outerInstance =
            n.getEnclosingExpression() == null ? innerCreationReceiver(n.getIdentifier()) : null;
        String type = n.getEnclosingExpression() != null
            ? simpleTypeText(n.getIdentifier())
            : text(n.getIdentifier());
        Element ctor = hiddenConstructor(n);
        if (ctor != null) {
          args(frags, holes, handle(ctor).wrapper().name() + "(", n.getArguments(), ")");
          return composite(frags, holes, w);
        }
        if (n.getEnclosingExpression() != null) {
          holes.add(expr(n.getEnclosingExpression()));
          frags.add("");
          head = ".";
        } else if (outerInstance != null) {
          holes.add(new Expr.Native(Code.of(outerInstance), outerInstance, true));
          frags.add("");
          head = ".";
          type = simpleTypeText(n.getIdentifier());
        }
        head += "new " + typeArgs(n.getTypeArguments()) + type + "(";
        args(frags, holes, head, n.getArguments(), ")" + (n.getClassBody() == null ? "" : " " + render(n.getClassBody(), true).plainText()));
        return composite(frags, holes, w);
      }
      case NEW_ARRAY -> {
        NewArrayTree n = (NewArrayTree) e;
        List<String> frags = new ArrayList<>();
        List<Expr> holes = new ArrayList<>();
        if (n.getType() == null) {
          // A nested initializer ({{a}, {await(b)}}) is spilled or parenthesized as any operand:
          // it needs its array type there.
          String type = pathTo(n).getParentPath().getLeaf() instanceof NewArrayTree
              ? initializerType(n) : null;
          args(frags, holes, type == null ? "{" : "new " + type + " {", n.getInitializers(), "}");
          return composite(frags, holes, w);
        }
        String type = text(n.getType());
        if (n.getInitializers() != null) {
          String brackets = "[]".repeat(Math.max(1, n.getDimensions().size()));
          args(frags, holes, "new " + type + brackets + " {", n.getInitializers(), "}");
          return composite(frags, holes, w);
        }
        String cur = "new " + type;
        for (ExpressionTree d : n.getDimensions()) {
          frags.add(cur + "[");
          holes.add(expr(d));
          cur = "]";
        }
        frags.add(cur);
        return composite(frags, holes, w);
      }
      case ARRAY_ACCESS -> {
        ArrayAccessTree a = (ArrayAccessTree) e;
        return composite(List.of("", "[", "]"), List.of(expr(a.getExpression()), expr(a.getIndex())), w);
      }
      case MEMBER_SELECT -> {
        MemberSelectTree m = (MemberSelectTree) e;
        Element f = hiddenMember(m, ElementKind.FIELD, -1);
        if (f != null && !f.getModifiers().contains(Modifier.STATIC)) {
          return composite(List.of(privateReadHead(f), "))"), List.of(expr(m.getExpression())), w);
        }
        return composite(List.of("", "." + m.getIdentifier()), List.of(expr(m.getExpression())), w);
      }
      case TYPE_CAST -> {
        TypeCastTree c = (TypeCastTree) e;
        return composite(List.of("(" + text(c.getType()) + ") ", ""), List.of(expr(c.getExpression())), w);
      }
      case INSTANCE_OF -> {
        InstanceOfTree i = (InstanceOfTree) e;
        if (i.getPattern() instanceof BindingPatternTree bp) {
          // The binding becomes a field, assigned when the test succeeds (flow scoping holds).
          Expr operand = expr(i.getExpression());
          String type = text(bp.getVariable().getType());
          String tmp = freshTemp("instance", "java.lang.Object").fieldName();
          LocalVar b = newLocal(bp.getVariable().getName().toString(), type);
          return composite(
              List.of("((" + tmp + " = ", ") instanceof " + type + " && (" + b.fieldName() + " = ("
                  + type + ") " + tmp + ") != null)"),
              List.of(operand), w);
        }
        if (PatternTrees.is(i.getPattern(), "DECONSTRUCTION_PATTERN")) {
          Expr operand = expr(i.getExpression());
          String[] around = recordInstanceOf(i, new ArrayList<>());
          return composite(List.of(around[0], around[1]), List.of(operand), w);
        }
        return composite(List.of("", " instanceof " + text(i.getType())), List.of(expr(i.getExpression())), w);
      }
      case CONDITIONAL_AND, CONDITIONAL_OR -> {
        BinaryTree b = (BinaryTree) e;
        return new Expr.Logic(e.getKind() == Tree.Kind.CONDITIONAL_AND, expr(b.getLeftOperand()), expr(b.getRightOperand()), w);
      }
      case CONDITIONAL_EXPRESSION -> {
        ConditionalExpressionTree c = (ConditionalExpressionTree) e;
        if (exploded.contains(c.getTrueExpression()) || exploded.contains(c.getFalseExpression())) {
          checkFunctionalResults(e, List.of(c.getTrueExpression(), c.getFalseExpression()));
        }
        return new Expr.Cond(expr(c.getCondition()), expr(c.getTrueExpression()), expr(c.getFalseExpression()), w);
      }
      case ASSIGNMENT -> {
        AssignmentTree a = (AssignmentTree) e;
        ExpressionTree var = a.getVariable();
        if ((var instanceof IdentifierTree || var instanceof MemberSelectTree) && isPrivateField(var)) {
          String n = var instanceof IdentifierTree id ? id.getName().toString()
              : ((MemberSelectTree) var).getIdentifier().toString();
          Element f = names.findMember(n, ElementKind.FIELD);
          String recv = f.getModifiers().contains(Modifier.STATIC) ? "" : selfName + ", ";
          return composite(List.of(handle(f).constant() + ".set(" + recv, ")"),
              List.of(expr(a.getExpression())), w);
        }
        Element f = hiddenMember(var, ElementKind.FIELD, -1);
        if (f != null) {
          String h = handle(f).constant() + ".set(";
          return f.getModifiers().contains(Modifier.STATIC)
              ? composite(List.of(h, ")"), List.of(expr(a.getExpression())), w)
              : composite(List.of(h, ", ", ")"),
                  List.of(expr(((MemberSelectTree) var).getExpression()), expr(a.getExpression())), w);
        }
        return new Expr.Assign(target(var), "=", expr(a.getExpression()), w);
      }
      case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> {
        UnaryTree u = (UnaryTree) e;
        String op = switch (e.getKind()) {
          case PREFIX_INCREMENT -> "++x";
          case PREFIX_DECREMENT -> "--x";
          case POSTFIX_INCREMENT -> "x++";
          default -> "x--";
        };
        return new Expr.Assign(target(u.getExpression()), op, null, w);
      }
      case LAMBDA_EXPRESSION, MEMBER_REFERENCE -> {
        return new Expr.Native(Code.of("null"), "null", true);
      }
      case SWITCH_EXPRESSION -> {
        SwitchExpressionTree s = (SwitchExpressionTree) e;
        checkFunctionalResults(e, resultExpressions(s));
        int id = register(e);
        Expr sel = expr(s.getExpression());
        scopes.push();
        List<Stmt.SwitchCase> cases = new ArrayList<>();
        for (CaseTree c : s.getCases()) {
          cases.add(switchCase(c, id));
        }
        scopes.pop();
        return new Expr.SwitchExpr(id, sel, cases, w);
      }
      default -> {
        if (e instanceof CompoundAssignmentTree ca
            && (ca.getVariable() instanceof IdentifierTree || ca.getVariable() instanceof MemberSelectTree)
            && isPrivateField(ca.getVariable())) {
          Element f = names.findMember(privateFieldName(ca.getVariable()), ElementKind.FIELD);
          String[] wr = privateWrite(f);
          return composite(
              List.of(wr[0] + narrowing(f) + "(", " " + operator(e.getKind()) + " ", ")" + wr[1]),
              List.of(new Expr.Native(Code.of(privateRead(f)), privateRead(f), false),
                  expr(ca.getExpression())), w);
        }
        Element hf = e instanceof CompoundAssignmentTree c ? hiddenMember(c.getVariable(), ElementKind.FIELD, -1) : null;
        if (hf != null) {
          CompoundAssignmentTree ca = (CompoundAssignmentTree) e;
          Element f = hf;
          // The receiver is read once before the right side and then again for the write: only a
          // variable that the statement does not assign gives the same instance both times.
          ExpressionTree recv = ((MemberSelectTree) ca.getVariable()).getExpression();
          boolean isStatic = f.getModifiers().contains(Modifier.STATIC);
          if (!isStatic && (exploded.contains(recv) || !stable(recv))) {
            errorOnce(e, unit, Message.UNSUPPORTED,
                "a compound assignment to the private field " + f.getSimpleName() + " of a computed receiver",
                "assign the receiver to a local first");
            return new Expr.Native(Code.of("null"), "null", true);
          }
          String r = isStatic ? "" : render(recv, true).plainText();
          String read = isStatic ? privateRead(f) : privateReadHead(f) + r + "))";
          return composite(
              List.of(handle(f).constant() + ".set(" + (isStatic ? "" : r + ", ") + narrowing(f) + "(",
                  " " + operator(e.getKind()) + " ", ")" + ")"),
              List.of(new Expr.Native(Code.of(read), read, false), expr(ca.getExpression())), w);
        }
        if (e instanceof CompoundAssignmentTree ca) {
          return new Expr.Assign(target(ca.getVariable()), operator(e.getKind()) + "=", expr(ca.getExpression()), w);
        }
        if (e instanceof BinaryTree b) {
          // A primitive left operand needs no unboxing check before the right one (see Lowerer).
          Expr left = expr(b.getLeftOperand());
          if (isPrimitive(b.getLeftOperand())) {
            left = new Expr.Primitive(left);
          }
          return composite(List.of("", " " + operator(e.getKind()) + " ", ""), List.of(left, expr(b.getRightOperand())), w);
        }
        if (e instanceof UnaryTree u) {
          return composite(List.of(operator(e.getKind()), ""), List.of(expr(u.getExpression())), w);
        }
        diag.error(e, unit, Message.UNSUPPORTED, "an await inside a " + e.getKind() + " expression",
            "assign the awaited value to a local first");
        return new Expr.Native(Code.of("null"), "null", true);
      }
    }
  }

  /**
   * Reports a lambda or method reference among {@code results}, the result expressions of a
   * lowered {@code ?:} or switch expression {@code e}, unless {@code e} initializes a local or is
   * assigned to a variable by an expression statement: elsewhere the lowered value is stored and
   * read back, and a lambda has no functional interface type to be stored as (the source's
   * comes from the context).
   */
  private void checkFunctionalResults(ExpressionTree e, List<ExpressionTree> results) {
    Tree parent = pathTo(e).getParentPath().getLeaf();
    if (parent instanceof VariableTree
        || (parent instanceof AssignmentTree a && a.getVariable() instanceof IdentifierTree
            && pathTo(parent).getParentPath().getLeaf() instanceof ExpressionStatementTree)) {
      return;
    }
    for (ExpressionTree r : results) {
      while (r instanceof ParenthesizedTree p) {
        r = p.getExpression();
      }
      if (r instanceof LambdaExpressionTree || r instanceof MemberReferenceTree) {
        diag.error(r, unit, Message.UNSUPPORTED,
            "a lambda or method reference as the value of a ?: or switch expression with an await",
            "assign the ?: or switch to a local of the functional interface type first");
      }
    }
  }

  /** The expressions a switch expression's arms and yields give. */
  private static List<ExpressionTree> resultExpressions(SwitchExpressionTree s) {
    List<ExpressionTree> out = new ArrayList<>();
    for (CaseTree c : s.getCases()) {
      if (c.getCaseKind() == CaseTree.CaseKind.RULE && c.getBody() instanceof ExpressionTree b) {
        out.add(b);
      }
    }
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitYield(YieldTree node, Void unused) {
        out.add(node.getValue());
        return null;
      }

      @Override
      public Void visitSwitchExpression(SwitchExpressionTree node, Void unused) {
        return null; // its yields are its own
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        return null;
      }
    }.scan(s.getCases(), null);
    return out;
  }

  /**
   * The array type of the initializer {@code n} ({@code {1, 2}}) as source text, from the
   * declaration or array creation it belongs to; null when it cannot be told.
   */
  private String initializerType(Tree n) {
    Tree parent = pathTo(n).getParentPath().getLeaf();
    if (parent instanceof VariableTree v && v.getInitializer() == n && !isVar(v)) {
      return declaredType(v);
    }
    if (parent instanceof NewArrayTree p) {
      if (p.getType() != null) {
        return typeTreeText(p.getType());
      }
      String outer = initializerType(p);
      return outer != null && outer.endsWith("[]") ? outer.substring(0, outer.length() - 2) : null;
    }
    return null;
  }

  private static Expr composite(List<String> frags, List<Expr> holes, String w) {
    return new Expr.Composite(frags, holes, w);
  }

  private void args(List<String> frags, List<Expr> holes, String head, List<? extends ExpressionTree> args, String tail) {
    String cur = head;
    for (int i = 0; i < args.size(); i++) {
      frags.add(cur);
      Expr arg = expr(args.get(i));
      holes.add(isPrimitive(args.get(i)) ? new Expr.Primitive(arg) : arg);
      cur = ", ";
    }
    frags.add(args.isEmpty() ? head + tail : tail);
  }

  private String typeArgs(List<? extends Tree> args) {
    if (args == null || args.isEmpty()) {
      return "";
    }
    List<String> out = new ArrayList<>();
    for (Tree t : args) {
      out.add(text(t));
    }
    return "<" + String.join(", ", out) + ">";
  }

  /**
   * A short never-evaluated expression of exactly type {@code t}, for a witness: {@code ((int)
   * (java.lang.Object) null)} or {@code ((pkg.Type) null)}. Not a constant expression, so it
   * promotes like the call it stands for (JLS 15.25), and javac attributes it without resolving the
   * call again. Null when {@code t} is not a primitive or an accessible non-generic class type.
   */
  private String witnessOfType(TypeMirror t) {
    if (t == null || names.obscured("java")) {
      return null;
    }
    if (t.getKind().isPrimitive()) {
      return "((" + t + ") (java.lang.Object) null)";
    }
    if (!(t instanceof javax.lang.model.type.DeclaredType dt) || !dt.getTypeArguments().isEmpty()) {
      return null;
    }
    TypeElement te = (TypeElement) dt.asElement();
    if (!te.getTypeParameters().isEmpty()) {
      return null;
    }
    for (Element e = te; e instanceof TypeElement x; e = x.getEnclosingElement()) {
      javax.lang.model.element.NestingKind k = x.getNestingKind();
      if (k == javax.lang.model.element.NestingKind.LOCAL
          || k == javax.lang.model.element.NestingKind.ANONYMOUS
          || x.getModifiers().contains(Modifier.PRIVATE)
          || (k == javax.lang.model.element.NestingKind.MEMBER
              && !x.getModifiers().contains(Modifier.STATIC)
              && x.getKind() == ElementKind.CLASS)) {
        // An inner class's type may carry its outer instance's type arguments.
        return null;
      }
    }
    String qualified = te.getQualifiedName().toString();
    int dot = qualified.indexOf('.');
    if (dot < 0 || names.obscured(qualified.substring(0, dot))) {
      return null;
    }
    return "((" + qualified + ") null)";
  }

  private Expr invocation(MethodInvocationTree mi, String w) {
    if (isAwaitCall(mi)) {
      return new Expr.Await(expr(mi.getArguments().get(0)), w, line(mi));
    }
    AsyncCalls.Target target = asyncCalls.get(mi);
    List<String> frags = new ArrayList<>();
    List<Expr> holes = new ArrayList<>();
    ExpressionTree sel = mi.getMethodSelect();
    if (target != null) {
      String head = target.virtual() != null
          ? target.virtual()
          : names.typeRef(target.companion()) + "." + target.name() + "(";
      List<ExpressionTree> args = new ArrayList<>(mi.getArguments());
      if (!target.isStatic()) {
        frags.add(head);
        if (sel instanceof MemberSelectTree ms) {
          holes.add(expr(ms.getExpression()));
        } else {
          holes.add(new Expr.Native(Code.of(selfName), selfName, true));
        }
        head = "";
        if (!args.isEmpty()) {
          head = ", ";
        }
      }
      args(frags, holes, head, args, ")");
      if (!target.isStatic() && args.isEmpty()) {
        // args() added a lone fragment "" + ")": fix the shape [head, ")"].
      }
      String typed = witnessOfType(target.result());
      return new Expr.Await(composite(frags, holes, w), typed != null ? typed : w, line(mi));
    }
    String name;
    Element sm = superMethod(mi);
    if (sm != null) {
      args(frags, holes, handle(sm, true).wrapper().name() + "(", mi.getArguments(), ")");
      return composite(frags, holes, w);
    }
    Element pm = privateMethod(sel);
    if (pm != null) {
      String[] ht = privateCall(mi, pm, mi.getArguments().size());
      args(frags, holes, ht[0], mi.getArguments(), ht[1]);
      return composite(frags, holes, w);
    }
    Element hm = hiddenMember(sel, ElementKind.METHOD, mi.getArguments().size());
    if (hm != null) {
      String[] ht = privateCall(mi, hm, mi.getArguments().size());
      if (hm.getModifiers().contains(Modifier.STATIC)) {
        args(frags, holes, ht[0], mi.getArguments(), ht[1]);
      } else {
        frags.add(handle(hm, false, true).wrapper().name() + "(");
        holes.add(expr(((MemberSelectTree) sel).getExpression()));
        args(frags, holes, mi.getArguments().isEmpty() ? "" : ", ", mi.getArguments(), ")");
      }
      return composite(frags, holes, w);
    }
    if (sel instanceof MemberSelectTree ms
        && names.typeOrPackage(ms.getExpression(), pathTo(ms)) instanceof TypeElement) {
      // A static call through a type name: the name is not a value to evaluate first.
      name = text(ms.getExpression()) + "." + typeArgs(mi.getTypeArguments()) + ms.getIdentifier() + "(";
    } else if (sel instanceof MemberSelectTree ms) {
      frags.add("");
      holes.add(expr(ms.getExpression()));
      name = "." + typeArgs(mi.getTypeArguments()) + ms.getIdentifier() + "(";
    } else {
      name = methodName((IdentifierTree) sel, mi.getArguments().size()) + "(";
      if (!mi.getTypeArguments().isEmpty()) {
        String q = name.substring(0, name.length() - 1);
        int dot = q.lastIndexOf('.');
        name = dot < 0
            ? q + "("
            : q.substring(0, dot + 1) + typeArgs(mi.getTypeArguments()) + q.substring(dot + 1) + "(";
      }
    }
    if (frags.isEmpty()) {
      args(frags, holes, name, mi.getArguments(), ")");
    } else {
      List<String> f2 = new ArrayList<>();
      List<Expr> h2 = new ArrayList<>();
      args(f2, h2, name, mi.getArguments(), ")");
      // merge: [""] + [recv] + f2 where the first of f2 is appended to the receiver fragment.
      frags.addAll(f2);
      holes.addAll(h2);
    }
    return composite(frags, holes, w);
  }

  private Element privateMethod(ExpressionTree sel) {
    String n = null;
    if (sel instanceof IdentifierTree id && scopes.lookup(id.getName().toString()) == null) {
      n = id.getName().toString();
    } else if (sel instanceof MemberSelectTree ms
        && ms.getExpression() instanceof IdentifierTree id
        && id.getName().contentEquals("this")) {
      n = ms.getIdentifier().toString();
    }
    if (n == null) {
      return null;
    }
    Element m = names.findMember(n, ElementKind.METHOD);
    return m != null && isPrivate(m) ? m : null;
  }

  /**
   * The member {@code sel} names when the companion cannot use it directly (see {@link
   * #isPrivate}) and {@code sel} reaches it through a receiver other than {@code this} or {@code
   * super}: an expression whose type the reader knows, or a type name; null otherwise. For a method,
   * the one with {@code arity} parameters ({@code -1}: any).
   */
  private Element hiddenMember(Tree sel, ElementKind kind, int arity) {
    if (!(sel instanceof MemberSelectTree ms)) {
      return null;
    }
    ExpressionTree recv = ms.getExpression();
    String name = ms.getIdentifier().toString();
    if (!hiddenNames().contains(name) || name.equals("class") || name.equals("this")
        || (recv instanceof IdentifierTree q
            && (q.getName().contentEquals("this") || q.getName().contentEquals("super")))) {
      return null;
    }
    TypeElement te = receiverType(recv);
    if (te == null) {
      if (kind == ElementKind.FIELD && hiddenFieldNames().contains(name)) {
        errorOnce(sel, unit, Message.PRIVATE_FIELD_UNKNOWN_RECEIVER, name);
      }
      return null;
    }
    boolean typeName = isTypeReceiver(recv);
    for (Element m : calls.members(te)) {
      if (m.getKind() == kind && m.getSimpleName().contentEquals(name)
          && (kind != ElementKind.METHOD || arity < 0
              || ((ExecutableElement) m).getParameters().size() == arity
              || ((ExecutableElement) m).isVarArgs())) {
        if (m.getModifiers().contains(Modifier.PRIVATE) && !inNest(m)) {
          continue;
        }
        if (typeName && !m.getModifiers().contains(Modifier.STATIC)) {
          return null;
        }
        return isPrivate(m) ? m : null;
      }
    }
    return null;
  }

  /**
   * The constructor {@code new T(…)} calls when the companion cannot use it directly (a private
   * one), or null. Reports what no handle can do: an anonymous subclass, an inner class's
   * constructor, overloads of one arity.
   */
  private Element hiddenConstructor(NewClassTree node) {
    if (!hiddenNames().contains("<init>") || node.getEnclosingExpression() != null) {
      return null;
    }
    Tree id = node.getIdentifier() instanceof ParameterizedTypeTree pt ? pt.getType() : node.getIdentifier();
    TypeElement te = id instanceof ExpressionTree x ? typeReceiver(x) : null;
    if (te == null) {
      return null;
    }
    int arity = node.getArguments().size();
    List<Element> fits = new ArrayList<>();
    for (Element e : te.getEnclosedElements()) {
      if (e.getKind() == ElementKind.CONSTRUCTOR
          && (((ExecutableElement) e).getParameters().size() == arity || ((ExecutableElement) e).isVarArgs())
          && (!e.getModifiers().contains(Modifier.PRIVATE) || inNest(e))) {
        fits.add(e);
      }
    }
    // A protected constructor of another package serves only an anonymous subclass, which the
    // companion may create as well (JLS 6.6.2.2): only private ones need a handle.
    if (fits.stream().noneMatch(e -> e.getModifiers().contains(Modifier.PRIVATE))) {
      return null;
    }
    String problem = node.getClassBody() != null
        ? "an anonymous subclass of " + te.getSimpleName() + ", whose constructor is private,"
        : fits.size() > 1 ? "a call of the overloaded private constructors of " + te.getSimpleName()
        : te.getNestingKind() == javax.lang.model.element.NestingKind.MEMBER
            && !te.getModifiers().contains(Modifier.STATIC)
            ? "a call of the private constructor of the inner class " + te.getSimpleName() : null;
    if (problem != null) {
      errorOnce(node, unit, Message.UNSUPPORTED, problem,
          "create it in a helper method of the class, or make the constructor package-private");
      return null;
    }
    return fits.get(0);
  }

  /**
   * The method or constructor a method reference names when the companion cannot use it directly,
   * or null (also for {@code this::m}, which the renderer handles).
   */
  private Element hiddenReference(MemberReferenceTree node) {
    String name = node.getName().toString();
    ExpressionTree q = node.getQualifierExpression();
    boolean constructor = name.equals("<init>") || name.equals("new");
    if (!hiddenNames().contains(constructor ? "<init>" : name)
        || (q instanceof IdentifierTree id
            && (id.getName().contentEquals("this") || id.getName().contentEquals("super")))) {
      return null;
    }
    TypeElement te = constructor ? typeReceiver(q) : receiverType(q);
    if (te == null) {
      return null;
    }
    List<Element> named = new ArrayList<>();
    for (Element e : constructor ? te.getEnclosedElements() : calls.members(te)) {
      if ((constructor ? e.getKind() == ElementKind.CONSTRUCTOR
              : e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(name))
          && (!e.getModifiers().contains(Modifier.PRIVATE) || inNest(e))) {
        named.add(e);
      }
    }
    if (named.stream().noneMatch(e -> constructor ? e.getModifiers().contains(Modifier.PRIVATE) : isPrivate(e))) {
      return null;
    }
    if (named.size() > 1 || (constructor && te.getNestingKind() == javax.lang.model.element.NestingKind.MEMBER
        && !te.getModifiers().contains(Modifier.STATIC))) {
      errorOnce(node, unit, Message.UNSUPPORTED,
          "a method reference to the " + (named.size() > 1 ? "overloaded " : "") + "private "
              + (constructor ? "constructor of " + te.getSimpleName() : "method " + name),
          "write it as a lambda");
      return null;
    }
    return named.get(0);
  }

  private final Set<Tree> reported = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

  /** Reports an error at {@code t} once, though the tree is rendered more than once. */
  private void errorOnce(Tree t, CompilationUnitTree unit, Message message, Object... args) {
    if (reported.add(t)) {
      diag.error(t, unit, message, args);
    }
  }

  private Set<String> hiddenNames;
  private final Set<String> hiddenFieldNames = new HashSet<>();

  /** The names of the fields among {@link #hiddenNames}. */
  private Set<String> hiddenFieldNames() {
    hiddenNames();
    return hiddenFieldNames;
  }

  /**
   * The names of every member that {@link #isPrivate} may hold for: the private members of the
   * classes nested in the user's top-level class, and the members of the user's class.
   */
  private Set<String> hiddenNames() {
    if (hiddenNames == null) {
      hiddenNames = new HashSet<>();
      TypeElement top = owner;
      while (names.enclosingType(top) != null) {
        top = names.enclosingType(top);
      }
      java.util.ArrayDeque<TypeElement> todo = new java.util.ArrayDeque<>(List.of(top));
      while (!todo.isEmpty()) {
        for (Element e : todo.pop().getEnclosedElements()) {
          if (e instanceof TypeElement nested) {
            todo.push(nested);
          } else if (e.getModifiers().contains(Modifier.PRIVATE)) {
            hiddenNames.add(e.getSimpleName().toString());
            if (e.getKind() == ElementKind.FIELD) {
              hiddenFieldNames.add(e.getSimpleName().toString());
            }
          }
        }
      }
      for (Element e : calls.members(owner)) {
        if (isPrivate(e)) {
          hiddenNames.add(e.getSimpleName().toString());
          if (e.getKind() == ElementKind.FIELD) {
            hiddenFieldNames.add(e.getSimpleName().toString());
          }
        }
      }
    }
    return hiddenNames;
  }

  /** The class of receiver {@code recv}: its static type's, or the type it names; or null. */
  private TypeElement receiverType(ExpressionTree recv) {
    if (isTypeReceiver(recv)) {
      return typeReceiver(recv);
    }
    try {
      // A type variable's bound is no receiver type: the member may be the argument's.
      TypeMirror t = typeOf(recv, pathTo(recv));
      return t instanceof javax.lang.model.type.DeclaredType dt ? (TypeElement) dt.asElement() : null;
    } catch (DeferProcessing e) {
      if (e.javacReports()) {
        throw e;
      }
      return null;
    }
  }

  /** Whether receiver {@code recv} is a type name rather than a variable (JLS 6.5.2). */
  private boolean isTypeReceiver(ExpressionTree recv) {
    if (recv instanceof IdentifierTree id) {
      return isTypeName(id) && typeReceiver(recv) != null;
    }
    return recv instanceof MemberSelectTree && typeReceiver(recv) != null
        && !(((MemberSelectTree) recv).getExpression() instanceof IdentifierTree q
            && (scopes.lookup(q.getName().toString()) != null
                || names.findMember(q.getName().toString(), ElementKind.FIELD) != null));
  }

  private TypeElement typeReceiver(ExpressionTree recv) {
    if (recv instanceof IdentifierTree id) {
      return names.type(id.getName().toString(), methodPath);
    }
    if (recv instanceof MemberSelectTree ms) {
      TypeElement q = typeReceiver(ms.getExpression());
      if (q != null) {
        for (Element e : calls.members(q)) {
          if (e instanceof TypeElement nested && nested.getSimpleName().contentEquals(ms.getIdentifier())) {
            return nested;
          }
        }
        return null;
      }
      return ms.getExpression() instanceof MemberSelectTree || ms.getExpression() instanceof IdentifierTree
          ? calls.typeElement(ms.toString()) : null;
    }
    return null;
  }

  /**
   * The enclosing instance ({@code self} or {@code outer()}) that {@code new T(…)} needs when
   * {@code T} is an inner (non-static member) class of the user's class or of its enclosing
   * class; null when {@code T} needs none or is a local class of the body.
   */
  private String innerCreationReceiver(Tree ident) {
    Tree id = ident instanceof ParameterizedTypeTree pt ? pt.getType() : ident;
    String simple;
    if (id instanceof IdentifierTree it) {
      simple = it.getName().toString();
    } else if (id instanceof MemberSelectTree ms) {
      simple = ms.getIdentifier().toString();
    } else {
      return null;
    }
    if (method.getModifiers().contains(Modifier.STATIC) || localTypeNames().contains(simple)) {
      return null;
    }
    Element c = names.findMember(simple, ElementKind.CLASS);
    if (!(c instanceof TypeElement te)
        || te.getModifiers().contains(Modifier.STATIC)
        || te.getNestingKind() != javax.lang.model.element.NestingKind.MEMBER
        || ((TypeElement) te.getEnclosingElement()).getKind().isInterface()) {
      return null;
    }
    if (id instanceof MemberSelectTree ms) {
      Tree qt = ms.getExpression() instanceof ParameterizedTypeTree pq ? pq.getType() : ms.getExpression();
      String q = text(qt);
      String declaring = ((TypeElement) te.getEnclosingElement()).getQualifiedName().toString();
      if (!declaring.equals(q) && !declaring.endsWith("." + q)
          && !((TypeElement) te.getEnclosingElement()).getSimpleName().contentEquals(q)) {
        return null;
      }
    }
    String prefix = memberPrefix(ident, te, false);
    return prefix == null ? null : prefix.substring(0, prefix.length() - 1);
  }

  /**
   * {@code type} as the static state machine must write it: an inner class {@code R} of a
   * generic class {@code Outer<T>} is {@code Outer<T>.R} there (plain {@code R} would be raw).
   */
  private String innerQualified(String type) {
    if (method.getModifiers().contains(Modifier.STATIC) || !Character.isJavaIdentifierStart(type.charAt(0))) {
      return type;
    }
    String root = type.split("[<\\[. ]", 2)[0];
    if (root.length() != type.split("[<\\[ ]", 2)[0].length() || localTypeNames().contains(root)) {
      return type; // qualified already, or a local class
    }
    Element c = names.findMember(root, ElementKind.CLASS);
    if (!(c instanceof TypeElement te) || te.getNestingKind() != javax.lang.model.element.NestingKind.MEMBER
        || te.getModifiers().contains(Modifier.STATIC)) {
      return type;
    }
    String prefix = "";
    boolean generic = false;
    for (Element e = te.getEnclosingElement(); e instanceof TypeElement enc; e = enc.getEnclosingElement()) {
      List<String> params = new ArrayList<>();
      for (javax.lang.model.element.TypeParameterElement tp : enc.getTypeParameters()) {
        params.add(tp.getSimpleName().toString());
      }
      generic |= !params.isEmpty();
      prefix = enc.getSimpleName() + (params.isEmpty() ? "" : "<" + String.join(", ", params) + ">") + "." + prefix;
      if (enc.getModifiers().contains(Modifier.STATIC) || enc.getNestingKind() != javax.lang.model.element.NestingKind.MEMBER) {
        break;
      }
    }
    return generic ? prefix + type : type;
  }

  /** {@code R<X>} for {@code Outer.R<X>}: the form {@code outer.new R<X>(…)} requires. */
  private String simpleTypeText(Tree ident) {
    if (ident instanceof ParameterizedTypeTree pt) {
      String args = pt.getTypeArguments().isEmpty() ? "<>" : typeArgs(pt.getTypeArguments());
      return simpleTypeText(pt.getType()) + args;
    }
    // Named relative to the enclosing instance's class: never rewritten to a canonical name.
    return ident instanceof MemberSelectTree ms ? ms.getIdentifier().toString() : ident.toString();
  }

  /**
   * {@code (long) } when the method returns a primitive: step() returns an Object, so the value
   * is converted to the declared type before it is boxed ({@code return 0;} in a {@code double}
   * method gives a Double); null for reference and void methods.
   */
  private String returnCast() {
    TypeMirror ret = method.getReturnType();
    return ret.getKind().isPrimitive() ? "(" + ret + ") " : null;
  }

  /** The superclass method {@code super.m(…)} calls, when it is unambiguous by arity. */
  private Element superMethod(MethodInvocationTree mi) {
    if (!(mi.getMethodSelect() instanceof MemberSelectTree ms
        && ms.getExpression() instanceof IdentifierTree q
        && q.getName().contentEquals("super"))) {
      return null;
    }
    TypeMirror sup = owner.getSuperclass();
    if (sup.getKind() != TypeKind.DECLARED) {
      return null;
    }
    Element found = null;
    for (Element e : calls.members((TypeElement) calls.types().asElement(sup))) {
      if (e.getKind() == ElementKind.METHOD
          && e.getSimpleName().contentEquals(ms.getIdentifier())
          && ((ExecutableElement) e).getParameters().size() == mi.getArguments().size()) {
        if (found != null) {
          diag.error(mi, unit, Message.UNSUPPORTED, "a super call of an overloaded method",
              "call it from a helper method of the class");
          return null;
        }
        found = e;
      }
    }
    return found;
  }

  /** An unqualified method name called with {@code args} arguments, as the generated code must. */
  private String methodName(IdentifierTree id, int args) {
    String n = id.getName().toString();
    Element m = names.findMethod(n, args);
    if (m != null) {
      String prefix = memberPrefix(id, m, true);
      return prefix == null ? n : prefix + n;
    }
    String imp = names.staticImportOwner(n);
    return imp == null ? n : imp + "." + n;
  }

  private Expr.Composite target(ExpressionTree t) {
    String w = text(t);
    if ((t instanceof IdentifierTree || t instanceof MemberSelectTree) && isPrivateField(t)) {
      diag.error(t, unit, Message.UNSUPPORTED, "assigning an awaited value to a private field",
          "assign it to a local first, then the local to the field");
    }
    if (t instanceof ParenthesizedTree p) {
      return target(p.getExpression());
    }
    if (t instanceof ArrayAccessTree a) {
      return new Expr.Composite(List.of("", "[", "]"), List.of(expr(a.getExpression()), expr(a.getIndex())), w);
    }
    if (t instanceof MemberSelectTree m && !isTypeName(m.getExpression())) {
      return new Expr.Composite(List.of("", "." + m.getIdentifier()), List.of(expr(m.getExpression())), w);
    }
    return new Expr.Composite(List.of(render(t, true).plainText()), List.of(), w);
  }

  private static String privateFieldName(ExpressionTree t) {
    return t instanceof IdentifierTree id ? id.getName().toString()
        : ((MemberSelectTree) t).getIdentifier().toString();
  }

  private boolean isPrivateField(ExpressionTree t) {
    String n = t instanceof IdentifierTree id ? id.getName().toString()
        : ((MemberSelectTree) t).getExpression() instanceof IdentifierTree q && q.getName().contentEquals("this")
            ? ((MemberSelectTree) t).getIdentifier().toString() : null;
    if (n == null || (t instanceof IdentifierTree && scopes.lookup(n) != null)) {
      return false;
    }
    Element f = names.findMember(n, ElementKind.FIELD);
    return f != null && isPrivate(f);
  }

  private boolean isTypeName(ExpressionTree e) {
    if (e instanceof IdentifierTree id) {
      String n = id.getName().toString();
      return !n.equals("this") && scopes.lookup(n) == null && names.findMember(n, ElementKind.FIELD) == null;
    }
    return false;
  }

  private static String operator(Tree.Kind k) {
    return switch (k) {
      case PLUS, PLUS_ASSIGNMENT, UNARY_PLUS -> "+";
      case MINUS, MINUS_ASSIGNMENT, UNARY_MINUS -> "-";
      case MULTIPLY, MULTIPLY_ASSIGNMENT -> "*";
      case DIVIDE, DIVIDE_ASSIGNMENT -> "/";
      case REMAINDER, REMAINDER_ASSIGNMENT -> "%";
      case LEFT_SHIFT, LEFT_SHIFT_ASSIGNMENT -> "<<";
      case RIGHT_SHIFT, RIGHT_SHIFT_ASSIGNMENT -> ">>";
      case UNSIGNED_RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> ">>>";
      case AND, AND_ASSIGNMENT -> "&";
      case OR, OR_ASSIGNMENT -> "|";
      case XOR, XOR_ASSIGNMENT -> "^";
      case LESS_THAN -> "<";
      case GREATER_THAN -> ">";
      case LESS_THAN_EQUAL -> "<=";
      case GREATER_THAN_EQUAL -> ">=";
      case EQUAL_TO -> "==";
      case NOT_EQUAL_TO -> "!=";
      case LOGICAL_COMPLEMENT -> "!";
      case BITWISE_COMPLEMENT -> "~";
      default -> throw new IllegalArgumentException("operator " + k);
    };
  }

  /** True when evaluating {@code e} later in the statement gives the same value. */
  private boolean stable(ExpressionTree e) {
    if (e instanceof LiteralTree) {
      return true;
    }
    if (e instanceof IdentifierTree id) {
      String n = id.getName().toString();
      if (n.equals("this")) {
        return true;
      }
      Scopes.Binding b = scopes.lookup(n);
      if (b != null) {
        return !assignedInStatement.contains(n);
      }
      return names.findMember(n, ElementKind.FIELD) == null;
    }
    if (e instanceof MemberSelectTree m) {
      return m.getIdentifier().contentEquals("class");
    }
    return false;
  }

  // ---------------------------------------------------------------- rendering

  /** The source text of {@code t} with names rewritten; never evaluated (a witness). */
  private String text(Tree t) {
    return render(t, false).plainText();
  }

  private TypeElement outerType;

  /** The enclosing instance's class when the body uses its members (an inner class), or null. */
  TypeElement outerType() {
    return outerType;
  }

  /** How an unqualified member reference reads in the generated code, or null to keep it. */
  private String memberPrefix(Tree at, Element m, boolean report) {
    TypeElement declaring = (TypeElement) m.getEnclosingElement();
    boolean isStatic = m.getModifiers().contains(Modifier.STATIC);
    if (isStatic) {
      return names.typeRef(declaring.getQualifiedName().toString()) + ".";
    }
    if (!names.isOwnerOrSuper(declaring)) {
      TypeElement outer = names.enclosingType(owner);
      if (outer != null
          && !owner.getModifiers().contains(Modifier.STATIC)
          && owner.getKind() == ElementKind.CLASS
          && calls.types().isSubtype(calls.types().erasure(outer.asType()),
              calls.types().erasure(declaring.asType()))) {
        outerType = outer;
        return "outer().";
      }
      if (report) {
        diag.error(at, unit, Message.UNSUPPORTED, "the outer-instance member " + m.getSimpleName() + " used in an @Async body",
            "read it into a local of the outer class first");
      }
      return null;
    }
    return selfName + ".";
  }

  private final Map<Object, io.asyncio4j.processor.model.PrivateMember> privates =
      new LinkedHashMap<>();

  List<io.asyncio4j.processor.model.PrivateMember> privateMembers() {
    return new ArrayList<>(privates.values());
  }

  /**
   * Whether the companion, another class of the user's package, cannot use {@code m} directly: a
   * private member, or a protected one declared in another package (the user's class reaches it as
   * a subclass; the companion is none).
   */
  private boolean isPrivate(Element m) {
    if (m.getModifiers().contains(Modifier.PRIVATE)) {
      return inNest(m);
    }
    return m.getModifiers().contains(Modifier.PROTECTED)
        && m.getEnclosingElement() instanceof TypeElement declaring
        && !elements.getPackageOf(declaring).equals(elements.getPackageOf(owner));
  }

  /**
   * Whether {@code m} is declared in the user's top-level class or a class nested in it, which the
   * user's class may reach even when it is private (JLS 6.6.1); a private member of another class
   * is never what the user's code names.
   */
  private boolean inNest(Element m) {
    return topLevel(m.getEnclosingElement()).equals(topLevel(owner));
  }

  private static Element topLevel(Element e) {
    while (e.getEnclosingElement() instanceof TypeElement t) {
      e = t;
    }
    return e;
  }

  private io.asyncio4j.processor.model.PrivateMember handle(Element m) {
    return handle(m, false);
  }

  /** The handle of {@code m}; {@code special} for {@code super.m(…)} (findSpecial). */
  private io.asyncio4j.processor.model.PrivateMember handle(Element m, boolean special) {
    return handle(m, special, false);
  }

  /**
   * The handle of {@code m}; {@code special} for {@code super.m(…)} (findSpecial); {@code
   * onReceiver} for a method called through another instance: its wrapper takes that instance
   * first.
   */
  private io.asyncio4j.processor.model.PrivateMember handle(Element m, boolean special, boolean onReceiver) {
    Object key = special ? List.of("super", m) : onReceiver ? List.of("receiver", m) : m;
    return privates.computeIfAbsent(key, k -> {
      boolean field = m.getKind() == ElementKind.FIELD;
      boolean constructor = m.getKind() == ElementKind.CONSTRUCTOR;
      TypeElement declaring = (TypeElement) m.getEnclosingElement();
      String simple = constructor ? declaring.getSimpleName().toString() : m.getSimpleName().toString();
      String base = (field ? "FIELD_" : special ? "SUPER_" : constructor ? "NEW_" : "METHOD_") + simple;
      String constant = freshName(base);
      boolean isStatic = m.getModifiers().contains(Modifier.STATIC);
      boolean inherited = !m.getModifiers().contains(Modifier.PRIVATE);
      // A protected member is found from the user's class, which may use it as a subclass; an
      // instance member of it only on receivers of that class (JLS 6.6.2.1).
      String lookup = (inherited ? owner : declaring).getQualifiedName().toString();
      String refc = inherited && !isStatic && !special ? lookup : declaring.getQualifiedName().toString();
      List<String> params = new ArrayList<>();
      String type;
      if (field) {
        type = erased(m.asType());
      } else {
        ExecutableElement e = (ExecutableElement) m;
        type = constructor ? "void" : erased(e.getReturnType());
        for (VariableElement p : e.getParameters()) {
          params.add(erased(p.asType()));
        }
      }
      io.asyncio4j.processor.model.PrivateMember.Wrapper wrapper = null;
      if (!field) {
        ExecutableElement e = (ExecutableElement) m;
        List<com.palantir.javapoet.TypeVariableName> tvs = new ArrayList<>();
        TypeElement typed = inherited ? owner : declaring;
        if (constructor || onReceiver) {
          for (javax.lang.model.element.TypeParameterElement tp : typed.getTypeParameters()) {
            tvs.add(com.palantir.javapoet.TypeVariableName.get(tp));
          }
        }
        for (javax.lang.model.element.TypeParameterElement tp : e.getTypeParameters()) {
          tvs.add(com.palantir.javapoet.TypeVariableName.get(tp));
        }
        List<com.palantir.javapoet.TypeName> ps = new ArrayList<>();
        for (VariableElement p : e.getParameters()) {
          ps.add(com.palantir.javapoet.TypeName.get(p.asType()));
        }
        List<com.palantir.javapoet.TypeName> thrown = new ArrayList<>();
        for (TypeMirror t : e.getThrownTypes()) {
          thrown.add(com.palantir.javapoet.TypeName.get(t));
        }
        String n = constructor ? "new" + simple
            : (special ? "invokeSuper" : "invoke") + Character.toUpperCase(simple.charAt(0)) + simple.substring(1)
                + (onReceiver ? "Of" : "");
        wrapper = new io.asyncio4j.processor.model.PrivateMember.Wrapper(
            freshName(n), tvs,
            com.palantir.javapoet.TypeName.get(constructor ? declaring.asType() : e.getReturnType()), ps, thrown,
            onReceiver ? com.palantir.javapoet.TypeName.get(typed.asType()) : null);
      }
      return new io.asyncio4j.processor.model.PrivateMember(constant, field, constructor, isStatic,
          refc, lookup, constructor ? simple : m.getSimpleName().toString(), type, params, wrapper,
          special ? owner.getQualifiedName().toString() : null);
    });
  }

  private String erased(TypeMirror t) {
    return com.palantir.javapoet.TypeName.get(calls.types().erasure(t)).toString();
  }

  /** A read of private field {@code f}: {@code ((T) FIELD_f.get(self))}. */
  private String privateRead(Element f) {
    String constant = constantValue(f);
    if (constant != null) {
      return constant;
    }
    boolean isStatic = f.getModifiers().contains(Modifier.STATIC);
    return privateReadHead(f) + (isStatic ? "" : selfName) + "))";
  }

  /** {@code ((T) FIELD_f.get(}: a read of {@code f} up to its receiver. */
  private String privateReadHead(Element f) {
    return "((" + typeText(f.asType()) + ") " + handle(f).constant() + ".get(";
  }

  /**
   * The value of constant variable {@code f} as a literal, as javac inlines it (JLS 13.1), so that
   * it stays a constant expression (a case label) without the field's access; null when {@code f}
   * is no constant.
   */
  private String constantValue(Element f) {
    Object v = f instanceof VariableElement ve ? ve.getConstantValue() : null;
    if (v == null) {
      return null;
    }
    String text = elements.getConstantExpression(v);
    return text.startsWith("-") || text.startsWith("(") || text.contains("/") ? "(" + text + ")" : text;
  }

  /** {@code [head, tail]} around the arguments of a call of private method {@code m}. */
  private String[] privateCall(Tree at, Element m, int arity) {
    int same = 0;
    for (Element e : calls.members((TypeElement) m.getEnclosingElement())) {
      if (e.getKind() == ElementKind.METHOD && e.getSimpleName().equals(m.getSimpleName())
          && ((ExecutableElement) e).getParameters().size() == arity) {
        same++;
      }
    }
    if (same > 1) {
      diag.error(at, unit, Message.UNSUPPORTED, "a call of the overloaded private method " + m.getSimpleName(),
          "give the overloads different names or make them package-private");
    }
    return new String[] {handle(m).wrapper().name() + "(", ")"};
  }

  /** {@code FIELD_f.set(self, value)} around a value: prefix and suffix. */
  private String[] privateWrite(Element f) {
    String recv = f.getModifiers().contains(Modifier.STATIC) ? "" : selfName + ", ";
    return new String[] {handle(f).constant() + ".set(" + recv, ")"};
  }

  /** {@code (byte) } when a compound assignment to {@code f} must narrow, else empty. */
  private static String narrowing(Element f) {
    return switch (f.asType().getKind()) {
      case BYTE -> "(byte) ";
      case SHORT -> "(short) ";
      case CHAR -> "(char) ";
      case FLOAT -> "(float) ";
      default -> "";
    };
  }


  /**
   * Prints {@code tree} from the source with rewrites. With {@code code}, jumps to lowered
   * statements become {@link Code.Jump}s and captured hoisted locals read fresh copies; without,
   * the text is a witness: same static type, never evaluated.
   */
  private Code render(Tree tree, boolean code) {
    Renderer r = new Renderer(code, pos.getStartPosition(unit, tree));
    List<LocalVar> bindings = new ArrayList<>();
    pendingBindings.push(bindings);
    scopes.push();
    try {
      r.scan(tree, null);
    } finally {
      scopes.pop();
      pendingBindings.pop();
    }
    // Pattern bindings of a lowered condition stay in scope for the rest of the statement
    // (and after it, when the condition was negated): JLS 6.3.1 flow scoping, over-approximated.
    for (LocalVar b : bindings) {
      scopes.hoisted(b.sourceName(), b);
    }
    return r.finish(pos.getEndPosition(unit, tree));
  }

  private boolean hoistBindings;
  private final java.util.ArrayDeque<List<LocalVar>> pendingBindings = new java.util.ArrayDeque<>();

  private final class Renderer extends TreeScanner<Void, Void> {
    private final boolean code;
    private final List<Code.Part> parts = new ArrayList<>();
    private final Map<String, Code.Capture> captures = new LinkedHashMap<>();
    private final StringBuilder text = new StringBuilder();
    private long cursor;
    private int classDepth;

    private final long start;
    private final java.util.ArrayDeque<Set<String>> classMethods = new java.util.ArrayDeque<>();

    Renderer(boolean code, long start) {
      this.code = code;
      this.cursor = start;
      this.start = start;
      if (start < 0) {
        throw new IllegalStateException("no source positions: compile with javac's tree API");
      }
    }

    Code finish(long end) {
      if (end < cursor) {
        throw new IllegalStateException("no end positions: compile with javac's tree API");
      }
      text.append(src, (int) cursor, (int) end);
      flush();
      int lineStart = src.lastIndexOf('\n', (int) start - 1) + 1;
      int column = 0;
      while (lineStart + column < start && src.charAt(lineStart + column) == ' ') {
        column++;
      }
      List<Code.Part> out = new ArrayList<>();
      for (Code.Part p : parts) {
        out.add(p instanceof Code.Text t ? new Code.Text(dedent(t.text(), column)) : p);
      }
      List<Code.Capture> all = new ArrayList<>(captures.values());
      all.addAll(nestedCaptures);
      return new Code(out, all, (int) unit.getLineMap().getLineNumber(start));
    }

    /**
     * The copies a separately rendered part (a returned or yielded value) reads: they are taken
     * with this fragment's own, before it runs.
     */
    private final List<Code.Capture> nestedCaptures = new ArrayList<>();

    /** Removes the source's indentation of continuation lines; the emitter re-indents them. */
    private String dedent(String s, int column) {
      if (column <= 0 || s.indexOf('\n') < 0) {
        return s;
      }
      StringBuilder sb = new StringBuilder();
      String[] lines = s.split("\n", -1);
      sb.append(lines[0]);
      for (int i = 1; i < lines.length; i++) {
        String l = lines[i];
        int k = 0;
        while (k < column && k < l.length() && l.charAt(k) == ' ') {
          k++;
        }
        sb.append('\n').append(l.substring(k));
      }
      return sb.toString();
    }

    private void flush() {
      if (text.length() > 0) {
        parts.add(new Code.Text(text.toString()));
        text.setLength(0);
      }
    }

    private void replace(Tree t, String with) {
      long s = pos.getStartPosition(unit, t);
      long e = pos.getEndPosition(unit, t);
      if (s < cursor || e < s) {
        return;
      }
      text.append(src, (int) cursor, (int) s).append(with);
      cursor = e;
    }

    private void jump(Tree t, Code.Jump j) {
      long s = pos.getStartPosition(unit, t);
      text.append(src, (int) cursor, (int) s);
      flush();
      parts.add(j);
      cursor = pos.getEndPosition(unit, t);
    }

    @Override
    public Void visitIdentifier(IdentifierTree node, Void unused) {
      String n = node.getName().toString();
      if (enumLabels.contains(node)) {
        return null;
      }
      if (n.equals("this")) {
        if (classDepth == 0) {
          replace(node, selfName);
        }
        return null;
      }
      if (n.equals("super")) {
        if (classDepth == 0) {
          diag.error(node, unit, Message.UNSUPPORTED, "super in an @Async body",
              "call the superclass method from a helper method");
        }
        return null;
      }
      Scopes.Binding b = scopes.lookup(n);
      if (b != null) {
        if (b.kind() == Scopes.Kind.HOISTED) {
          LocalVar v = b.variable();
          if (code && directFields && classCaptures != null && scopes.depth() > b.depth()
              && !constantNames.contains(v.fieldName())) {
            // Read from the class's own copy (see withCapturedFields).
            classCaptures.putIfAbsent(n, v);
            return null;
          }
          if (code && !directFields && scopes.depth() > b.depth()) {
            Code.Capture c = captures.computeIfAbsent(v.fieldName(),
                f -> v.localClass() == null
                    ? new Code.Capture(freshLocalName(v.sourceName() + "Copy"), f, v.typeText())
                    : new Code.Capture(freshLocalName(v.sourceName() + "Copy"),
                        "(" + v.localClass() + ") " + f, v.localClass()));
            replace(node, c.copyName());
          } else if (v.localClass() != null && node != assignTarget) {
            replace(node, "((" + v.localClass() + ") " + v.fieldName() + ")");
          } else if (!v.fieldName().equals(n)) {
            replace(node, v.fieldName());
          }
        }
        return null;
      }
      Element f = names.findMember(n, ElementKind.FIELD);
      if (f != null && isPrivate(f) && ownPrivate(node, f) != null && !localClassMayInherit(n)) {
        replace(node, privateRead(f));
        return null;
      }
      if (f != null) {
        String prefix = memberPrefix(node, f, code);
        if (prefix != null) {
          replace(node, prefix + n);
        }
        return null;
      }
      String imp = names.staticImportOwner(n);
      if (imp != null) {
        replace(node, imp + "." + n);
        return null;
      }
      if (node != calledSelect) {
        typeName(node);
      }
      return null;
    }

    /**
     * Rewrites the names of a type tree that the companion would read as another type (a member
     * type of the user's class, inherited or not, or one a generated name would shadow).
     */
    private void typeTree(Tree t) {
      if (t == null) {
        return;
      }
      if (t instanceof IdentifierTree id) {
        if (!id.getName().contentEquals("var")) {
          typeName(id);
        }
      } else if (t instanceof MemberSelectTree ms) {
        ExpressionTree left = ms.getExpression();
        while (left instanceof MemberSelectTree q) {
          left = q.getExpression();
        }
        if (left instanceof IdentifierTree id) {
          typeName(id);
        }
      } else if (t instanceof ParameterizedTypeTree p) {
        typeTree(p.getType());
        for (Tree a : p.getTypeArguments()) {
          typeTree(a);
        }
      } else if (t instanceof ArrayTypeTree a) {
        typeTree(a.getType());
      } else if (t instanceof WildcardTree w) {
        typeTree(w.getBound());
      } else if (t instanceof AnnotatedTypeTree a) {
        typeTree(a.getUnderlyingType());
      } else if (t instanceof UnionTypeTree u) {
        for (Tree a : u.getTypeAlternatives()) {
          typeTree(a);
        }
      } else if (t instanceof IntersectionTypeTree i) {
        for (Tree a : i.getBounds()) {
          typeTree(a);
        }
      }
    }

    /** A simple name that denotes a type: rewritten when the companion reads it otherwise. */
    private void typeName(IdentifierTree id) {
      if (pos.getStartPosition(unit, id) < 0) {
        return; // an implicit type (a lambda parameter's)
      }
      String n = id.getName().toString();
      TypeElement te = names.type(n, methodPath);
      String w = te == null ? null : names.companionType(n, te, method.getModifiers().contains(Modifier.STATIC));
      if (w != null) {
        replace(id, w);
      }
    }

    public Void visitMemberSelect(MemberSelectTree node, Void unused) {
      if (node.getIdentifier().contentEquals("this")
          && node.getExpression() instanceof IdentifierTree q
          && q.getName().contentEquals(owner.getSimpleName())) {
        replace(node, selfName);
        return null;
      }
      TypeElement outer = names.enclosingType(owner);
      if (node.getIdentifier().contentEquals("this")
          && node.getExpression() instanceof IdentifierTree q
          && outer != null
          && !owner.getModifiers().contains(Modifier.STATIC)
          && q.getName().contentEquals(outer.getSimpleName())) {
        outerType = outer;
        replace(node, "outer()");
        return null;
      }
      Element f = thisPrivate(node, ElementKind.FIELD);
      if (f != null) {
        replace(node, privateRead(f));
        return null;
      }
      Element other = node == calledSelect ? null : hiddenMember(node, ElementKind.FIELD, -1);
      if (other != null) {
        String constant = constantValue(other);
        if (other.getModifiers().contains(Modifier.STATIC) || constant != null) {
          if (isTypeReceiver(node.getExpression()) || stable(node.getExpression())) {
            replace(node, constant != null ? constant : privateRead(other));
          } else {
            // JLS 15.11.1: the receiver expression is evaluated, and its value discarded.
            print(node, "typed(", node.getExpression(), ", " + (constant != null ? constant : privateRead(other)) + ")");
          }
          return null;
        }
        print(node, privateReadHead(other), node.getExpression(), "))");
        return null;
      }
      return super.visitMemberSelect(node, unused);
    }

    /** The private member {@code this.name} names, or null. */
    private Element thisPrivate(Tree t, ElementKind kind) {
      if (t instanceof IdentifierTree id && scopes.lookup(id.getName().toString()) == null
          && classDepth > 0 && !localClassMayInherit(id.getName().toString())) {
        Element m = names.findMember(id.getName().toString(), kind);
        return m != null && isPrivate(m) ? ownPrivate(t, m) : null;
      }
      if (classDepth == 0
          && t instanceof MemberSelectTree ms
          && ms.getExpression() instanceof IdentifierTree id
          && id.getName().contentEquals("this")) {
        Element m = names.findMember(ms.getIdentifier().toString(), kind);
        return m != null && isPrivate(m) ? ownPrivate(t, m) : null;
      }
      if (classDepth == 0 && t instanceof IdentifierTree id && scopes.lookup(id.getName().toString()) == null) {
        Element m = names.findMember(id.getName().toString(), kind);
        return m != null && isPrivate(m) ? ownPrivate(t, m) : null;
      }
      return null;
    }

    private Element ownPrivate(Tree at, Element m) {
      if (names.isOwnerOrSuper((TypeElement) m.getEnclosingElement())) {
        return m;
      }
      if (!m.getModifiers().contains(Modifier.STATIC)) {
        diag.error(at, unit, Message.UNSUPPORTED,
            "the private member " + m.getSimpleName() + " of an enclosing class",
            "make it package-private");
      }
      return m.getModifiers().contains(Modifier.STATIC) ? m : null;
    }

    /**
     * Whether an unqualified {@code name} inside a local or anonymous class body may name a member
     * the class inherits from its supertypes rather than one of the user's class.
     */
    private boolean localClassMayInherit(String name) {
      for (Set<String> names : classMethods) {
        if (names.contains(name)) {
          return true;
        }
      }
      for (List<TypeElement> supers : classSupers) {
        for (TypeElement t : supers) {
          if (t == null) {
            return true;
          }
          for (Element e : calls.members(t)) {
            if (e.getSimpleName().contentEquals(name)) {
              return true;
            }
          }
        }
      }
      return false;
    }

    private final java.util.ArrayDeque<List<TypeElement>> classSupers = new java.util.ArrayDeque<>();

    private TypeElement superType(Tree t) {
      TypeMirror tm = names.typeFromTree(t, methodPath);
      if (tm instanceof javax.lang.model.type.DeclaredType dt) {
        return (TypeElement) dt.asElement();
      }
      Tree raw = t instanceof ParameterizedTypeTree pt ? pt.getType() : t;
      if (!(raw instanceof IdentifierTree id)) {
        return null;
      }
      for (AsyncCalls.Import imp : calls.unit(unit).imports()) {
        String q = imp.qualified();
        if (!imp.isStatic() && q.endsWith(".*")
            && calls.typeElement(q.substring(0, q.length() - 1) + id.getName()) != null) {
          return calls.typeElement(q.substring(0, q.length() - 1) + id.getName());
        }
      }
      return calls.typeElement("java.lang." + id.getName());
    }

    /**
     * Prints {@code whole} as its parts in order: a {@code String} as it is, a {@code Tree} (a
     * subtree of {@code whole}) rendered; each subtree may appear more than once.
     */
    private void print(Tree whole, Object... parts) {
      long s = pos.getStartPosition(unit, whole);
      if (s < cursor) {
        return;
      }
      text.append(src, (int) cursor, (int) s);
      for (Object part : parts) {
        if (part instanceof Tree t) {
          cursor = pos.getStartPosition(unit, t);
          scan(t, null);
          long e = pos.getEndPosition(unit, t);
          text.append(src, (int) cursor, (int) e);
        } else {
          text.append((String) part);
        }
      }
      cursor = pos.getEndPosition(unit, whole);
    }

    /** Prints {@code whole} as {@code before + inner + after}. */
    private void around(Tree whole, List<? extends Tree> inner, String before, String after) {
      long s = pos.getStartPosition(unit, whole);
      text.append(src, (int) cursor, (int) s).append(before);
      if (inner.isEmpty()) {
        text.append(after);
        cursor = pos.getEndPosition(unit, whole);
        return;
      }
      cursor = pos.getStartPosition(unit, inner.get(0));
      for (Tree t : inner) {
        scan(t, null);
      }
      long lastEnd = pos.getEndPosition(unit, inner.get(inner.size() - 1));
      long end = pos.getEndPosition(unit, whole);
      text.append(src, (int) cursor, (int) lastEnd);
      text.append(after);
      cursor = end;
    }

    private Tree assignTarget;
    private Tree calledSelect;

    @Override
    public Void visitAssignment(AssignmentTree node, Void unused) {
      assignTarget = node.getVariable();
      Element f = thisPrivate(node.getVariable(), ElementKind.FIELD);
      if (f != null) {
        String h = handle(f).constant();
        String recv = f.getModifiers().contains(Modifier.STATIC) ? "" : selfName + ", ";
        around(node, List.of(node.getExpression()), h + ".set(" + recv, ")");
        return null;
      }
      Element hidden = hiddenMember(node.getVariable(), ElementKind.FIELD, -1);
      if (hidden != null) {
        ExpressionTree recv = ((MemberSelectTree) node.getVariable()).getExpression();
        if (hidden.getModifiers().contains(Modifier.STATIC)) {
          print(node, handle(hidden).constant() + ".set(", node.getExpression(), ")");
        } else {
          print(node, handle(hidden).constant() + ".set(", recv, ", ", node.getExpression(), ")");
        }
        return null;
      }
      return super.visitAssignment(node, unused);
    }

    @Override
    public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
      Element f = thisPrivate(node.getVariable(), ElementKind.FIELD);
      if (f != null) {
        String[] w = privateWrite(f);
        around(node, List.of(node.getExpression()),
            w[0] + narrowing(f) + "(" + privateRead(f) + " " + operator(node.getKind()) + " (",
            "))" + w[1]);
        return null;
      }
      Element hidden = hiddenMember(node.getVariable(), ElementKind.FIELD, -1);
      if (hidden != null) {
        ExpressionTree recv = ((MemberSelectTree) node.getVariable()).getExpression();
        String h = handle(hidden).constant();
        String op = " " + operator(node.getKind()) + " (";
        if (hidden.getModifiers().contains(Modifier.STATIC)) {
          print(node, h + ".set(" + narrowing(hidden) + "(" + privateRead(hidden) + op, node.getExpression(), ")))");
        } else if (stable(recv)) {
          print(node, h + ".set(", recv, ", " + narrowing(hidden) + "(" + privateReadHead(hidden), recv, "))" + op,
              node.getExpression(), ")))");
        } else {
          errorOnce(node, unit, Message.UNSUPPORTED,
              "a compound assignment to the private field " + hidden.getSimpleName() + " of a computed receiver",
              "assign the receiver to a local first");
        }
        return null;
      }
      return super.visitCompoundAssignment(node, unused);
    }

    @Override
    public Void visitExpressionStatement(ExpressionStatementTree node, Void unused) {
      if (node.getExpression() instanceof UnaryTree u && u.getKind().name().contains("CREMENT")
          && hiddenIncrement(u, true)) {
        return null;
      }
      return super.visitExpressionStatement(node, unused);
    }

    @Override
    public Void visitUnary(UnaryTree node, Void unused) {
      if (node.getKind().name().contains("CREMENT") && hiddenIncrement(node, false)) {
        return null;
      }
      return super.visitUnary(node, unused);
    }

    /**
     * Prints {@code ++}/{@code --} of a field the companion cannot use directly, through {@code
     * getAndAdd}; false when {@code u}'s operand is no such field. As a statement (or a lambda body,
     * which may be one) the result must be a method call: a cast is not a statement.
     */
    private boolean hiddenIncrement(UnaryTree u, boolean statement) {
      ExpressionTree v = u.getExpression();
      ExpressionTree recv = null;
      Element f = thisPrivate(v, ElementKind.FIELD);
      if (f == null) {
        f = hiddenMember(v, ElementKind.FIELD, -1);
        if (f == null) {
          return false;
        }
        recv = ((MemberSelectTree) v).getExpression();
      }
      if (!f.asType().getKind().isPrimitive()) {
        errorOnce(u, unit, Message.UNSUPPORTED, "++ or -- of the boxed private field " + f.getSimpleName(),
            "write " + f.getSimpleName() + " = " + f.getSimpleName() + " + 1");
        return true;
      }
      Tree.Kind kind = u.getKind();
      boolean inc = kind == Tree.Kind.PREFIX_INCREMENT || kind == Tree.Kind.POSTFIX_INCREMENT;
      boolean prefix = kind == Tree.Kind.PREFIX_INCREMENT || kind == Tree.Kind.PREFIX_DECREMENT;
      String one = switch (f.asType().getKind()) {
        case LONG -> "1L";
        case FLOAT -> "1f";
        case DOUBLE -> "1d";
        case BYTE -> "(byte) 1";
        case SHORT -> "(short) 1";
        case CHAR -> "(char) 1";
        default -> "1";
      };
      String delta = inc ? one : one.startsWith("(") ? one.replace(" 1", " -1") : "-" + one;
      List<Object> call = new ArrayList<>();
      call.add(handle(f).constant() + ".getAndAdd(");
      if (!f.getModifiers().contains(Modifier.STATIC)) {
        if (recv == null) {
          call.add(selfName + ", ");
        } else {
          call.add(recv);
          call.add(", ");
        }
      }
      call.add(delta + ")");
      if (statement) {
        print(u, call.toArray());
        return true;
      }
      String t = typeText(f.asType());
      List<Object> value = new ArrayList<>();
      value.add(prefix ? "((" + t + ") (((" + t + ") " : "((" + t + ") ");
      value.addAll(call);
      value.add(prefix ? ") + " + delta + "))" : ")");
      if (u == lambdaBody) {
        value.add(0, "typed(");
        value.add(", (" + calls.types().boxedClass((javax.lang.model.type.PrimitiveType) f.asType())
            .getQualifiedName() + ") null)");
      }
      print(u, value.toArray());
      return true;
    }

    private Tree lambdaBody;

    /** {@code invokeM(args)} or {@code invokeMOf(receiver, args)}: a call of hidden method {@code m}. */
    private List<Object> hiddenCallParts(MethodInvocationTree node, Element m) {
      List<Object> parts = new ArrayList<>();
      ExpressionTree recv = ((MemberSelectTree) node.getMethodSelect()).getExpression();
      boolean isStatic = m.getModifiers().contains(Modifier.STATIC);
      if (isStatic) {
        parts.add(privateCall(node, m, node.getArguments().size())[0]);
      } else {
        privateCall(node, m, node.getArguments().size());
        parts.add(handle(m, false, true).wrapper().name() + "(");
        parts.add(recv);
      }
      String sep = isStatic ? "" : ", ";
      for (ExpressionTree a : node.getArguments()) {
        parts.add(sep);
        parts.add(a);
        sep = ", ";
      }
      parts.add(")");
      return parts;
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
      if (isAwaitCall(node)) {
        // A hoisted local or parameter named io would obscure the package (JLS 6.4.2).
        replace(node.getMethodSelect(), names.obscured("io") ? "awaitedValue" : AWAIT_QUALIFIED);
        scan(node.getArguments(), null);
        return null;
      }
      calledSelect = node.getMethodSelect();
      Element sm = superMethod(node);
      if (sm != null && classDepth == 0) {
        around(node, node.getArguments(), handle(sm, true).wrapper().name() + "(", ")");
        return null;
      }
      Element pm = thisPrivate(node.getMethodSelect(), ElementKind.METHOD);
      if (pm != null) {
        String[] ht = privateCall(node, pm, node.getArguments().size());
        around(node, node.getArguments(), ht[0], ")" + ht[1].substring(1));
        return null;
      }
      Element hm = hiddenMember(node.getMethodSelect(), ElementKind.METHOD, node.getArguments().size());
      if (hm != null) {
        print(node, hiddenCallParts(node, hm).toArray());
        return null;
      }
      if (node.getMethodSelect() instanceof IdentifierTree id && reachesUserMethod(id)) {
        String n = id.getName().toString();
        Element m = names.findMethod(n, node.getArguments().size());
        if (m != null) {
          String prefix = memberPrefix(id, m, code);
          if (prefix != null) {
            replace(id, prefix + typeArgsText(node) + n);
          }
        } else {
          String imp = names.staticImportOwner(n);
          if (imp != null) {
            replace(id, imp + "." + typeArgsText(node) + n);
          }
        }
        scan(node.getArguments(), null);
        return null;
      }
      return super.visitMethodInvocation(node, unused);
    }

    /**
     * Whether an unqualified call inside the rendered code names a method of the user's class: in
     * an anonymous or local class body it may be the class's own or an Object method instead.
     */
    private boolean reachesUserMethod(IdentifierTree id) {
      if (classDepth == 0) {
        return true;
      }
      String n = id.getName().toString();
      for (Set<String> names : classMethods) {
        if (names.contains(n)) {
          return false;
        }
      }
      Element m = names.findMember(n, ElementKind.METHOD);
      return m != null
          && !((TypeElement) m.getEnclosingElement()).getQualifiedName().contentEquals("java.lang.Object");
    }

    private String typeArgsText(MethodInvocationTree node) {
      return node.getTypeArguments().isEmpty() ? "" : typeArgs(node.getTypeArguments());
    }

    /** Case labels that name enum constants: unqualified, as javac requires (JLS 14.11.1). */
    private final Set<Tree> enumLabels = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    @Override
    public Void visitCase(CaseTree node, Void unused) {
      for (ExpressionTree e : node.getExpressions()) {
        if (enumLabel(e)) {
          enumLabels.add(e);
        }
      }
      return super.visitCase(node, unused);
    }

    @Override
    public Void visitVariable(VariableTree node, Void unused) {
      scan(node.getModifiers(), null);
      typeTree(node.getType());
      scan(node.getInitializer(), null);
      scopes.nativeLocal(node.getName().toString());
      return null;
    }

    @Override
    public Void visitNewClass(NewClassTree node, Void unused) {
      Element ctor = hiddenConstructor(node);
      if (ctor != null) {
        List<Object> parts = new ArrayList<>();
        parts.add(handle(ctor).wrapper().name() + "(");
        String sep = "";
        for (ExpressionTree a : node.getArguments()) {
          parts.add(sep);
          parts.add(a);
          sep = ", ";
        }
        parts.add(")");
        print(node, parts.toArray());
        return null;
      }
      String outerInstance =
          node.getEnclosingExpression() == null ? innerCreationReceiver(node.getIdentifier()) : null;
      if (outerInstance != null) {
        // The state machine is a static class: an inner class of the user's class needs its
        // enclosing instance spelled out (JLS 15.9.2), with the class's simple name.
        long s = pos.getStartPosition(unit, node);
        if (s >= cursor) {
          text.append(src, (int) cursor, (int) s).append(outerInstance).append('.');
          cursor = s;
        }
        Tree id = node.getIdentifier() instanceof ParameterizedTypeTree pt ? pt.getType() : node.getIdentifier();
        if (id instanceof MemberSelectTree ms) {
          replace(id, ms.getIdentifier().toString());
        }
      } else if (node.getEnclosingExpression() == null) {
        typeTree(node.getIdentifier());
      }
      scan(node.getEnclosingExpression(), null);
      scan(node.getArguments(), null);
      if (node.getClassBody() != null) {
        TypeElement sup = superType(node.getIdentifier());
        classSupers.push(sup == null ? java.util.Collections.singletonList(null) : List.of(sup));
        try {
          scan(node.getClassBody(), null);
        } finally {
          classSupers.pop();
        }
      }
      return null;
    }

    @Override
    public Void visitClass(ClassTree node, Void unused) {
      typeTree(node.getExtendsClause());
      for (Tree t : node.getImplementsClause()) {
        typeTree(t);
      }
      boolean local = node.getSimpleName().length() > 0;
      if (local) {
        List<TypeElement> supers = new ArrayList<>();
        if (node.getExtendsClause() != null) {
          supers.add(superType(node.getExtendsClause()));
        }
        for (Tree t : node.getImplementsClause()) {
          supers.add(superType(t));
        }
        classSupers.push(supers);
      }
      scopes.push();
      scopes.enterBody();
      classDepth++;
      Set<String> methods = new HashSet<>();
      for (Tree m : node.getMembers()) {
        if (m instanceof VariableTree v) {
          scopes.nativeLocal(v.getName().toString());
        }
        if (m instanceof MethodTree mt) {
          methods.add(mt.getName().toString());
        }
      }
      classMethods.push(methods);
      try {
        for (Tree m : node.getMembers()) {
          scan(m, null);
        }
      } finally {
        classMethods.pop();
        classDepth--;
        scopes.exitBody();
        scopes.pop();
        if (local) {
          classSupers.pop();
        }
      }
      if (node.getSimpleName().length() > 0) {
        scopes.nativeLocal(node.getSimpleName().toString());
      }
      return null;
    }

    @Override
    public Void visitMethod(MethodTree node, Void unused) {
      typeTree(node.getReturnType());
      scopes.push();
      for (VariableTree p : node.getParameters()) {
        typeTree(p.getType());
        scopes.nativeLocal(p.getName().toString());
      }
      for (Tree t : node.getThrows()) {
        typeTree(t);
      }
      scan(node.getBody(), null);
      scopes.pop();
      return null;
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
      scopes.push();
      scopes.enterBody();
      for (VariableTree p : node.getParameters()) {
        typeTree(p.getType());
        scopes.nativeLocal(p.getName().toString());
      }
      Tree outerBody = lambdaBody;
      lambdaBody = node.getBody();
      scan(node.getBody(), null);
      lambdaBody = outerBody;
      scopes.exitBody();
      scopes.pop();
      return null;
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree node, Void unused) {
      if (classDepth == 0
          && node.getQualifierExpression() instanceof IdentifierTree q
          && q.getName().contentEquals("this")) {
        Element m = names.findMember(node.getName().toString(), ElementKind.METHOD);
        if (m != null && isPrivate(m)) {
          replace(node, "this::" + handle(m).wrapper().name());
          return null;
        }
      }
      Element hidden = hiddenReference(node);
      if (hidden != null) {
        boolean unbound = hidden.getKind() == ElementKind.METHOD
            && !hidden.getModifiers().contains(Modifier.STATIC);
        if (classDepth > 0 || (unbound && !isTypeReceiver(node.getQualifierExpression()))) {
          errorOnce(node, unit, Message.UNSUPPORTED,
              "a method reference to " + hidden.getSimpleName() + ", which the companion cannot reach"
                  + (classDepth > 0 ? " inside a class body," : " through another instance,"),
              "write it as a lambda");
        } else {
          replace(node, "this::" + handle(hidden, false, unbound).wrapper().name());
        }
        return null;
      }
      scan(node.getQualifierExpression(), null);
      return null;
    }

    @Override
    public Void visitBlock(BlockTree node, Void unused) {
      scopes.push();
      super.visitBlock(node, unused);
      scopes.pop();
      return null;
    }

    @Override
    public Void visitForLoop(ForLoopTree node, Void unused) {
      scopes.push();
      super.visitForLoop(node, unused);
      scopes.pop();
      return null;
    }

    @Override
    public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void unused) {
      typeTree(node.getVariable().getType());
      scan(node.getExpression(), null);
      scopes.push();
      scopes.nativeLocal(node.getVariable().getName().toString());
      scan(node.getStatement(), null);
      scopes.pop();
      return null;
    }

    @Override
    public Void visitCatch(CatchTree node, Void unused) {
      scopes.push();
      typeTree(node.getParameter().getType());
      scopes.nativeLocal(node.getParameter().getName().toString());
      scan(node.getBlock(), null);
      scopes.pop();
      return null;
    }

    @Override
    public Void visitTry(TryTree node, Void unused) {
      scopes.push();
      scan(node.getResources(), null);
      scan(node.getBlock(), null);
      scopes.pop();
      scan(node.getCatches(), null);
      scan(node.getFinallyBlock(), null);
      return null;
    }

    @Override
    public Void visitTypeCast(TypeCastTree node, Void unused) {
      typeTree(node.getType());
      scan(node.getExpression(), null);
      return null;
    }

    @Override
    public Void visitInstanceOf(InstanceOfTree node, Void unused) {
      if (node.getPattern() instanceof BindingPatternTree bp
          && code
          && hoistBindings
          && scopes.depth() == 0
          && classDepth == 0) {
        // The binding is read after an await, in another state: make it a field.
        VariableTree bv = bp.getVariable();
        String type = text(bv.getType());
        String tmp = freshTemp("instance", "java.lang.Object").fieldName();
        LocalVar b = newLocal(bv.getName().toString(), type);
        pendingBindings.peek().add(b);
        around(node, List.of(node.getExpression()), "((" + tmp + " = ",
            ") instanceof " + type + " && (" + b.fieldName() + " = (" + type + ") " + tmp
                + ") != null)");
        return null;
      }
      if (PatternTrees.is(node.getPattern(), "DECONSTRUCTION_PATTERN")
          && code
          && hoistBindings
          && scopes.depth() == 0
          && classDepth == 0) {
        List<LocalVar> bound = new ArrayList<>();
        String[] parts = recordInstanceOf(node, bound);
        pendingBindings.peek().addAll(bound);
        around(node, List.of(node.getExpression()), parts[0], parts[1]);
        return null;
      }
      scan(node.getExpression(), null);
      typeTree(node.getType());
      if (node.getPattern() instanceof BindingPatternTree bp) {
        scopes.nativeLocal(bp.getVariable().getName().toString());
      }
      return null;
    }

    @Override
    public Void visitParameterizedType(ParameterizedTypeTree node, Void unused) {
      typeTree(node);
      return null;
    }

    @Override
    public Void visitArrayType(ArrayTypeTree node, Void unused) {
      typeTree(node);
      return null;
    }

    @Override
    public Void visitAnnotation(AnnotationTree node, Void unused) {
      return null;
    }

    @Override
    public Void visitNewArray(NewArrayTree node, Void unused) {
      typeTree(node.getType());
      scan(node.getDimensions(), null);
      scan(node.getInitializers(), null);
      return null;
    }

    @Override
    public Void visitLabeledStatement(LabeledStatementTree node, Void unused) {
      return super.visitLabeledStatement(node, unused);
    }

    @Override
    public Void visitBreak(BreakTree node, Void unused) {
      if (code && scopes.depth() == 0) {
        int id = targetOf(pathTo(node), JumpKind.BREAK, node.getLabel());
        if (id > 0) {
          jump(node, new Code.Jump(JumpKind.BREAK, id, null));
        }
      }
      return null;
    }

    @Override
    public Void visitContinue(ContinueTree node, Void unused) {
      if (code && scopes.depth() == 0) {
        int id = targetOf(pathTo(node), JumpKind.CONTINUE, node.getLabel());
        if (id > 0) {
          jump(node, new Code.Jump(JumpKind.CONTINUE, id, null));
        }
      }
      return null;
    }

    @Override
    public Void visitReturn(ReturnTree node, Void unused) {
      if (code && scopes.depth() == 0) {
        Code value = node.getExpression() == null ? null : render(node.getExpression(), true);
        if (value != null) {
          nestedCaptures.addAll(value.captures());
        }
        String cast = returnCast();
        if (value != null && cast != null) {
          List<Code.Part> parts = prepend(cast + "(", value.parts());
          parts.add(new Code.Text(")"));
          value = new Code(parts, value.captures(), value.line());
        }
        jump(node, new Code.Jump(JumpKind.RETURN, 0, value));
        return null;
      }
      return super.visitReturn(node, unused);
    }

    @Override
    public Void visitYield(YieldTree node, Void unused) {
      if (code && scopes.depth() == 0) {
        int id = targetOf(pathTo(node), JumpKind.YIELD, null);
        if (id > 0) {
          Code value = render(node.getValue(), true);
          nestedCaptures.addAll(value.captures());
          jump(node, new Code.Jump(JumpKind.YIELD, id, value));
          return null;
        }
      }
      return super.visitYield(node, unused);
    }
  }

  /** The id of the lowered statement a jump targets, or 0 when the target stays native. */
  private int targetOf(TreePath path, JumpKind kind, javax.lang.model.element.Name label) {
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      Tree l = p.getLeaf();
      if (l instanceof LambdaExpressionTree || l instanceof ClassTree || l instanceof MethodTree) {
        return 0;
      }
      Tree target = null;
      if (label != null) {
        if (l instanceof LabeledStatementTree ls && ls.getLabel().contentEquals(label)) {
          target = isLoop(ls.getStatement()) ? ls.getStatement() : ls;
        }
      } else if (kind == JumpKind.YIELD) {
        if (l instanceof SwitchExpressionTree) {
          target = l;
        }
      } else if (isLoop(l) || (kind == JumpKind.BREAK && l instanceof SwitchTree)) {
        target = l;
      } else if (l instanceof SwitchExpressionTree) {
        return 0;
      }
      if (target != null) {
        Integer id = targetIds.get(target);
        return id == null ? 0 : id;
      }
    }
    return 0;
  }
}
