package io.asyncio4j.realcode;

import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Reads library sources with javac (parsed and attributed), picks the methods the test can run, and
 * writes for each an {@code @Async} twin: the same signature under a new name, the same body with
 * awaits injected at seeded random places.
 *
 * <p>An injected await wraps a sub-expression {@code e} as {@code await(ready(e))} or {@code
 * await(suspending(e))} (with a cast back for a primitive {@code e}, so the static type does not
 * change), or stands as a statement {@code await(suspending(0));} before a statement. Nothing is
 * injected where the processor documents awaits as rejected (lambdas, anonymous and local classes,
 * {@code synchronized}) or where an await cannot stand (assignment targets, case labels, constant
 * names, type names). The twin text keeps the placeholders {@link #AWAIT} and {@link #READY} and
 * {@link #SUSPENDING}, so one plan renders both the {@code @Async} twin and its plain mutant.
 */
final class Planner {
  static final String AWAIT = "__AW__";
  static final String READY = "__RD__";
  static final String SUSPENDING = "__SP__";

  /** How many different injections a method gets before the test gives up on its mutant. */
  static final int VARIANTS = 3;

  /** One method of a library class and its twin's texts. */
  static final class MethodPlan {
    final String caseId;
    final String classBinaryName;
    final String methodName;
    final String twinName;
    final List<String> paramTypes;
    final String originalText;
    final int insertAt;
    final List<String> variants;
    final List<Integer> injectedCounts;
    final boolean isStatic;
    int variant;

    MethodPlan(
        String caseId,
        String classBinaryName,
        String methodName,
        String twinName,
        List<String> paramTypes,
        String originalText,
        int insertAt,
        List<String> variants,
        List<Integer> injectedCounts,
        boolean isStatic) {
      this.caseId = caseId;
      this.isStatic = isStatic;
      this.classBinaryName = classBinaryName;
      this.methodName = methodName;
      this.twinName = twinName;
      this.paramTypes = paramTypes;
      this.originalText = originalText;
      this.insertAt = insertAt;
      this.variants = variants;
      this.injectedCounts = injectedCounts;
    }

    String twinText(boolean async) {
      return render(variants.get(variant), async);
    }
  }

  /** One library source file and the methods planned in it. */
  static final class FilePlan {
    final String library;
    final Path path;
    final String relativePath;
    final String source;
    final int importAt;
    final List<MethodPlan> methods;

    FilePlan(
        String library,
        Path path,
        String relativePath,
        String source,
        int importAt,
        List<MethodPlan> methods) {
      this.library = library;
      this.path = path;
      this.relativePath = relativePath;
      this.source = source;
      this.importAt = importAt;
      this.methods = methods;
    }

    /** The file with the twins of {@code active} added; fills {@code lines} twin name to lines. */
    String render(boolean async, Set<MethodPlan> active, Map<MethodPlan, int[]> lines) {
      List<MethodPlan> sorted =
          methods.stream()
              .filter(active::contains)
              .sorted(Comparator.comparingInt(m -> m.insertAt))
              .collect(Collectors.toList());
      StringBuilder sb = new StringBuilder(source.length() + 4096);
      String awaits = async ? "io.asyncio4j.realcode.Awaits" : "io.asyncio4j.realcode.PlainAwaits";
      String imp =
          " import static "
              + (async ? "io.asyncio4j.Asyncio" : awaits)
              + ".await; import static "
              + awaits
              + ".ready; import static "
              + awaits
              + ".suspending;";
      int at = 0;
      if (importAt == 0) {
        sb.append(imp.strip()).append(' ');
      }
      for (MethodPlan m : sorted) {
        sb.append(source, at, m.insertAt);
        if (importAt > 0 && at <= importAt && importAt <= m.insertAt) {
          sb.insert(sb.length() - (m.insertAt - importAt), imp);
        }
        at = m.insertAt;
        int startLine = lineOf(sb) + 1;
        sb.append('\n').append(m.twinText(async));
        lines.put(m, new int[] {startLine, lineOf(sb)});
      }
      sb.append(source, at, source.length());
      if (importAt > 0 && at <= importAt) {
        sb.insert(sb.length() - (source.length() - importAt), imp);
      }
      return sb.toString();
    }

    private static int lineOf(StringBuilder sb) {
      int n = 1;
      for (int i = 0; i < sb.length(); i++) {
        if (sb.charAt(i) == '\n') {
          n++;
        }
      }
      return n;
    }
  }

  static String render(String twin, boolean async) {
    return twin.replace(AWAIT, "await")
        .replace(READY, "ready")
        .replace(SUSPENDING, "suspending")
        .replace("@__ASYNC__ ", async ? "@io.asyncio4j.Async " : "");
  }

  private final String library;
  private final Path sourceRoot;
  private final String classpath;
  private final long seed;
  private Elements elements;

  Planner(String library, Path sourceRoot, String classpath, long seed) {
    this.library = library;
    this.sourceRoot = sourceRoot;
    this.classpath = classpath;
    this.seed = seed;
  }

  /** Plans the files given (paths under the source root); files javac rejects as-is are skipped. */
  List<FilePlan> plan(List<Path> files, int maxPerFile, List<String> skipped) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
    List<FilePlan> plans = new ArrayList<>();
    try (StandardJavaFileManager fm =
        javac.getStandardFileManager(diags, null, StandardCharsets.UTF_8)) {
      JavacTask task =
          (JavacTask)
              javac.getTask(
                  null,
                  fm,
                  diags,
                  List.of(
                      "-proc:none",
                      "-cp",
                      classpath,
                      "-Xlint:none",
                      "-nowarn",
                      "-implicit:none",
                      "-Xmaxerrs",
                      "100000"),
                  null,
                  fm.getJavaFileObjectsFromPaths(files));
      List<CompilationUnitTree> units = new ArrayList<>();
      task.parse().forEach(units::add);
      task.analyze();
      Set<String> broken =
          diags.getDiagnostics().stream()
              .filter(d -> d.getKind() == Diagnostic.Kind.ERROR && d.getSource() != null)
              .map(d -> d.getSource().toUri().getPath())
              .collect(Collectors.toSet());
      Trees trees = Trees.instance(task);
      Types types = task.getTypes();
      elements = task.getElements();
      for (CompilationUnitTree unit : units) {
        Path p = Path.of(unit.getSourceFile().toUri());
        String rel = sourceRoot.relativize(p).toString();
        if (broken.contains(unit.getSourceFile().toUri().getPath())) {
          skipped.add(rel + ": javac rejects the original source");
          continue;
        }
        FilePlan fp = planFile(unit, trees, types, p, rel, maxPerFile);
        if (fp != null) {
          plans.add(fp);
        }
      }
    }
    return plans;
  }

  private FilePlan planFile(
      CompilationUnitTree unit, Trees trees, Types types, Path p, String rel, int maxPerFile)
      throws IOException {
    String source = Files.readString(p, StandardCharsets.UTF_8);
    SourcePositions pos = trees.getSourcePositions();
    List<TreePath> candidates = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree node, Void unused) {
        TypeElement type = (TypeElement) trees.getElement(getCurrentPath());
        if (type == null || !runnableClass(type)) {
          return null;
        }
        for (Tree member : node.getMembers()) {
          TreePath mp = new TreePath(getCurrentPath(), member);
          if (member instanceof ClassTree) {
            scan(member, null);
          } else if (member instanceof MethodTree && candidate(mp, trees)) {
            candidates.add(mp);
          }
        }
        return null;
      }
    }.scan(unit, null);
    candidates.removeIf(
        mp ->
            touchesTheOutside(
                source.substring(
                    (int) pos.getStartPosition(unit, mp.getLeaf()),
                    (int) pos.getEndPosition(unit, mp.getLeaf()))));
    if (candidates.isEmpty()) {
      return null;
    }
    Random pick = new Random(seed ^ rel.hashCode());
    List<TreePath> chosen = new ArrayList<>(candidates);
    while (chosen.size() > maxPerFile) {
      chosen.remove(pick.nextInt(chosen.size()));
    }
    List<MethodPlan> methods = new ArrayList<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (TreePath mp : chosen) {
      MethodTree mt = (MethodTree) mp.getLeaf();
      ExecutableElement ex = (ExecutableElement) trees.getElement(mp);
      TypeElement owner = (TypeElement) ex.getEnclosingElement();
      String binary = elements.getBinaryName(owner).toString();
      List<String> params =
          ex.getParameters().stream()
              .map(v -> erasedName(types.erasure(v.asType()), trees))
              .collect(Collectors.toList());
      String caseId =
          library
              + ":"
              + binary
              + "#"
              + mt.getName()
              + "("
              + params.stream()
                  .map(s -> s.substring(s.lastIndexOf('.') + 1))
                  .collect(Collectors.joining(","))
              + ")";
      int k = counts.merge(mt.getName().toString(), 1, Integer::sum);
      String twinName = mt.getName() + "Rc" + k + "x";
      long ms = seed * 31 + caseId.hashCode();
      List<String> variants = new ArrayList<>();
      List<Integer> injected = new ArrayList<>();
      for (int v = 0; v < VARIANTS; v++) {
        Mutation mu = mutate(mp, unit, trees, source, new Random(ms + v * 7919L), v);
        variants.add(header(mt, ex, source, pos, unit, twinName) + " " + mu.body);
        injected.add(mu.count);
      }
      int start = (int) pos.getStartPosition(unit, mt);
      int end = (int) pos.getEndPosition(unit, mt);
      methods.add(
          new MethodPlan(
              caseId,
              binary,
              mt.getName().toString(),
              twinName,
              params,
              source.substring(start, end),
              end,
              variants,
              injected,
              ex.getModifiers().contains(Modifier.STATIC)));
    }
    int importAt = 0;
    if (unit.getPackage() != null) {
      importAt = (int) pos.getEndPosition(unit, unit.getPackage());
      while (importAt < source.length() && source.charAt(importAt - 1) != ';') {
        importAt++;
      }
    }
    return new FilePlan(library, p, rel, source, importAt, methods);
  }

  private static final Pattern OUTSIDE =
      Pattern.compile(
          "\\b(main\\s*\\(|System\\.(exit|out|err|in|getProperty|getenv|currentTimeMillis|nanoTime)"
              + "|Runtime\\.|Thread\\.|new File|Files\\.|Paths?\\.|File(In|Out)putStream|Random"
              + "|ProcessBuilder|Socket|URL|getStackTrace|new Throwable)");

  /**
   * Whether a method reaches outside the process (files, console, exit, clock, threads,
   * randomness): the test runs each method several times on arbitrary arguments.
   */
  private static boolean touchesTheOutside(String methodText) {
    return OUTSIDE.matcher(methodText).find();
  }

  /** Top-level and static nested classes (no interfaces, no local or anonymous classes). */
  private static boolean runnableClass(TypeElement type) {
    if (type.getKind() != ElementKind.CLASS && type.getKind() != ElementKind.ENUM) {
      return false;
    }
    Element outer = type.getEnclosingElement();
    if (outer.getKind() == ElementKind.PACKAGE) {
      return true;
    }
    return outer instanceof TypeElement
        && type.getModifiers().contains(Modifier.STATIC)
        && runnableClass((TypeElement) outer);
  }

  /**
   * A method with a body, at least one statement, and parameters the test can make; an instance
   * method only in a concrete class with a constructor without parameters (the receiver).
   */
  private static boolean candidate(TreePath mp, Trees trees) {
    MethodTree mt = (MethodTree) mp.getLeaf();
    if (mt.getBody() == null || mt.getBody().getStatements().isEmpty()) {
      return false;
    }
    Element e = trees.getElement(mp);
    if (!(e instanceof ExecutableElement) || e.getKind() != ElementKind.METHOD) {
      return false;
    }
    ExecutableElement ex = (ExecutableElement) e;
    if (!ex.getModifiers().contains(Modifier.STATIC)) {
      TypeElement owner = (TypeElement) ex.getEnclosingElement();
      if (owner.getKind() != ElementKind.CLASS
          || owner.getModifiers().contains(Modifier.ABSTRACT)
          || owner.getEnclosedElements().stream()
              .noneMatch(
                  c ->
                      c.getKind() == ElementKind.CONSTRUCTOR
                          && ((ExecutableElement) c).getParameters().isEmpty())) {
        return false;
      }
    }
    for (VariableElement v : ex.getParameters()) {
      if (!Inputs.supported(v.asType(), 0)) {
        return false;
      }
    }
    return true;
  }

  private String erasedName(TypeMirror t, Trees trees) {
    if (t.getKind() == TypeKind.ARRAY) {
      return erasedName(((ArrayType) t).getComponentType(), trees) + "[]";
    }
    if (t.getKind() == TypeKind.DECLARED) {
      return elements.getBinaryName((TypeElement) ((DeclaredType) t).asElement()).toString();
    }
    return t.toString();
  }

  /** The twin's declaration up to its body, with the placeholder {@code @__ASYNC__}. */
  private static String header(
      MethodTree mt,
      ExecutableElement ex,
      String src,
      SourcePositions pos,
      CompilationUnitTree unit,
      String twinName) {
    StringBuilder sb = new StringBuilder("  @__ASYNC__ ");
    for (Modifier m : ex.getModifiers()) {
      if (m != Modifier.SYNCHRONIZED && m != Modifier.NATIVE && m != Modifier.DEFAULT) {
        sb.append(m).append(' ');
      }
    }
    if (!mt.getTypeParameters().isEmpty()) {
      sb.append('<')
          .append(
              mt.getTypeParameters().stream()
                  .map(t -> slice(src, pos, unit, t))
                  .collect(Collectors.joining(", ")))
          .append("> ");
    }
    sb.append(slice(src, pos, unit, mt.getReturnType())).append(' ').append(twinName).append('(');
    List<String> ps = new ArrayList<>();
    for (VariableTree v : mt.getParameters()) {
      long start = pos.getStartPosition(unit, v.getType());
      long end = pos.getEndPosition(unit, v);
      String text = src.substring((int) start, (int) end);
      if (v.getType() instanceof ArrayTypeTree && text.indexOf(v.getName().toString()) < 0) {
        text = text + " " + v.getName();
      }
      ps.add(text);
    }
    sb.append(String.join(", ", ps)).append(')');
    if (!mt.getThrows().isEmpty()) {
      sb.append(" throws ")
          .append(
              mt.getThrows().stream()
                  .map(t -> slice(src, pos, unit, t))
                  .collect(Collectors.joining(", ")));
    }
    return sb.toString();
  }

  private static String slice(String src, SourcePositions pos, CompilationUnitTree unit, Tree t) {
    return src.substring((int) pos.getStartPosition(unit, t), (int) pos.getEndPosition(unit, t));
  }

  /** The mutated body text and how many awaits it got. */
  private static final class Mutation {
    final String body;
    final int count;

    Mutation(String body, int count) {
      this.body = body;
      this.count = count;
    }
  }

  /** One text insertion; at the same offset, longer spans open first and close last. */
  private static final class Insert {
    final int at;
    final String text;
    final boolean open;
    final int span;

    Insert(int at, String text, boolean open, int span) {
      this.at = at;
      this.text = text;
      this.open = open;
      this.span = span;
    }
  }

  /** A place an await can go: an expression span, or the start of a statement. */
  private static final class Site {
    final int start;
    final int end;
    final String primitive;
    final boolean statement;

    Site(int start, int end, String primitive, boolean statement) {
      this.start = start;
      this.end = end;
      this.primitive = primitive;
      this.statement = statement;
    }
  }

  private static Mutation mutate(
      TreePath mp, CompilationUnitTree unit, Trees trees, String src, Random rnd, int variant) {
    MethodTree mt = (MethodTree) mp.getLeaf();
    SourcePositions pos = trees.getSourcePositions();
    List<Site> sites = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (tree == null) {
          return null;
        }
        if (tree instanceof LambdaExpressionTree
            || tree instanceof ClassTree
            || tree instanceof SynchronizedTree
            || tree instanceof AssertTree
            || tree instanceof MemberReferenceTree) {
          return null;
        }
        TreePath path = new TreePath(getCurrentPath(), tree);
        if (tree instanceof ExpressionTree) {
          Site s = expressionSite(path, trees, unit, pos);
          if (s != null) {
            sites.add(s);
          }
        } else if (tree instanceof StatementTree) {
          Tree parent = getCurrentPath().getLeaf();
          if ((parent instanceof BlockTree || parent instanceof CaseTree)
              && !(tree instanceof VariableTree && isConstant(path, trees))) {
            long start = pos.getStartPosition(unit, tree);
            if (start >= 0) {
              sites.add(new Site((int) start, (int) start, null, true));
            }
          }
        }
        return super.scan(tree, null);
      }

      @Override
      public Void visitNewClass(NewClassTree node, Void unused) {
        if (node.getClassBody() != null) {
          return scan(node.getArguments(), null);
        }
        return super.visitNewClass(node, null);
      }

      @Override
      public Void visitCase(CaseTree node, Void unused) {
        return scan(node.getStatements(), null);
      }
    }.scan(new TreePath(mp, mt.getBody()), null);
    double p = variant == 0 ? 0.35 : variant == 1 ? 0.25 : 0.12;
    int max = variant == 0 ? 10 : variant == 1 ? 6 : 3;
    List<Site> chosen = new ArrayList<>();
    for (Site s : sites) {
      if (rnd.nextDouble() < p) {
        chosen.add(s);
      }
    }
    while (chosen.size() > max) {
      chosen.remove(rnd.nextInt(chosen.size()));
    }
    if (chosen.isEmpty() && !sites.isEmpty()) {
      chosen.add(sites.get(rnd.nextInt(sites.size())));
    }
    int bodyStart = (int) pos.getStartPosition(unit, mt.getBody());
    int bodyEnd = (int) pos.getEndPosition(unit, mt.getBody());
    List<Insert> inserts = new ArrayList<>();
    for (Site s : chosen) {
      String kind = rnd.nextBoolean() ? READY : SUSPENDING;
      if (s.statement) {
        inserts.add(new Insert(s.start, AWAIT + "(" + kind + "(0)); ", true, Integer.MAX_VALUE));
      } else if (s.primitive != null) {
        inserts.add(
            new Insert(
                s.start,
                "((" + s.primitive + ") " + AWAIT + "(" + kind + "(",
                true,
                s.end - s.start));
        inserts.add(new Insert(s.end, ")))", false, s.end - s.start));
      } else {
        inserts.add(new Insert(s.start, AWAIT + "(" + kind + "(", true, s.end - s.start));
        inserts.add(new Insert(s.end, "))", false, s.end - s.start));
      }
    }
    // Closings before openings at one offset; openings outer first, closings inner first.
    inserts.sort(
        Comparator.<Insert>comparingInt(i -> i.at)
            .thenComparing(i -> i.open)
            .thenComparingInt(i -> i.open ? -i.span : i.span));
    StringBuilder sb = new StringBuilder();
    int at = bodyStart;
    for (Insert i : inserts) {
      sb.append(src, at, i.at).append(i.text);
      at = i.at;
    }
    sb.append(src, at, bodyEnd);
    return new Mutation(sb.toString(), chosen.size());
  }

  private static boolean isConstant(TreePath path, Trees trees) {
    Element e = trees.getElement(path);
    return e instanceof VariableElement && ((VariableElement) e).getConstantValue() != null;
  }

  private static Site expressionSite(
      TreePath path, Trees trees, CompilationUnitTree unit, SourcePositions pos) {
    ExpressionTree e = (ExpressionTree) path.getLeaf();
    Tree parent = path.getParentPath().getLeaf();
    switch (e.getKind()) {
      case PARENTHESIZED:
      case LAMBDA_EXPRESSION:
      case MEMBER_REFERENCE:
      case ASSIGNMENT:
      case PREFIX_INCREMENT:
      case PREFIX_DECREMENT:
      case POSTFIX_INCREMENT:
      case POSTFIX_DECREMENT:
      case INT_LITERAL:
      case LONG_LITERAL:
      case FLOAT_LITERAL:
      case DOUBLE_LITERAL:
      case BOOLEAN_LITERAL:
      case CHAR_LITERAL:
      case STRING_LITERAL:
      case NULL_LITERAL:
        return null;
      default:
        break;
    }
    if (e instanceof CompoundAssignmentTree) {
      return null;
    }
    if (e instanceof NewArrayTree && ((NewArrayTree) e).getType() == null) {
      return null;
    }
    if (parent instanceof ExpressionStatementTree
        || parent instanceof CaseTree
        || parent instanceof AssertTree) {
      return null;
    }
    if (parent instanceof AssignmentTree && ((AssignmentTree) parent).getVariable() == e) {
      return null;
    }
    if (parent instanceof CompoundAssignmentTree
        && ((CompoundAssignmentTree) parent).getVariable() == e) {
      return null;
    }
    if (parent instanceof UnaryTree) {
      switch (parent.getKind()) {
        case PREFIX_INCREMENT:
        case PREFIX_DECREMENT:
        case POSTFIX_INCREMENT:
        case POSTFIX_DECREMENT:
          return null;
        default:
          break;
      }
    }
    if (parent instanceof MethodInvocationTree
        && ((MethodInvocationTree) parent).getMethodSelect() == e) {
      return null;
    }
    if (parent instanceof NewClassTree
        && (((NewClassTree) parent).getIdentifier() == e
            || ((NewClassTree) parent).getEnclosingExpression() == e)) {
      return null;
    }
    if (parent instanceof InstanceOfTree && ((InstanceOfTree) parent).getType() == e) {
      return null;
    }
    if (parent instanceof TypeCastTree && ((TypeCastTree) parent).getType() == e) {
      return null;
    }
    if (parent instanceof VariableTree && ((VariableTree) parent).getInitializer() != e) {
      return null;
    }
    if (parent instanceof MemberSelectTree
        && ((MemberSelectTree) parent).getIdentifier().contentEquals("class")) {
      return null;
    }
    if (e instanceof MemberSelectTree
        && ((MemberSelectTree) e).getIdentifier().contentEquals("class")) {
      return null;
    }
    Element el = trees.getElement(path);
    if (el != null) {
      switch (el.getKind()) {
        case PACKAGE:
        case CLASS:
        case INTERFACE:
        case ENUM:
        case ANNOTATION_TYPE:
        case TYPE_PARAMETER:
          return null;
        default:
          break;
      }
      if (el instanceof VariableElement && ((VariableElement) el).getConstantValue() != null) {
        return null;
      }
      String n = el.getSimpleName().toString();
      if (n.equals("this") || n.equals("super")) {
        return null;
      }
    }
    if (e.getKind() == Tree.Kind.IDENTIFIER && el == null) {
      return null;
    }
    TypeMirror t = trees.getTypeMirror(path);
    if (t == null) {
      return null;
    }
    String primitive = null;
    switch (t.getKind()) {
      case BOOLEAN:
      case BYTE:
      case SHORT:
      case INT:
      case LONG:
      case CHAR:
      case FLOAT:
      case DOUBLE:
        primitive = t.toString();
        break;
      case DECLARED:
      case ARRAY:
      case TYPEVAR:
        if (t.toString().contains("capture#") || hasWildcardOrIntersection(t)) {
          return null;
        }
        break;
      default:
        return null;
    }
    long start = pos.getStartPosition(unit, e);
    long end = pos.getEndPosition(unit, e);
    if (start < 0 || end <= start) {
      return null;
    }
    return new Site((int) start, (int) end, primitive, false);
  }

  private static boolean hasWildcardOrIntersection(TypeMirror t) {
    if (t instanceof WildcardType || t.getKind() == TypeKind.INTERSECTION) {
      return true;
    }
    if (t instanceof TypeVariable) {
      return false;
    }
    if (t instanceof ArrayType) {
      return hasWildcardOrIntersection(((ArrayType) t).getComponentType());
    }
    if (t instanceof DeclaredType) {
      for (TypeMirror a : ((DeclaredType) t).getTypeArguments()) {
        if (hasWildcardOrIntersection(a)) {
          return true;
        }
      }
    }
    return false;
  }
}
