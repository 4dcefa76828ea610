package io.asyncio4j.processor.scan;

import com.sun.source.tree.*;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import io.asyncio4j.processor.diag.DeferProcessing;
import java.util.HashMap;
import java.util.List;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Answers, for a name in a copied {@code @Async} body, what it denotes in the user's class (JLS
 * 6.5) and how the companion must write it to denote the same thing. It reads javac's elements
 * and scopes, never the body's text; {@link BodyReader} asks it and prints the answer.
 *
 * <p>Invariants: one instance serves one method; what it learned about the body (the names the
 * generated code takes, the locals javac sees at a statement) only grows.
 *
 * <p>Threading: javac's processing thread only.
 */
final class NameResolver {
  private final Trees trees;
  private final Elements elements;
  private final AsyncCalls calls;
  private final CompilationUnitTree unit;
  private final SourcePositions pos;
  private final TypeElement owner;
  private final ExecutableElement method;
  private final TreePath methodPath;
  /** Names the generated code declares (shared with the reader, which adds to it). */
  private final Set<String> taken;
  private final Map<Tree, Map<String, TypeMirror>> scopeCache = new IdentityHashMap<>();
  private Set<String> bodyNames = Set.of();

  NameResolver(
      Trees trees,
      Elements elements,
      AsyncCalls calls,
      TreePath methodPath,
      TypeElement owner,
      ExecutableElement method,
      Set<String> taken) {
    this.trees = trees;
    this.elements = elements;
    this.calls = calls;
    this.methodPath = methodPath;
    this.unit = methodPath.getCompilationUnit();
    this.pos = trees.getSourcePositions();
    this.owner = owner;
    this.method = method;
    this.taken = taken;
  }

  /** Every name the body uses: a variable of the generated code named so obscures a package. */
  void bodyNames(Set<String> names) {
    bodyNames = names;
  }

  private int line(Tree t) {
    return (int) unit.getLineMap().getLineNumber(pos.getStartPosition(unit, t));
  }

  boolean ownerHasMethod(String name) {
    for (Element m : calls.members(owner)) {
      if (m.getKind() == ElementKind.METHOD && m.getSimpleName().contentEquals(name)) {
        return true;
      }
    }
    return false;
  }

  ExecutableElement uniqueMethod(TypeElement t, String name, int arity) {
    ExecutableElement found = null;
    for (Element m : t.getEnclosedElements()) {
      if (m.getKind() == ElementKind.METHOD && m.getSimpleName().contentEquals(name)) {
        if (found != null || ((ExecutableElement) m).getParameters().size() != arity) {
          return null;
        }
        found = (ExecutableElement) m;
      }
    }
    if (found == null && t.getSuperclass() instanceof javax.lang.model.type.DeclaredType sup) {
      return uniqueMethod((TypeElement) sup.asElement(), name, arity);
    }
    return found;
  }

  TypeMirror primitiveNamed(String name) {
    for (TypeKind k : TypeKind.values()) {
      if (k.isPrimitive() && k.name().toLowerCase(java.util.Locale.ROOT).equals(name)) {
        return calls.types().getPrimitiveType(k);
      }
    }
    return null;
  }

  boolean hasMethodNamed(TypeElement t, String name) {
    for (Element e : t.getEnclosedElements()) {
      if (e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(name)) {
        return true;
      }
    }
    return false;
  }

  TypeElement enclosingType(TypeElement t) {
    return t.getEnclosingElement() instanceof TypeElement e ? e : null;
  }

  /**
   * The attributed type of local {@code name} in scope at the statement enclosing {@code path},
   * via {@link Trees#getScope} (javac attributes a copy of the body up to that point).
   */
  TypeMirror localType(TreePath path, String name) {
    TreePath stmt = path;
    while (stmt != null && !(stmt.getLeaf() instanceof StatementTree)) {
      stmt = stmt.getParentPath();
    }
    if (stmt == null) {
      return null;
    }
    Map<String, TypeMirror> scope = scopeCache.get(stmt.getLeaf());
    if (scope == null) {
      scope = new HashMap<>();
      try {
        for (Element e : trees.getScope(stmt).getLocalElements()) {
          ElementKind k = e.getKind();
          if (k == ElementKind.LOCAL_VARIABLE
              || k == ElementKind.PARAMETER
              || k == ElementKind.EXCEPTION_PARAMETER
              || k == ElementKind.RESOURCE_VARIABLE
              || k.name().equals("BINDING_VARIABLE")) {
            scope.putIfAbsent(e.getSimpleName().toString(), e.asType());
          }
        }
      } catch (RuntimeException e) {
        // JDK-8347989: getScope can fail on not-yet-attributed source; retry next round.
        throw new DeferProcessing("the locals in scope at line " + line(stmt.getLeaf()) + " (" + e + ")", false);
      }
      scopeCache.put(stmt.getLeaf(), scope);
    }
    return scope.get(name);
  }

  /** Whether a variable of the generated code may be named {@code name}, obscuring a package. */
  boolean obscured(String name) {
    return bodyNames.contains(name) || taken.contains(name);
  }

  /**
   * How the generated code names the class {@code qualified}: its qualified name, unless a local,
   * parameter or field of the state machine obscures the package's first name (JLS 6.4.2); then
   * the name relative to the user's package or to a single-type import, which the companion
   * shares.
   */
  String typeRef(String qualified) {
    int dot = qualified.indexOf('.');
    if (dot < 0 || !obscured(qualified.substring(0, dot))) {
      return qualified;
    }
    String pkg = elements.getPackageOf(owner).getQualifiedName().toString();
    if (!pkg.isEmpty() && qualified.startsWith(pkg + ".")) {
      return qualified.substring(pkg.length() + 1);
    }
    for (AsyncCalls.Import imp : calls.unit(unit).imports()) {
      String q = imp.qualified();
      if (!imp.isStatic() && !q.endsWith(".*") && (qualified.equals(q) || qualified.startsWith(q + "."))) {
        return q.substring(q.lastIndexOf('.') + 1) + qualified.substring(q.length());
      }
    }
    return qualified;
  }

  Element findMember(String name, ElementKind kind) {
    for (TypeElement t = owner; t != null; t = enclosingType(t)) {
      for (Element m : calls.members(t)) {
        // An enum constant is a field too (JLS 8.9.1).
        boolean kindFits =
            m.getKind() == kind
                || (kind == ElementKind.FIELD && m.getKind() == ElementKind.ENUM_CONSTANT);
        if (kindFits && m.getSimpleName().contentEquals(name)) {
          return m;
        }
      }
    }
    return null;
  }

  /**
   * The method an unqualified call of {@code name} with {@code args} arguments names, as far as
   * static or not goes: among the overloads of the innermost class that has the name, those that
   * take that many arguments; when they are all static (or all instance methods) one of them,
   * else the first overload. Overloads that mix a static and an instance method of one arity are
   * left to the first one (javac resolves them; the prefix may then be the wrong kind).
   */
  Element findMethod(String name, int args) {
    for (TypeElement t = owner; t != null; t = enclosingType(t)) {
      Element first = null;
      Element staticFit = null;
      Element instanceFit = null;
      for (Element m : calls.members(t)) {
        if (m.getKind() != ElementKind.METHOD || !m.getSimpleName().contentEquals(name)) {
          continue;
        }
        if (first == null) {
          first = m;
        }
        ExecutableElement e = (ExecutableElement) m;
        int n = e.getParameters().size();
        if (e.isVarArgs() ? args >= n - 1 : args == n) {
          if (m.getModifiers().contains(Modifier.STATIC)) {
            staticFit = staticFit == null ? m : staticFit;
          } else {
            instanceFit = instanceFit == null ? m : instanceFit;
          }
        }
      }
      if (first != null) {
        if (staticFit != null && instanceFit == null) {
          return staticFit;
        }
        if (instanceFit != null && staticFit == null) {
          return instanceFit;
        }
        return first;
      }
    }
    return null;
  }

  boolean isOwnerOrSuper(TypeElement declaring) {
    return calls.types().isSubtype(
        calls.types().erasure(owner.asType()), calls.types().erasure(declaring.asType()));
  }

  String staticImportOwner(String name) {
    for (AsyncCalls.Import imp : calls.unit(unit).imports()) {
      if (!imp.isStatic() || imp.owner() == null) {
        continue;
      }
      String typeName = imp.owner();
      String member = imp.member();
      if (member.equals(name) || member.equals("*")) {
        TypeElement te = calls.typeElement(typeName);
        if (te == null) {
          continue;
        }
        for (Element e : te.getEnclosedElements()) {
          if (e.getSimpleName().contentEquals(name) && e.getModifiers().contains(Modifier.STATIC)) {
            return typeRef(te.getQualifiedName().toString());
          }
        }
      }
    }
    return null;
  }  /**
   * The type a type tree denotes at {@code at} in the user's class (with its type arguments when
   * they are all class or array types, else raw), or null when it is not a class, interface or array type the resolver can name.
   */
  TypeMirror typeFromTree(Tree t, TreePath at) {
    if (t instanceof ArrayTypeTree a) {
      TypeMirror c = typeFromTree(a.getType(), at);
      return c == null ? null : calls.types().getArrayType(c);
    }
    if (t instanceof ParameterizedTypeTree p) {
      TypeMirror raw = typeFromTree(p.getType(), at);
      if (!(raw instanceof javax.lang.model.type.DeclaredType dt)
          || p.getTypeArguments().size() != dt.getTypeArguments().size()) {
        return raw;
      }
      // Function<String, Foo>: with its arguments, so that members read through it have types.
      TypeMirror[] args = new TypeMirror[p.getTypeArguments().size()];
      for (int i = 0; i < args.length; i++) {
        args[i] = typeFromTree(p.getTypeArguments().get(i), at);
        if (!(args[i] instanceof javax.lang.model.type.DeclaredType)
            && !(args[i] instanceof javax.lang.model.type.ArrayType)) {
          return raw;
        }
      }
      return calls.types().getDeclaredType((TypeElement) dt.asElement(), args);
    }
    if (t instanceof AnnotatedTypeTree a) {
      return typeFromTree(a.getUnderlyingType(), at);
    }
    if (t instanceof PrimitiveTypeTree p) {
      return calls.types().getPrimitiveType(p.getPrimitiveTypeKind());
    }
    if (t instanceof IdentifierTree || t instanceof MemberSelectTree) {
      Element e = typeOrPackage((ExpressionTree) t, at);
      return e instanceof TypeElement te ? te.asType() : null;
    }
    return null;
  }

  // ---------------------------------------------------------------- JLS 6.3: locals in scope

  /**
   * The declaration of the local variable, parameter or pattern binding {@code name} in scope at
   * {@code at} (JLS 6.3), or null when the name is not a local there (a field, a type...). Scopes
   * are read from the tree: the statements before {@code at} in each enclosing block and switch
   * group, for/for-each/catch/resource/lambda variables, the method's parameters, and the pattern
   * bindings a condition introduces where it is true (or false). A class body in between hides the
   * local when it declares a field of that name.
   */
  VariableTree local(TreePath at, String name) {
    Tree child = at.getLeaf();
    for (TreePath p = at.getParentPath(); p != null; child = p.getLeaf(), p = p.getParentPath()) {
      Tree l = p.getLeaf();
      VariableTree found = null;
      if (l instanceof BlockTree b) {
        found = declaredBefore(b.getStatements(), child, name);
      } else if (l instanceof CaseTree c && c.getStatements() != null) {
        found = declaredBefore(c.getStatements(), child, name);
        if (found == null && p.getParentPath().getLeaf() instanceof SwitchTree s) {
          // A local of an earlier statement group is in scope in later groups (JLS 6.3).
          for (CaseTree earlier : s.getCases()) {
            if (earlier == c) {
              break;
            }
            if (earlier.getStatements() != null) {
              VariableTree v = declaredBefore(earlier.getStatements(), null, name);
              found = v != null ? v : found;
            }
          }
        }
      } else if (l instanceof ForLoopTree f) {
        found = declaredBefore(f.getInitializer(), child, name);
        if (found == null && (child == f.getStatement() || f.getUpdate().contains(child))) {
          found = binding(f.getCondition(), true, name);
        }
      } else if (l instanceof EnhancedForLoopTree f && child == f.getStatement()) {
        found = named(f.getVariable(), name);
      } else if (l instanceof CatchTree c && child == c.getBlock()) {
        found = named(c.getParameter(), name);
      } else if (l instanceof TryTree t && (t.getResources().contains(child) || child == t.getBlock())) {
        for (Tree r : t.getResources()) {
          if (r == child) {
            break;
          }
          found = r instanceof VariableTree v && v.getName().contentEquals(name) ? v : found;
        }
      } else if (l instanceof LambdaExpressionTree lambda) {
        for (VariableTree v : lambda.getParameters()) {
          found = found != null ? found : named(v, name);
        }
      } else if (l instanceof MethodTree m) {
        for (VariableTree v : m.getParameters()) {
          found = found != null ? found : named(v, name);
        }
      } else if (l instanceof ClassTree c) {
        for (Tree m : c.getMembers()) {
          if (m instanceof VariableTree v && v.getName().contentEquals(name)) {
            return null;
          }
        }
      } else if (l instanceof IfTree i) {
        if (child == i.getThenStatement()) {
          found = binding(i.getCondition(), true, name);
        } else if (child == i.getElseStatement()) {
          found = binding(i.getCondition(), false, name);
        }
      } else if (l instanceof WhileLoopTree w && child == w.getStatement()) {
        found = binding(w.getCondition(), true, name);
      } else if (l instanceof ConditionalExpressionTree c) {
        if (child == c.getTrueExpression()) {
          found = binding(c.getCondition(), true, name);
        } else if (child == c.getFalseExpression()) {
          found = binding(c.getCondition(), false, name);
        }
      } else if (l instanceof BinaryTree b && child == b.getRightOperand()) {
        if (b.getKind() == Tree.Kind.CONDITIONAL_AND) {
          found = binding(b.getLeftOperand(), true, name);
        } else if (b.getKind() == Tree.Kind.CONDITIONAL_OR) {
          found = binding(b.getLeftOperand(), false, name);
        }
      }
      if (found != null) {
        return found;
      }
      if (l == methodPath.getLeaf()) {
        return null;
      }
    }
    return null;
  }

  /** The last of {@code stmts} before {@code stop} that declares {@code name}, or null. */
  private VariableTree declaredBefore(List<? extends Tree> stmts, Tree stop, String name) {
    VariableTree found = null;
    for (Tree s : stmts) {
      if (s == stop) {
        break;
      }
      if (s instanceof VariableTree v && v.getName().contentEquals(name)) {
        found = v;
      } else if (s instanceof IfTree i && i.getElseStatement() == null && !completesNormally(i.getThenStatement())) {
        // if (!(o instanceof T x)) return; ... x is in scope after the if (JLS 6.3.2.2).
        VariableTree b = binding(i.getCondition(), false, name);
        found = b != null ? b : found;
      }
    }
    return found;
  }

  /** Whether a statement can complete normally, conservatively (JLS 14.22): true when unsure. */
  static boolean completesNormally(StatementTree s) {
    if (s instanceof BlockTree b) {
      List<? extends StatementTree> l = b.getStatements();
      return l.isEmpty() || completesNormally(l.get(l.size() - 1));
    }
    return !(s instanceof ReturnTree || s instanceof ThrowTree || s instanceof BreakTree
        || s instanceof ContinueTree || s instanceof YieldTree);
  }

  private static VariableTree named(VariableTree v, String name) {
    return v.getName().contentEquals(name) ? v : null;
  }

  /**
   * The pattern binding {@code name} that {@code cond} introduces when it is {@code whenTrue}
   * (JLS 6.3.1), or null.
   */
  static VariableTree binding(ExpressionTree cond, boolean whenTrue, String name) {
    if (cond instanceof ParenthesizedTree p) {
      return binding(p.getExpression(), whenTrue, name);
    }
    if (cond instanceof UnaryTree u && u.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      return binding(u.getExpression(), !whenTrue, name);
    }
    if (cond instanceof BinaryTree b) {
      if ((b.getKind() == Tree.Kind.CONDITIONAL_AND && whenTrue)
          || (b.getKind() == Tree.Kind.CONDITIONAL_OR && !whenTrue)) {
        VariableTree l = binding(b.getLeftOperand(), whenTrue, name);
        return l != null ? l : binding(b.getRightOperand(), whenTrue, name);
      }
      return null;
    }
    if (cond instanceof InstanceOfTree i && whenTrue) {
      VariableTree[] found = {null};
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitBindingPattern(BindingPatternTree node, Void unused) {
          if (node.getVariable().getName().contentEquals(name)) {
            found[0] = node.getVariable();
          }
          return super.visitBindingPattern(node, unused);
        }
      }.scan(i.getPattern(), null);
      return found[0];
    }
    return null;
  }

  // ---------------------------------------------------------------- JLS 6.5: type names

  /**
   * The type simple name {@code simple} denotes at {@code at} in the user's class (JLS 6.5.5.1,
   * shadowing per 6.4.1), or null: a local class declared before {@code at}, a member type of the
   * class or an enclosing class (inherited ones too), a single-type import, a type of the
   * package, an on-demand import, {@code java.lang}. Type variables come first and give null.
   */
  TypeElement type(String simple, TreePath at) {
    if (typeVariable(simple)) {
      return null;
    }
    if (at != null && localClass(simple, at)) {
      return null;
    }
    for (TypeElement t = owner; t != null; t = enclosingType(t)) {
      TypeElement m = memberType(t, simple);
      if (m != null) {
        return m;
      }
      if (t.getNestingKind() == javax.lang.model.element.NestingKind.TOP_LEVEL
          && t.getSimpleName().contentEquals(simple)) {
        return t;
      }
    }
    return topLevelScope(simple);
  }

  /**
   * What simple name {@code simple} denotes as a type in the scope of the unit's top level: the
   * single-type imports (and single static imports of member types), the package, then on-demand
   * imports and {@code java.lang}; null when none has it. The companion shares this scope.
   */
  TypeElement topLevelScope(String simple) {
    for (AsyncCalls.Import imp : calls.unit(unit).imports()) {
      if (!imp.member().equals(simple)) {
        continue;
      }
      if (!imp.isStatic()) {
        TypeElement te = calls.typeElement(imp.qualified());
        if (te != null) {
          return te;
        }
      } else {
        TypeElement from = calls.typeElement(imp.owner());
        TypeElement m = from == null ? null : memberType(from, simple);
        if (m != null) {
          return m;
        }
      }
    }
    String pkg = elements.getPackageOf(owner).getQualifiedName().toString();
    // Only a type the package has: a miss of getTypeElement costs javac a search of every module.
    if (calls.mayHaveType(pkg, simple)) {
      TypeElement same = calls.typeElement(pkg.isEmpty() ? simple : pkg + "." + simple);
      if (same != null) {
        return same;
      }
    }
    for (AsyncCalls.Import imp : calls.unit(unit).imports()) {
      if (!imp.member().equals("*")) {
        continue;
      }
      String from = imp.qualified().substring(0, imp.qualified().length() - 2);
      TypeElement m = onDemand(from, simple);
      if (m != null) {
        return m;
      }
    }
    return onDemand("java.lang", simple);
  }

  /** Type {@code simple} of package (or member type of type) {@code from}, or null. */
  private TypeElement onDemand(String from, String simple) {
    if (elements.getPackageElement(from) != null) {
      if (calls.mayHaveType(from, simple)) {
        TypeElement te = calls.typeElement(from + "." + simple);
        if (te != null) {
          return te;
        }
      }
      return null;
    }
    TypeElement owner = calls.typeElement(from);
    return owner == null ? null : memberType(owner, simple);
  }

  /** The member type {@code simple} of {@code t}, declared or inherited (JLS 8.5), or null. */
  TypeElement memberType(TypeElement t, String simple) {
    for (Element e : calls.members(t)) {
      if (e instanceof TypeElement m && m.getSimpleName().contentEquals(simple)) {
        return m;
      }
    }
    return null;
  }

  /** Whether {@code simple} is a type variable of the method or of a class around it. */
  private boolean typeVariable(String simple) {
    for (javax.lang.model.element.TypeParameterElement tp : method.getTypeParameters()) {
      if (tp.getSimpleName().contentEquals(simple)) {
        return true;
      }
    }
    for (TypeElement t = owner; t != null; t = enclosingType(t)) {
      for (javax.lang.model.element.TypeParameterElement tp : t.getTypeParameters()) {
        if (tp.getSimpleName().contentEquals(simple)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a class, record, enum or interface named {@code simple} is declared in the body. */
  private boolean localClass(String simple, TreePath at) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree node, Void unused) {
        found[0] |= node.getSimpleName().contentEquals(simple);
        return super.visitClass(node, unused);
      }
    }.scan(((MethodTree) methodPath.getLeaf()).getBody(), null);
    return found[0];
  }

  /**
   * What a name used as a type or as the qualifier of a member denotes (JLS 6.5.2): a {@link
   * TypeElement}, a {@link javax.lang.model.element.PackageElement}, or null for an expression (a
   * variable in scope obscures a type or package of the same name) or a type the body declares.
   */
  Element typeOrPackage(ExpressionTree e, TreePath at) {
    Object c = classify(e, at);
    return c instanceof String p ? elements.getPackageElement(p) : (Element) c;
  }

  /** {@link #typeOrPackage}: a {@link TypeElement}, a package name (a String), or null. */
  private Object classify(ExpressionTree e, TreePath at) {
    if (e instanceof IdentifierTree id) {
      String n = id.getName().toString();
      if (n.equals("this") || n.equals("super") || (at != null && local(at, n) != null)
          || findMember(n, ElementKind.FIELD) != null || staticImportedField(n)) {
        return null;
      }
      TypeElement te = type(n, at);
      if (te != null) {
        return te;
      }
      // Neither a variable nor a type: a package name (JLS 6.5.2), known to javac or not.
      return typeVariable(n) || (at != null && localClass(n, at)) ? null : n;
    }
    if (e instanceof MemberSelectTree ms) {
      Object q = classify(ms.getExpression(), at);
      String n = ms.getIdentifier().toString();
      if (q instanceof String p) {
        TypeElement te = calls.mayHaveType(p, n) ? calls.typeElement(p + "." + n) : null;
        return te != null ? te : p + "." + n;
      }
      if (q instanceof TypeElement t) {
        for (Element m : calls.members(t)) {
          if (m.getKind().isField() && m.getSimpleName().contentEquals(n)) {
            return null;
          }
        }
        return memberType(t, n);
      }
    }
    return null;
  }

  private boolean staticImportedField(String name) {
    for (AsyncCalls.Import imp : calls.unit(unit).imports()) {
      if (imp.isStatic() && imp.owner() != null && (imp.member().equals(name) || imp.member().equals("*"))) {
        TypeElement te = calls.typeElement(imp.owner());
        if (te != null) {
          for (Element m : calls.members(te)) {
            if (m.getKind().isField() && m.getSimpleName().contentEquals(name)
                && m.getModifiers().contains(Modifier.STATIC)) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  /**
   * How the companion writes a simple type name that denotes {@code te} in the user's class: null
   * when the same simple name denotes the same type there (the companion shares the unit's
   * imports and package, but not the user class's member types), else {@code te}'s canonical name
   * (relative when a variable obscures its package, see {@link #typeRef}). An inner class of a
   * generic class is written {@code pkg.Outer<T>.Inner} where the type variables are in scope
   * ({@code instanceContext}), as a plain {@code Inner} means there.
   */
  String companionType(String simple, TypeElement te, boolean staticContext) {
    javax.lang.model.element.NestingKind k = te.getNestingKind();
    if (k == javax.lang.model.element.NestingKind.LOCAL
        || k == javax.lang.model.element.NestingKind.ANONYMOUS
        || topLevelScope(simple) == te) {
      return null;
    }
    if (staticContext || k != javax.lang.model.element.NestingKind.MEMBER
        || te.getModifiers().contains(Modifier.STATIC)) {
      return typeRef(te.getQualifiedName().toString());
    }
    StringBuilder sb = new StringBuilder(te.getSimpleName());
    boolean generic = false;
    Element e = te;
    while (e instanceof TypeElement t && t.getNestingKind() == javax.lang.model.element.NestingKind.MEMBER
        && !t.getModifiers().contains(Modifier.STATIC)) {
      TypeElement enc = (TypeElement) t.getEnclosingElement();
      List<String> params = new java.util.ArrayList<>();
      for (javax.lang.model.element.TypeParameterElement tp : enc.getTypeParameters()) {
        params.add(tp.getSimpleName().toString());
      }
      generic |= !params.isEmpty();
      sb.insert(0, enc.getSimpleName() + (params.isEmpty() ? "" : "<" + String.join(", ", params) + ">") + ".");
      e = enc;
    }
    String qualified = te.getQualifiedName().toString();
    if (!generic) {
      return typeRef(qualified);
    }
    // Qualify the outermost class written; what is left is the chain from it with arguments.
    TypeElement outermost = (TypeElement) e;
    String head = typeRef(outermost.getQualifiedName().toString());
    String rest = sb.substring(outermost.getSimpleName().length());
    return head + rest;
  }

  /**
   * The type whose static method {@code name} an unqualified call reaches through a static
   * import: a single-static-import first, then on-demand ones (JLS 6.4.1, 7.5.3); null when none.
   */
  TypeElement staticImportedMethodOwner(String name) {
    for (boolean single : new boolean[] {true, false}) {
      for (AsyncCalls.Import imp : calls.unit(unit).imports()) {
        if (!imp.isStatic() || imp.owner() == null
            || !imp.member().equals(single ? name : "*")) {
          continue;
        }
        TypeElement te = calls.typeElement(imp.owner());
        if (te != null && hasMethodNamed(te, name)) {
          return te;
        }
      }
    }
    return null;
  }

  /**
   * Whether case label {@code label} is the simple name of an enum constant, which must stay
   * unqualified: a switch on an enum reads its labels in the enum's scope, not the body's (JLS
   * 14.11.1). A label that names a constant field of the class or of a static import is not one.
   */
  boolean enumCaseLabel(ExpressionTree label) {
    if (!(label instanceof IdentifierTree id)) {
      return false;
    }
    String n = id.getName().toString();
    if (findMember(n, ElementKind.FIELD) != null) {
      return false;
    }
    for (AsyncCalls.Import imp : calls.unit(unit).imports()) {
      if (imp.isStatic() && imp.owner() != null && (imp.member().equals(n) || imp.member().equals("*"))) {
        TypeElement te = calls.typeElement(imp.owner());
        if (te != null) {
          for (Element m : calls.members(te)) {
            if (m.getSimpleName().contentEquals(n) && m.getKind() == ElementKind.FIELD) {
              return false;
            }
          }
        }
      }
    }
    return true;
  }

  /**
   * The type of {@code companion.name(…)} with {@code arity} arguments when {@code companion} names
   * the companion of a class of the package that this round has not generated yet: {@code
   * Coroutine<R>} of the {@code @Async} method (R boxed; an instance method takes its receiver
   * first); null otherwise, or when R involves type variables.
   */
  TypeMirror pendingCompanionCall(String companion, String name, int arity) {
    if (!companion.endsWith("Async") || companion.length() == 5) {
      return null;
    }
    String pkg = elements.getPackageOf(owner).getQualifiedName().toString();
    String userClass = companion.substring(0, companion.length() - 5).replace('_', '.');
    TypeElement user = calls.typeElement(pkg.isEmpty() ? userClass : pkg + "." + userClass);
    TypeElement coroutine = calls.typeElement("io.asyncio4j.Coroutine");
    if (user == null || coroutine == null) {
      return null;
    }
    for (Element m : user.getEnclosedElements()) {
      if (m instanceof ExecutableElement e && m.getSimpleName().contentEquals(name) && AsyncCalls.isAsync(m)
          && e.getParameters().size() + (m.getModifiers().contains(Modifier.STATIC) ? 0 : 1) == arity
          && e.getTypeParameters().isEmpty()) {
        TypeMirror r = e.getReturnType();
        javax.lang.model.util.Types types = calls.types();
        TypeMirror boxed = r.getKind() == TypeKind.VOID
            ? calls.typeElement("java.lang.Void").asType()
            : r.getKind().isPrimitive() ? types.boxedClass((javax.lang.model.type.PrimitiveType) r).asType() : r;
        return mentionsTypeVariable(boxed) ? null : types.getDeclaredType(coroutine, boxed);
      }
    }
    return null;
  }

  private static boolean mentionsTypeVariable(TypeMirror t) {
    if (t.getKind() == TypeKind.TYPEVAR) {
      return true;
    }
    if (t instanceof javax.lang.model.type.DeclaredType d) {
      for (TypeMirror a : d.getTypeArguments()) {
        if (mentionsTypeVariable(a)) {
          return true;
        }
      }
    }
    return t instanceof javax.lang.model.type.ArrayType a && mentionsTypeVariable(a.getComponentType());
  }

  /**
   * The result type of a call of static method {@code name} of {@code on} with arguments of the
   * given types (null when unknown), when it has one overload of that arity: its type variables
   * bound by matching each parameter type against its argument's type (a small part of JLS 18:
   * {@code Coroutine<T>} against {@code Coroutine<String>} binds T to String); null when a
   * variable of the result stays unbound.
   */
  TypeMirror infer(TypeElement on, String name, List<TypeMirror> args) {
    ExecutableElement m = null;
    for (Element e : calls.members(on)) {
      if (e instanceof ExecutableElement x && e.getSimpleName().contentEquals(name)
          && x.getParameters().size() == args.size() && e.getModifiers().contains(Modifier.STATIC)) {
        if (m != null) {
          return null;
        }
        m = x;
      }
    }
    if (m == null) {
      return null;
    }
    Map<Element, TypeMirror> bound = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i) != null) {
        unify(m.getParameters().get(i).asType(), args.get(i), bound);
      }
    }
    return substitute(m.getReturnType(), bound);
  }

  private void unify(TypeMirror param, TypeMirror arg, Map<Element, TypeMirror> bound) {
    javax.lang.model.util.Types types = calls.types();
    if (param instanceof javax.lang.model.type.TypeVariable tv) {
      bound.putIfAbsent(tv.asElement(),
          arg.getKind().isPrimitive() ? types.boxedClass((javax.lang.model.type.PrimitiveType) arg).asType() : arg);
      return;
    }
    if (param instanceof javax.lang.model.type.DeclaredType p && arg instanceof javax.lang.model.type.DeclaredType a) {
      javax.lang.model.type.DeclaredType match = asSuper(a, (TypeElement) p.asElement());
      if (match != null && match.getTypeArguments().size() == p.getTypeArguments().size()) {
        for (int i = 0; i < p.getTypeArguments().size(); i++) {
          unify(p.getTypeArguments().get(i), match.getTypeArguments().get(i), bound);
        }
      }
    }
  }

  /** The supertype of {@code t} (or {@code t}) whose class is {@code of}, or null. */
  private javax.lang.model.type.DeclaredType asSuper(javax.lang.model.type.DeclaredType t, TypeElement of) {
    if (t.asElement().equals(of)) {
      return t;
    }
    for (TypeMirror s : calls.types().directSupertypes(t)) {
      if (s instanceof javax.lang.model.type.DeclaredType d) {
        javax.lang.model.type.DeclaredType found = asSuper(d, of);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private TypeMirror substitute(TypeMirror t, Map<Element, TypeMirror> bound) {
    if (t instanceof javax.lang.model.type.TypeVariable tv) {
      return bound.get(tv.asElement());
    }
    if (t instanceof javax.lang.model.type.DeclaredType d && !d.getTypeArguments().isEmpty()) {
      List<TypeMirror> args = new java.util.ArrayList<>();
      for (TypeMirror a : d.getTypeArguments()) {
        TypeMirror s = substitute(a, bound);
        if (s == null) {
          return null;
        }
        args.add(s);
      }
      return calls.types().getDeclaredType((TypeElement) d.asElement(), args.toArray(new TypeMirror[0]));
    }
    return mentionsTypeVariable(t) ? null : t;
  }
}
