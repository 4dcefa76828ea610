package io.asyncio4j.processor.scan;

import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.asyncio4j.processor.diag.DeferProcessing;
import io.asyncio4j.processor.diag.Diagnostics;
import io.asyncio4j.processor.model.AsyncMethod;
import io.asyncio4j.processor.model.LocalVar;
import io.asyncio4j.processor.model.Stmt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Builds the {@link AsyncMethod} model of one method from its element and tree. */
public final class MethodReader {
  /** Names the generated state machine declares itself; user names are moved aside. */
  static final Set<String> RESERVED =
      Set.of("label", "region", "r", "ex", "resuming", "result", "POINTS", "dispatch", "self");

  private final Trees trees;
  private final Elements elements;
  private final Types types;
  private final Diagnostics diag;
  /** Shared by every class of the round, so its caches pay off. */
  private final AsyncCalls calls;
  /** The paths of the owner's methods, found in one pass ({@link Trees#getPath} scans the file). */
  private final Map<Element, TreePath> methodPaths = new HashMap<>();

  /**
   * A reader of the methods of one class.
   *
   * @param calls the round's lookups (one instance per round: see {@link AsyncCalls})
   */
  public MethodReader(
      Trees trees, Elements elements, Types types, Diagnostics diag, AsyncCalls calls) {
    this.trees = trees;
    this.elements = elements;
    this.types = types;
    this.diag = diag;
    this.calls = calls;
  }

  private DirectCallChecker callChecker;

  /** Records the calls of each body read with {@code checker}; null: no check. */
  public void checkCallsWith(DirectCallChecker checker) {
    this.callChecker = checker;
  }

  /**
   * Tells the reader {@code m}'s tree path, for a method {@link Trees#getPath(Element)} may not
   * find (one in an enum constant body).
   */
  public void knownPath(ExecutableElement m, TreePath path) {
    methodPaths.put(m, path);
  }

  /**
   * The class whose companion compiles {@code m}: its declaring class, or for a method of an
   * enum constant body, the enum.
   */
  private static TypeElement ownerOf(ExecutableElement m) {
    TypeElement declaring = (TypeElement) m.getEnclosingElement();
    return SignatureValidator.isEnumConstantBody(declaring)
        ? SignatureValidator.enumOf(declaring)
        : declaring;
  }

  /** The tree path of {@code m}, a method of a class with a source tree. */
  private TreePath pathOf(ExecutableElement m) {
    TreePath p = methodPaths.get(m);
    if (p != null) {
      return p;
    }
    TreePath classPath = trees.getPath(m.getEnclosingElement());
    if (classPath != null && classPath.getLeaf() instanceof com.sun.source.tree.ClassTree ct) {
      for (com.sun.source.tree.Tree member : ct.getMembers()) {
        if (member instanceof MethodTree) {
          TreePath mp = new TreePath(classPath, member);
          Element e = trees.getElement(mp);
          if (e != null) {
            methodPaths.putIfAbsent(e, mp);
          }
        }
      }
    }
    p = methodPaths.get(m);
    return p != null ? p : trees.getPath(m);
  }

  /**
   * The user file's imports, which the companion shares (the copied bodies name the member types
   * of the user's class by their canonical names: see {@link NameResolver}); {@code simpleNames}
   * holds the qualified names of single-type imports.
   */
  public record Imports(List<String> lines, Set<String> simpleNames) {}

  public Imports imports(ExecutableElement m) {
    TypeElement owner = ownerOf(m);
    TreePath path = pathOf(m);
    List<String> lines = new ArrayList<>();
    Set<String> simple = new LinkedHashSet<>();
    for (ImportTree imp : path.getCompilationUnit().getImports()) {
      String q = imp.getQualifiedIdentifier().toString();
      lines.add("import " + (imp.isStatic() ? "static " : "") + q + ";");
      if (!imp.isStatic() && !q.endsWith(".*")) {
        simple.add(q);
      }
    }
    return new Imports(lines, simple);
  }

  /**
   * The simple names the given methods' declarations and bodies use, and those the unit's imports
   * bring in: a member class of the companion (a state machine) named like one of them would
   * shadow it in the copied bodies (JLS 6.4.1), so the machines are named around them.
   */
  public Set<String> namesUsed(List<ExecutableElement> methods) {
    Set<String> used = new HashSet<>();
    for (ExecutableElement m : methods) {
      TreePath path = pathOf(m);
      if (path == null) {
        continue;
      }
      new com.sun.source.util.TreeScanner<Void, Void>() {
        @Override
        public Void visitIdentifier(com.sun.source.tree.IdentifierTree node, Void unused) {
          used.add(node.getName().toString());
          return null;
        }
      }.scan(path.getLeaf(), null);
      for (ImportTree imp : path.getCompilationUnit().getImports()) {
        if (imp.getQualifiedIdentifier() instanceof com.sun.source.tree.MemberSelectTree ms) {
          used.add(ms.getIdentifier().toString());
        }
      }
    }
    return used;
  }

  /** Reads {@code m}; throws {@link DeferProcessing} when a type is not known yet. */
  public AsyncMethod read(ExecutableElement m, String machineName) {
    TypeElement declaring = (TypeElement) m.getEnclosingElement();
    TypeElement owner = ownerOf(m);
    TreePath path = pathOf(m);
    MethodTree tree = (MethodTree) path.getLeaf();
    boolean isStatic = m.getModifiers().contains(Modifier.STATIC);
    check(m.getReturnType(), "the return type");
    Set<String> taken = new HashSet<>(RESERVED);
    List<TypeVariableName> typeVars = new ArrayList<>();
    if (!isStatic) {
      for (Element t = owner; t instanceof TypeElement te; t = t.getEnclosingElement()) {
        for (TypeParameterElement tp : te.getTypeParameters()) {
          typeVars.add(0, TypeVariableName.get(tp));
        }
        if (te.getModifiers().contains(Modifier.STATIC) || !te.getNestingKind().isNested()) {
          break;
        }
      }
    }
    for (TypeParameterElement tp : m.getTypeParameters()) {
      typeVars.add(TypeVariableName.get(tp));
    }
    String selfName = "self";
    List<AsyncMethod.Param> params = new ArrayList<>();
    List<LocalVar> paramVars = new ArrayList<>();
    for (VariableElement p : m.getParameters()) {
      check(p.asType(), "parameter " + p.getSimpleName());
      taken.add(p.getSimpleName().toString());
    }
    taken.remove("self");
    for (VariableElement p : m.getParameters()) {
      String n = p.getSimpleName().toString();
      String field = RESERVED.contains(n) ? n + "_" : n;
      taken.add(field);
      params.add(new AsyncMethod.Param(field, n, TypeName.get(p.asType())));
      paramVars.add(new LocalVar(field, n, TypeName.get(p.asType()).toString()));
    }
    if (taken.contains("self")) {
      selfName = "self_";
    }
    taken.add(selfName);
    BodyReader reader =
        new BodyReader(trees, elements, calls, diag, path, owner, m, selfName, taken);
    reader.machineName(machineName);
    for (int i = 0; i < params.size(); i++) {
      reader.bindParameter(params.get(i).sourceName(), paramVars.get(i));
    }
    Set<String> bodyNames = new HashSet<>();
    new com.sun.source.util.TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(com.sun.source.tree.IdentifierTree node, Void unused) {
        bodyNames.add(node.getName().toString());
        return null;
      }

      @Override
      public Void visitVariable(com.sun.source.tree.VariableTree node, Void unused) {
        bodyNames.add(node.getName().toString());
        return super.visitVariable(node, unused);
      }

      @Override
      public Void visitLabeledStatement(com.sun.source.tree.LabeledStatementTree node, Void unused) {
        bodyNames.add(node.getLabel().toString());
        return super.visitLabeledStatement(node, unused);
      }
    }.scan(tree.getBody(), null);
    reader.avoidForLocals(bodyNames);
    Stmt body = reader.read(tree.getBody());
    if (callChecker != null) {
      callChecker.record(m, path, reader.inlinedCalls());
    }
    Set<String> avoid = new HashSet<>(taken);
    avoid.removeAll(Set.of("r", "resuming", "dispatch"));
    avoid.addAll(bodyNames);
    AsyncMethod.StepNames stepNames =
        new AsyncMethod.StepNames(
            unique("r", avoid), unique("resuming", avoid), unique("dispatch", avoid));
    taken.add(stepNames.value());
    taken.add(stepNames.resuming());
    TypeMirror ret = m.getReturnType();
    boolean isVoid = ret.getKind() == TypeKind.VOID;
    TypeName result = isVoid ? TypeName.get(Void.class) : TypeName.get(ret).box();
    String visibility =
        m.getModifiers().contains(Modifier.PUBLIC)
            ? "public"
            : m.getModifiers().contains(Modifier.PROTECTED) ? "protected" : "";
    String file = path.getCompilationUnit().getSourceFile().getName();
    file = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
    long start = trees.getSourcePositions().getStartPosition(path.getCompilationUnit(), tree);
    int line = (int) path.getCompilationUnit().getLineMap().getLineNumber(start);
    return new AsyncMethod(
        elements.getPackageOf(owner).getQualifiedName().toString(),
        AsyncCalls.companionSimpleName(owner),
        machineName,
        m.getSimpleName().toString(),
        elements.getBinaryName(declaring).toString(),
        file,
        visibility,
        typeVars,
        isStatic ? null : TypeName.get(owner.asType()),
        selfName,
        params,
        result,
        isVoid,
        reader.locals(),
        reader.localTypeDecls(),
        reader.privateMembers(),
        reader.outerType() == null ? null : TypeName.get(reader.outerType().asType()),
        body,
        taken,
        stepNames,
        m.isVarArgs(),
        line,
        declaring == owner ? overridable(m, owner) : null);
  }

  /**
   * The warnings suppressed in {@code m}'s body, as javac sees them: the {@code @SuppressWarnings}
   * names of {@code m} and of every declaration around it, and {@code "deprecation"} inside a
   * {@code @Deprecated} declaration. The companion is another top-level class, so they are
   * carried over explicitly; in order, without repeats.
   */
  public List<String> suppressedWarnings(ExecutableElement m) {
    Set<String> out = new LinkedHashSet<>();
    for (Element e = m; e != null && e.getKind() != javax.lang.model.element.ElementKind.PACKAGE;
        e = e.getEnclosingElement()) {
      SuppressWarnings sw = e.getAnnotation(SuppressWarnings.class);
      if (sw != null) {
        out.addAll(List.of(sw.value()));
      }
      if (elements.isDeprecated(e)) {
        out.add("deprecation");
      }
    }
    return List.copyOf(out);
  }

  /**
   * {@code "deprecation"}, and {@code "removal"} when marked for removal, if {@code owner} or a
   * class around it is {@code @Deprecated}: the companion names it, which plain Java never does
   * from outside its top-level class.
   */
  public List<String> ownerDeprecation(TypeElement owner) {
    List<String> out = new ArrayList<>();
    for (Element e = owner; e instanceof TypeElement; e = e.getEnclosingElement()) {
      Deprecated d = e.getAnnotation(Deprecated.class);
      if (d != null && !out.contains("deprecation")) {
        out.add("deprecation");
      }
      if (d != null && d.forRemoval() && !out.contains("removal")) {
        out.add("removal");
      }
    }
    return out;
  }

  /** Whether {@code m} says {@code @SafeVarargs}. */
  public boolean safeVarargs(ExecutableElement m) {
    return m.getAnnotation(SafeVarargs.class) != null;
  }

  /**
   * The erased parameter types of {@code m} when a subclass may override it (then a direct call
   * dispatches on the receiver's class, as Java's does), else null.
   */
  private List<String> overridable(ExecutableElement m, TypeElement owner) {
    Set<Modifier> mods = m.getModifiers();
    Set<Modifier> ownerMods = owner.getModifiers();
    boolean classLike = owner.getKind() == javax.lang.model.element.ElementKind.CLASS
        || owner.getKind() == javax.lang.model.element.ElementKind.INTERFACE
        || (owner.getKind() == javax.lang.model.element.ElementKind.ENUM && hasConstantBodies(owner));
    if (mods.contains(Modifier.STATIC) || mods.contains(Modifier.PRIVATE)
        || mods.contains(Modifier.FINAL) || ownerMods.contains(Modifier.FINAL) || !classLike) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (VariableElement p : m.getParameters()) {
      out.add(TypeName.get(types.erasure(p.asType())).toString());
    }
    return out;
  }

  /** Whether a constant of enum {@code e} has a class body, which may override its methods. */
  private boolean hasConstantBodies(TypeElement e) {
    com.sun.source.tree.ClassTree ct = trees.getTree(e);
    if (ct == null) {
      return false;
    }
    for (com.sun.source.tree.Tree member : ct.getMembers()) {
      if (member instanceof com.sun.source.tree.VariableTree v
          && v.getInitializer() instanceof com.sun.source.tree.NewClassTree n
          && n.getClassBody() != null) {
        return true;
      }
    }
    return false;
  }

  private static String unique(String base, Set<String> used) {
    String n = base;
    for (int i = 2; used.contains(n); i++) {
      n = base + i;
    }
    return n;
  }

  private static void check(TypeMirror t, String what) {
    if (t.getKind() == TypeKind.ERROR || t.toString().contains("<any>")) {
      throw new DeferProcessing(what, true);
    }
  }
}
