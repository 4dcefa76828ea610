package io.asyncio4j.processor.scan;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import io.asyncio4j.processor.TestCompilers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The resolver against javac's elements, one test per rule of JLS 6.3/6.5: a probe processor asks
 * it about every argument of {@code probe(...)} and every case label in {@code demo.Use.m}.
 */
class NameResolverTest {
  /** Answers the resolver gives in {@code demo.Use.m}, in source order. */
  private static List<String> answers(Set<String> taken, String use, String... others) {
    List<JavaFileObject> sources = new ArrayList<>();
    sources.add(JavaFileObjects.forSourceString("demo.Use", use));
    for (int i = 0; i < others.length; i += 2) {
      sources.add(JavaFileObjects.forSourceString(others[i], others[i + 1]));
    }
    Probe probe = new Probe(taken);
    Compilation c = TestCompilers.withProcessors(probe).compile(sources);
    assertThat(c).succeeded();
    return probe.answers;
  }

  private static List<String> answers(String use, String... others) {
    return answers(Set.of(), use, others);
  }

  /** Reads every {@code probe(...)} argument and case label of {@code demo.Use.m}. */
  private static final class Probe extends AbstractProcessor {
    final List<String> answers = new ArrayList<>();
    private final Set<String> taken;

    Probe(Set<String> taken) {
      this.taken = taken;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      TypeElement use = processingEnv.getElementUtils().getTypeElement("demo.Use");
      if (round.processingOver() || use == null || !round.getRootElements().contains(use)) {
        return false;
      }
      Trees trees = Trees.instance(processingEnv);
      ExecutableElement m = null;
      for (Element e : use.getEnclosedElements()) {
        if (e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals("m")) {
          m = (ExecutableElement) e;
        }
      }
      TreePath path = trees.getPath(m);
      AsyncCalls calls =
          new AsyncCalls(processingEnv.getElementUtils(), processingEnv.getTypeUtils());
      NameResolver r =
          new NameResolver(
              trees, processingEnv.getElementUtils(), calls, path, use, m, new HashSet<>(taken));
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
          if (node.getMethodSelect() instanceof IdentifierTree id
              && id.getName().contentEquals("probe")) {
            for (ExpressionTree a : node.getArguments()) {
              answers.add(describe(r, a, new TreePath(getCurrentPath(), a)));
            }
            return null;
          }
          return super.visitMethodInvocation(node, unused);
        }

        @Override
        public Void visitCase(CaseTree node, Void unused) {
          for (ExpressionTree label : node.getExpressions()) {
            answers.add(label + (r.enumCaseLabel(label) ? " enum label" : " constant"));
          }
          return super.visitCase(node, unused);
        }
      }.scan(path, null);
      return false;
    }
  }

  /** What {@code a} at {@code at} is, and how the companion writes a type. */
  private static String describe(NameResolver r, ExpressionTree a, TreePath at) {
    if (a instanceof MethodInvocationTree call && call.getMethodSelect() instanceof IdentifierTree f) {
      TypeElement owner = r.staticImportedMethodOwner(f.getName().toString());
      return f + "() static import " + (owner == null ? "none" : owner.getQualifiedName());
    }
    if (a instanceof MemberSelectTree ms && ms.getIdentifier().contentEquals("class")) {
      String answer = typeAnswer(r, ms.getExpression(), at);
      return ms.getExpression() instanceof MemberSelectTree q
          ? answer + " (in " + typeAnswer(r, q.getExpression(), at) + ")"
          : answer;
    }
    if (a instanceof IdentifierTree id) {
      VariableTree v = r.local(at, id.getName().toString());
      if (v != null) {
        return id + " local " + v.getType();
      }
      Element e = r.typeOrPackage(id, at);
      if (e == null) {
        return id + (r.findMember(id.getName().toString(), ElementKind.FIELD) != null ? " field" : " ?");
      }
    }
    return typeAnswer(r, a, at);
  }

  private static String typeAnswer(NameResolver r, ExpressionTree t, TreePath at) {
    Element e = r.typeOrPackage(t, at);
    if (e instanceof PackageElement p) {
      return t + " package " + p.getQualifiedName();
    }
    if (!(e instanceof TypeElement te)) {
      return t + " not a type";
    }
    String written = t instanceof IdentifierTree id
        ? r.companionType(id.getName().toString(), te, true)
        : null;
    return t + " type " + te.getQualifiedName() + (written == null ? "" : " written " + written);
  }

  private static String use(String imports, String members, String body) {
    return "package demo;\n" + imports + "\npublic class Use" + members + "\n  void m(Object o) {\n"
        + body + "\n  }\n  static boolean probe(Object... any) { return true; }\n}\n";
  }

  @Test
  void aLocalIsInScopeFromItsDeclarationToTheEndOfItsBlock() {
    assertEquals(
        List.of("x local String", "y field", "z local null", "y local long", "x local String"),
        answers(use("", " {\n  int y;",
            "    { int x = 1; }\n"
                + "    String x = \"\";\n"
                + "    probe(x);\n"
                + "    for (int y = 0; y < 1; y++) {}\n"
                + "    probe(y);\n"
                + "    java.util.function.IntFunction<Object> f = z -> { probe(z); return z; }; // implicit type\n"
                + "    try (java.io.StringReader y = null) {} catch (Exception e) {}\n"
                + "    for (long y : new long[0]) { probe(y); }\n"
                + "    Runnable r = () -> probe(x);")));
  }

  @Test
  void aPatternBindingIsInScopeWhereItsConditionIsTrueOrAfterAnIfThatCannotComplete() {
    assertEquals(
        List.of("s local String", "s field", "t local Integer", "t field", "s local String"),
        answers(use("", " {\n  String s; Integer t;",
            "    if (o instanceof String s) { probe(s); }\n"
                + "    probe(s);\n"
                + "    boolean b = o instanceof Integer t && probe(t);\n"
                + "    probe(t);\n"
                + "    if (!(o instanceof String s)) { return; }\n"
                + "    probe(s);")));
  }

  @Test
  void memberTypesOfTheClassAndItsSupertypesAreInScopeAndWrittenCanonically() {
    assertEquals(
        List.of("Config type demo.Base.Config written demo.Base.Config",
            "Hook type demo.Base.Hook written demo.Base.Hook",
            "Inner type demo.Use.Inner written demo.Use.Inner",
            "Base type demo.Base"),
        answers(use("", " extends Base {\n  static class Inner {}",
                "    probe(Config.class, Hook.class, Inner.class, Base.class);"),
            "demo.Base",
            "package demo;\nclass Base { static class Config {} interface Hook {} }\n"));
  }

  @Test
  void aSingleTypeImportShadowsThePackageAndOnDemandImports() {
    assertEquals(
        List.of("List type java.awt.List", "Other type demo.Other"),
        answers(use("import java.util.*;\nimport java.awt.List;\n", " {",
                "    probe(List.class, Other.class);"),
            "demo.Other", "package demo;\nclass Other {}\n"));
  }

  @Test
  void anOnDemandImportProvidesTypesThePackageDoesNotHave() {
    assertEquals(
        List.of("TimeUnit type java.util.concurrent.TimeUnit", "Entry type java.util.Map.Entry"),
        answers(use("import java.util.concurrent.*;\nimport java.util.Map.*;\n", " {",
            "    probe(TimeUnit.class, Entry.class);")));
  }

  @Test
  void aSingleStaticImportProvidesMemberTypesAndStaticMethods() {
    assertEquals(
        List.of("Entry type java.util.Map.Entry", "max() static import java.lang.Math",
            "min() static import none"),
        answers(use("import static java.util.Map.Entry;\nimport static java.lang.Math.max;\n", " {",
            "    probe(Entry.class, max(), min());")
            .replace("static boolean probe(Object... any) { return true; }",
                "static boolean probe(Object... any) { return true; }\n  static int max() { return 0; }\n"
                    + "  static int min() { return 0; }")));
  }

  @Test
  void anOnDemandStaticImportProvidesMemberTypesAndStaticMethods() {
    assertEquals(
        List.of("Entry type java.util.Map.Entry", "abs() static import java.lang.Math"),
        answers(use("import static java.util.Map.*;\nimport static java.lang.Math.*;\n", " {",
            "    probe(Entry.class, abs());")
            .replace("static boolean probe(Object... any) { return true; }",
                "static boolean probe(Object... any) { return true; }\n  static int abs() { return 0; }")));
  }

  @Test
  void javaLangIsImplicitlyImportedUnlessAMemberTypeShadowsIt() {
    assertEquals(
        List.of("Integer type java.lang.Integer", "String type demo.Use.String written demo.Use.String"),
        answers(use("", " {\n  static class String {}", "    probe(Integer.class, String.class);")));
  }

  @Test
  void aTypeOfThePackageKeepsItsSimpleNameUnlessAGeneratedNameWouldObscureIt() {
    String base = "package demo;\nclass Base { static class Config {} }\n";
    assertEquals(
        List.of("Config type demo.Base.Config written demo.Base.Config"),
        answers(use("", " extends Base {", "    probe(Config.class);"), "demo.Base", base));
    // A variable of the generated code named demo obscures the package (JLS 6.4.2).
    assertEquals(
        List.of("Config type demo.Base.Config written Base.Config"),
        answers(Set.of("demo"), use("", " extends Base {", "    probe(Config.class);"),
            "demo.Base", base));
  }

  @Test
  void aQualifiedNameIsAPackageATypeOrAVariableByItsFirstName() {
    assertEquals(
        List.of("java.util.Map.Entry type java.util.Map.Entry (in java.util.Map type java.util.Map)",
            "java.util.List type java.util.List (in java.util package java.util)",
            "Use.Inner type demo.Use.Inner (in Use type demo.Use)"),
        answers(use("", " {\n  static class Inner {}",
            "    probe(java.util.Map.Entry.class, java.util.List.class, Use.Inner.class);")));
    // A variable obscures a package or type of the same name (JLS 6.4.2).
    assertEquals(List.of("java field", "Use local int"),
        answers(use("", " {\n  Object java;", "    int Use = 1;\n    probe(java, Use);")));
  }

  @Test
  void anEnumCaseLabelStaysUnqualifiedButAConstantFieldIsNot() {
    assertEquals(
        List.of("HALF_UP enum label", "UP enum label", "LIMIT constant"),
        answers(use("import static java.math.RoundingMode.HALF_UP;\n", " {\n  static final int LIMIT = 3;",
            "    switch ((java.math.RoundingMode) o) { case HALF_UP: case UP: break; default: }\n"
                + "    switch (o.hashCode()) { case LIMIT: break; default: }")));
  }
}
