package io.asyncio4j.processor.scan;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Finds {@code @Async} methods by name on a type, and names their companions.
 *
 * <p>Invariants: one instance serves one round (every class of it), so the member lists and type
 * lookups it caches cannot change under it: javac adds the sources generated in a round only at
 * the start of the next one, where types it did not know yet are looked up again by a new
 * instance.
 *
 * <p>Threading: javac's processing thread only.
 */
public final class AsyncCalls {
  /** The annotation's qualified name; CLASS retention, so read from annotation mirrors. */
  public static final String ASYNC = "io.asyncio4j.Async";

  private final Elements elements;
  private final Types types;
  /** {@link Elements#getAllMembers} by type: javac recomputes it (closure and scopes) per call. */
  private final Map<TypeElement, List<? extends Element>> members = new HashMap<>();
  /** {@link #mayHaveType}'s listings by package ({@link #ALL} when unknown). */
  private final Map<String, java.util.Set<String>> packages = new HashMap<>();
  /** {@link #methodsByName} by type. */
  private final Map<TypeElement, Map<String, List<ExecutableElement>>> methods = new HashMap<>();
  /** {@link Elements#getTypeElement} by qualified name; a miss is costly (javac tries to load it). */
  private final Map<String, Optional<TypeElement>> typeElements = new HashMap<>();

  /** Where {@link #loweredForm} records; the processor's, so it outlives the round. */
  private java.util.Set<String> loweredForms = new java.util.HashSet<>();

  /** The lookups of one round. */
  public AsyncCalls(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /**
   * Records into {@code forms} (the processor's set, read by {@link AsyncFormsChecker}) the
   * {@code async with}/{@code async for} forms this round's bodies lower.
   *
   * @return this
   */
  public AsyncCalls recordingLoweredFormsIn(java.util.Set<String> forms) {
    this.loweredForms = forms;
    return this;
  }

  /** Notes that the form starting at {@code position} of {@code unit} is lowered. */
  void loweredForm(com.sun.source.tree.CompilationUnitTree unit, long position) {
    loweredForms.add(AsyncFormsChecker.key(unit, position));
  }

  /**
   * A resolved direct call of an {@code @Async} method.
   *
   * @param result the call's static type when the declaration alone tells it (no type variables
   *     of the method or its class involved); null otherwise
   */
  record Target(String companion, String name, boolean isStatic, TypeMirror result, String virtual) {
    Target(String companion, String name, boolean isStatic, TypeMirror result) {
      this(companion, name, isStatic, result, null);
    }
  }

  /** The round's {@code @Async} instance methods that may override another, by name. */
  private final Map<String, List<ExecutableElement>> overriders = new HashMap<>();

  /** Tells the {@code @Async} methods of the round, which {@link #virtual} looks among. */
  public void roundAsyncMethods(java.util.Collection<? extends Element> annotated) {
    for (Element e : annotated) {
      if (e instanceof ExecutableElement m && e.getKind() == ElementKind.METHOD
          && !m.getModifiers().contains(Modifier.STATIC) && !m.getModifiers().contains(Modifier.PRIVATE)) {
        overriders.computeIfAbsent(m.getSimpleName().toString(), k -> new ArrayList<>()).add(m);
      }
    }
  }

  /**
   * A call on a receiver of type {@code type} of the plain method {@code name} that an {@code
   * @Async} method of the round overrides (an interface's abstract method implemented by an
   * {@code @Async} method): it dispatches at run time, as Java's call does, to the receiver's
   * class's {@code @Async} override as an inline await or to a plain implementation (the
   * runtime's {@code Overrides.virtual}); null for any other call.
   */
  Target virtual(TypeMirror type, String name, int arity) {
    List<ExecutableElement> async = overriders.get(name);
    if (async == null || !(type instanceof DeclaredType dt)) {
      return null;
    }
    ExecutableElement m = null;
    for (Element e : members((TypeElement) dt.asElement())) {
      if (e instanceof ExecutableElement x && e.getKind() == ElementKind.METHOD
          && e.getSimpleName().contentEquals(name) && x.getParameters().size() == arity) {
        if (m != null) {
          return null; // overloads of that arity: left to the argument types, not judged here
        }
        m = x;
      }
    }
    if (m == null || isAsync(m) || m.isVarArgs() || arity > 4
        || m.getModifiers().contains(Modifier.STATIC) || m.getModifiers().contains(Modifier.FINAL)
        || m.getModifiers().contains(Modifier.PRIVATE)) {
      return null;
    }
    TypeElement declaring = (TypeElement) m.getEnclosingElement();
    boolean overridden = false;
    for (ExecutableElement a : async) {
      overridden |= elements.overrides(a, m, (TypeElement) a.getEnclosingElement());
    }
    if (!overridden) {
      return null;
    }
    StringBuilder head = new StringBuilder("io.asyncio4j.spi.Overrides.virtual(")
        .append("java.lang.invoke.MethodHandles.lookup(), ")
        .append(com.palantir.javapoet.TypeName.get(types.erasure(declaring.asType()))).append(".class, \"")
        .append(name).append('"');
    for (javax.lang.model.element.VariableElement p : m.getParameters()) {
      head.append(", ").append(com.palantir.javapoet.TypeName.get(types.erasure(p.asType()))).append(".class");
    }
    return new Target(null, name, false, null, head.append(").call(").toString());
  }

  /** True when {@code e} carries {@code @Async}. */
  static boolean isAsync(Element e) {
    for (AnnotationMirror m : e.getAnnotationMirrors()) {
      Element a = m.getAnnotationType().asElement();
      if (a instanceof TypeElement t && t.getQualifiedName().contentEquals(ASYNC)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The {@code @Async} method {@code name} with {@code arity} parameters on {@code type}, when
   * every candidate with that name and arity is {@code @Async}; null otherwise.
   */
  Target find(TypeMirror type, String name, int arity) {
    if (type instanceof javax.lang.model.type.TypeVariable tv) {
      // A receiver of type T extends Fetcher: the bound's @Async methods.
      type = tv.getUpperBound();
    }
    if (type == null || type.getKind() != TypeKind.DECLARED) {
      return null;
    }
    TypeElement te = (TypeElement) ((DeclaredType) type).asElement();
    return find(te, name, arity);
  }

  Target find(TypeElement te, String name, int arity) {
    Target t = find(te, name, arity, i -> null);
    return t == UNDECIDED ? null : t;
  }

  /**
   * Stands for a call whose overloads of that arity mix {@code @Async} and plain methods, when the
   * argument types known do not single out one kind.
   */
  static final Target UNDECIDED = new Target("", "", false, null);

  /**
   * The {@code @Async} method {@code name} that a call with {@code arity} arguments reaches on
   * {@code te}: when the overloads of that arity mix {@code @Async} and plain methods, those the
   * known argument types ({@code argType}, null when unknown) are applicable to (JLS 15.12.2:
   * assignable, boxing included) decide; {@link #UNDECIDED} when they still mix.
   */
  Target find(TypeMirror type, String name, int arity, java.util.function.IntFunction<TypeMirror> argType) {
    if (type instanceof javax.lang.model.type.TypeVariable tv) {
      type = tv.getUpperBound();
    }
    if (type == null || type.getKind() != TypeKind.DECLARED) {
      return null;
    }
    return find((TypeElement) ((DeclaredType) type).asElement(), name, arity, argType);
  }

  Target find(TypeElement te, String name, int arity, java.util.function.IntFunction<TypeMirror> argType) {
    List<ExecutableElement> named = methodsByName(te).get(name);
    if (named == null) {
      return null;
    }
    List<ExecutableElement> candidates = new ArrayList<>();
    for (ExecutableElement m : named) {
      if (m.getParameters().size() == arity || (m.isVarArgs() && arity >= m.getParameters().size() - 1)) {
        candidates.add(m);
      }
    }
    if (candidates.isEmpty() || candidates.stream().noneMatch(AsyncCalls::isAsync)) {
      return null;
    }
    if (!candidates.stream().allMatch(AsyncCalls::isAsync)) {
      candidates = select(candidates, arity, argType);
      if (candidates.isEmpty() || candidates.stream().noneMatch(AsyncCalls::isAsync)) {
        return null;
      }
      if (!candidates.stream().allMatch(AsyncCalls::isAsync)) {
        return UNDECIDED;
      }
    }
    ExecutableElement m = candidates.get(0);
    TypeElement declaring = (TypeElement) m.getEnclosingElement();
    boolean isStatic = m.getModifiers().contains(Modifier.STATIC);
    TypeMirror result = null;
    if (candidates.size() == 1
        && m.getTypeParameters().isEmpty()
        && (isStatic || declaring.getTypeParameters().isEmpty())) {
      result = m.getReturnType();
    }
    return new Target(companionQualifiedName(declaring), name, isStatic, result);
  }

  /**
   * The overloads a call may invoke, as far as the known argument types tell (JLS 15.12.2): with
   * every type known, those applicable by strict invocation (no boxing), else by loose, then the
   * most specific of them; with some unknown, every one that the known types do not rule out.
   */
  private List<ExecutableElement> select(
      List<ExecutableElement> candidates, int arity, java.util.function.IntFunction<TypeMirror> argType) {
    List<TypeMirror> args = new ArrayList<>();
    boolean known = true;
    for (int i = 0; i < arity; i++) {
      TypeMirror a = argType.apply(i);
      args.add(a);
      known &= a != null;
    }
    for (ExecutableElement m : candidates) {
      if (m.getParameters().size() != arity) {
        return candidates; // variable arity: not judged
      }
    }
    List<ExecutableElement> loose = new ArrayList<>();
    List<ExecutableElement> strict = new ArrayList<>();
    for (ExecutableElement m : candidates) {
      boolean l = true;
      boolean s = true;
      for (int i = 0; i < arity; i++) {
        TypeMirror a = args.get(i);
        TypeMirror p = types.erasure(m.getParameters().get(i).asType());
        if (a != null) {
          l &= types.isAssignable(a, p);
          s &= a.getKind().isPrimitive() == p.getKind().isPrimitive() && types.isAssignable(a, p);
        }
      }
      if (l) {
        loose.add(m);
      }
      if (s) {
        strict.add(m);
      }
    }
    if (!known) {
      return loose;
    }
    return mostSpecific(strict.isEmpty() ? loose : strict);
  }

  /** Those of {@code ms} that no other one is more specific than (JLS 15.12.2.5). */
  private List<ExecutableElement> mostSpecific(List<ExecutableElement> ms) {
    List<ExecutableElement> out = new ArrayList<>();
    for (ExecutableElement m : ms) {
      boolean beaten = false;
      for (ExecutableElement o : ms) {
        beaten |= o != m && moreSpecific(o, m) && !moreSpecific(m, o);
      }
      if (!beaten) {
        out.add(m);
      }
    }
    return out;
  }

  private boolean moreSpecific(ExecutableElement a, ExecutableElement b) {
    for (int i = 0; i < a.getParameters().size(); i++) {
      if (!types.isSubtype(types.erasure(a.getParameters().get(i).asType()),
          types.erasure(b.getParameters().get(i).asType()))) {
        return false;
      }
    }
    return true;
  }

  /** {@code pkg.Outer_InnerAsync} for {@code pkg.Outer.Inner}. */
  String companionQualifiedName(TypeElement type) {
    PackageElement pkg = elements.getPackageOf(type);
    String simple = companionSimpleName(type);
    return pkg.isUnnamed() ? simple : pkg.getQualifiedName() + "." + simple;
  }

  /** {@code Outer_InnerAsync} for {@code Outer.Inner}. */
  public static String companionSimpleName(TypeElement type) {
    StringBuilder sb = new StringBuilder(type.getSimpleName());
    for (Element e = type.getEnclosingElement();
        e instanceof TypeElement t;
        e = t.getEnclosingElement()) {
      sb.insert(0, t.getSimpleName() + "_");
    }
    return sb.append("Async").toString();
  }

  /**
   * The methods among the members of {@code te}, by name, when one of them is {@code @Async}
   * (else none: a call on the type is never an {@code @Async} call); computed once.
   */
  private Map<String, List<ExecutableElement>> methodsByName(TypeElement te) {
    Map<String, List<ExecutableElement>> byName = methods.get(te);
    if (byName == null) {
      byName = new HashMap<>();
      boolean async = false;
      for (Element m : members(te)) {
        if (m.getKind() == ElementKind.METHOD) {
          byName.computeIfAbsent(m.getSimpleName().toString(), k -> new ArrayList<>(1))
              .add((ExecutableElement) m);
          async = async || isAsync(m);
        }
      }
      if (!async) {
        byName = Map.of();
      }
      methods.put(te, byName);
    }
    return byName;
  }

  /** {@link Elements#getAllMembers} of {@code te}, computed once. */
  List<? extends Element> members(TypeElement te) {
    List<? extends Element> all = members.get(te);
    if (all == null) {
      all = elements.getAllMembers(te);
      members.put(te, all);
    }
    return all;
  }

  /** {@link Elements#getTypeElement} of {@code qualified}, looked up once; null when unknown. */
  TypeElement typeElement(String qualified) {
    Optional<TypeElement> te = typeElements.get(qualified);
    if (te == null) {
      te = Optional.ofNullable(elements.getTypeElement(qualified));
      typeElements.put(qualified, te);
    }
    return te.orElse(null);
  }

  /**
   * Whether package {@code pkg} may have a top-level type named {@code simple}: false only when
   * its listing (sources and class path, read once) has none, so that a certain miss skips
   * {@link #typeElement}, which costs javac a search of every module.
   */
  boolean mayHaveType(String pkg, String simple) {
    java.util.Set<String> names = packages.get(pkg);
    if (names == null) {
      PackageElement p = elements.getPackageElement(pkg);
      names = p == null ? ALL : new java.util.HashSet<>();
      if (p != null) {
        for (Element e : p.getEnclosedElements()) {
          names.add(e.getSimpleName().toString());
        }
      }
      packages.put(pkg, names);
    }
    return names == ALL || names.contains(simple);
  }

  /** Stands for a package whose listing is unknown: every name may be there. */
  private static final java.util.Set<String> ALL = java.util.Set.of();

  /**
   * An import declaration, printed once.
   *
   * @param qualified the imported name as written ({@code java.util.List}, {@code a.B.*})
   * @param owner for a static import, the type it imports from; null for another
   * @param member the last name: the simple name, the static member or {@code *}
   */
  record Import(boolean isStatic, String qualified, String owner, String member) {}

  /** What the readers of a file's methods need of its unit, read once per round. */
  record Unit(String source, List<Import> imports) {}

  /** {@link #unit} by compilation unit. */
  private final Map<CompilationUnitTree, Unit> units = new HashMap<>();

  /**
   * The source text and imports of {@code unit}.
   *
   * @throws java.io.UncheckedIOException when the source cannot be read
   */
  Unit unit(CompilationUnitTree unit) {
    Unit u = units.get(unit);
    if (u == null) {
      String source;
      try {
        source = unit.getSourceFile().getCharContent(true).toString();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      List<Import> imports = new ArrayList<>();
      for (ImportTree imp : unit.getImports()) {
        Tree q = imp.getQualifiedIdentifier();
        String qualified = q.toString();
        String member =
            q instanceof MemberSelectTree ms ? ms.getIdentifier().toString() : qualified;
        String owner =
            imp.isStatic() && q instanceof MemberSelectTree ms ? ms.getExpression().toString() : null;
        imports.add(new Import(imp.isStatic(), qualified, owner, member));
      }
      u = new Unit(source, List.copyOf(imports));
      units.put(unit, u);
    }
    return u;
  }

  Types types() {
    return types;
  }
}
