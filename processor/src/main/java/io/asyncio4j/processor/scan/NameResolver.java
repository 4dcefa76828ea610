package io.asyncio4j.processor.scan;

import com.sun.source.tree.*;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import io.asyncio4j.processor.diag.DeferProcessing;
import java.util.HashMap;
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
      Set<String> taken) {
    this.trees = trees;
    this.elements = elements;
    this.calls = calls;
    this.methodPath = methodPath;
    this.unit = methodPath.getCompilationUnit();
    this.pos = trees.getSourcePositions();
    this.owner = owner;
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

  /** The type a declaration's type tree names, or null when it is not a class or array. */
  TypeMirror typeFromTree(Tree t) {
    if (t instanceof ArrayTypeTree a) {
      TypeMirror c = typeFromTree(a.getType());
      return c == null ? null : calls.types().getArrayType(c);
    }
    if (t instanceof ParameterizedTypeTree p) {
      return typeFromTree(p.getType());
    }
    if (t instanceof PrimitiveTypeTree p) {
      return calls.types().getPrimitiveType(p.getPrimitiveTypeKind());
    }
    String n = t.toString();
    if (t instanceof IdentifierTree || t instanceof MemberSelectTree) {
      TypeElement te = n.contains(".") ? calls.typeElement(n) : resolveTypeName(n);
      return te == null ? null : te.asType();
    }
    return null;
  }

  /** The last declaration of local {@code name} before {@code position}, or null. */
  VariableTree localDeclaration(String name, long position) {
    VariableTree[] found = {null};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree node, Void unused) {
        if (node.getName().contentEquals(name) && pos.getStartPosition(unit, node) < position) {
          found[0] = node;
        }
        return super.visitVariable(node, unused);
      }
    }.scan(methodPath.getLeaf(), null);
    return found[0];
  }

  boolean hasMethodNamed(TypeElement t, String name) {
    for (Element e : t.getEnclosedElements()) {
      if (e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(name)) {
        return true;
      }
    }
    return false;
  }

  TypeElement resolveTypeName(String simple) {
    for (TypeElement t = owner; t != null; t = enclosingType(t)) {
      if (t.getSimpleName().contentEquals(simple)) {
        return t;
      }
      for (Element e : t.getEnclosedElements()) {
        if (e instanceof TypeElement nested && nested.getSimpleName().contentEquals(simple)) {
          return nested;
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
      if (!imp.isStatic() && imp.member().equals(simple)) {
        return calls.typeElement(imp.qualified());
      }
    }
    return null;
  }

  /** The name of a declared type without type arguments or array brackets, as written. */
  String baseTypeName(Tree type) {
    while (true) {
      if (type instanceof ParameterizedTypeTree p) {
        type = p.getType();
      } else if (type instanceof ArrayTypeTree a) {
        type = a.getType();
      } else if (type instanceof AnnotatedTypeTree a) {
        type = a.getUnderlyingType();
      } else {
        return type.toString();
      }
    }
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
        if (m.getKind() == kind && m.getSimpleName().contentEquals(name)) {
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
  }}
