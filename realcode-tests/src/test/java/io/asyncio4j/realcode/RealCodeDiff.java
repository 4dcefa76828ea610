package io.asyncio4j.realcode;

import io.asyncio4j.Asyncio;
import io.asyncio4j.realcode.Planner.FilePlan;
import io.asyncio4j.realcode.Planner.MethodPlan;
import io.asyncio4j.realcode.TwinCompiler.Diag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The real-code differential test: plans twins of library methods ({@link Planner}), compiles their
 * plain mutants and their {@code @Async} twins ({@link TwinCompiler}), runs original, plain mutant
 * and twin on the same generated inputs ({@link Runner}), and classifies every method.
 *
 * <p>Verdicts: {@link Verdict#PASS}; {@link Verdict#GENERATED_CODE_ERROR} (javac rejects code the
 * processor generated, or reports an untagged error: always a processor bug); {@link
 * Verdict#PROCESSOR_CRASH}; {@link Verdict#TAGGED_ERROR} (the processor rejected the twin with an
 * {@code [AsyncXxx]} error, acceptable where the construct is documented as rejected); {@link
 * Verdict#BEHAVIOUR_DIFFERS} (the twin's result, exception or argument contents differ from its
 * plain mutant's). Methods the test itself cannot judge are counted apart: the plain mutant does
 * not compile (the injection broke typing), no input gives a deterministic result, or the plain
 * mutant already behaves differently from the original.
 */
final class RealCodeDiff {

  /** What happened to one method. */
  enum Verdict {
    PASS,
    GENERATED_CODE_ERROR,
    PROCESSOR_CRASH,
    TAGGED_ERROR,
    BEHAVIOUR_DIFFERS,
    MUTANT_REJECTED,
    NOT_COMPARABLE
  }

  /** The verdict of one method, with the evidence. */
  static final class Result {
    final MethodPlan method;
    final FilePlan file;
    final Verdict verdict;
    final String detail;
    final String generatedContext;

    Result(MethodPlan method, FilePlan file, Verdict verdict, String detail, String context) {
      this.method = method;
      this.file = file;
      this.verdict = verdict;
      this.detail = detail;
      this.generatedContext = context;
    }
  }

  /** A library: its jar, its sources jar, the jars it needs, and its quick subset. */
  static final class Library {
    final String name;
    final String jar;
    final List<String> deps;
    final List<String> quick;

    Library(String name, String jar, List<String> deps, List<String> quick) {
      this.name = name;
      this.jar = jar;
      this.deps = deps;
      this.quick = quick;
    }
  }

  static final List<Library> LIBRARIES =
      List.of(
          new Library(
              "commons-lang3",
              "commons-lang3-3.20.0",
              List.of(),
              List.of(
                  "org/apache/commons/lang3/CharSetUtils.java",
                  "org/apache/commons/lang3/mutable/MutableInt.java",
                  "org/apache/commons/lang3/BooleanUtils.java")),
          new Library(
              "commons-math3",
              "commons-math3-3.6.1",
              List.of(),
              List.of("org/apache/commons/math3/util/ArithmeticUtils.java")),
          new Library(
              "commons-text",
              "commons-text-1.14.0",
              List.of("commons-lang3-3.20.0"),
              List.of("org/apache/commons/text/WordUtils.java")),
          new Library(
              "commons-codec",
              "commons-codec-1.19.0",
              List.of(),
              List.of("org/apache/commons/codec/binary/Hex.java")),
          new Library(
              "commons-collections4",
              "commons-collections4-4.5.0",
              List.of(),
              List.of("org/apache/commons/collections4/CollectionUtils.java")),
          new Library(
              "commons-csv",
              "commons-csv-1.14.1",
              List.of("commons-io-2.20.0", "commons-codec-1.19.0"),
              List.of()),
          new Library("joda-time", "joda-time-2.14.0", List.of(), List.of()),
          new Library("jsoup", "jsoup-1.21.2", List.of("jspecify-1.0.0"), List.of()),
          new Library("gson", "gson-2.13.1", List.of("error_prone_annotations-2.38.0"), List.of()));

  private final Path libs;
  private final Path work;
  private final boolean full;
  private final long seed;
  private final String only;
  private final int maxPerFile;
  private final int inputsPerMethod;
  private final int maxPerLibrary;
  final List<Result> results = new ArrayList<>();
  final List<String> skippedFiles = new ArrayList<>();
  private final Map<Verdict, Integer> counts = new LinkedHashMap<>();
  private int comparedInputs;
  private int mutantChangedInputs;

  RealCodeDiff(Path libs, Path work, boolean full, long seed, String only) {
    this.libs = libs;
    this.work = work;
    this.full = full;
    this.seed = seed;
    this.only = only == null ? "" : only;
    this.maxPerFile = full ? 25 : 6;
    this.inputsPerMethod = full ? 8 : 6;
    this.maxPerLibrary = full ? 160 : Integer.MAX_VALUE;
  }

  /** Runs every library of the scope. */
  void run() throws IOException {
    for (Library lib : LIBRARIES) {
      runLibrary(lib);
    }
  }

  private String classpath(Library lib) {
    List<String> cp = new ArrayList<>();
    cp.add(libs.resolve(lib.jar + ".jar").toString());
    for (String d : lib.deps) {
      cp.add(libs.resolve(d + ".jar").toString());
    }
    cp.add(codeSource(Asyncio.class));
    cp.add(codeSource(Awaits.class));
    return String.join(java.io.File.pathSeparator, cp);
  }

  private static String codeSource(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private void runLibrary(Library lib) throws IOException {
    if (!full && lib.quick.isEmpty()) {
      return;
    }
    Path src = work.resolve("src").resolve(lib.name);
    unzip(libs.resolve(lib.jar + "-sources.jar"), src);
    List<Path> files;
    if (full) {
      try (var walk = Files.walk(src)) {
        files =
            walk.filter(p -> p.toString().endsWith(".java"))
                .filter(p -> !p.getFileName().toString().contains("-"))
                .sorted()
                .collect(Collectors.toList());
      }
    } else {
      files = lib.quick.stream().map(src::resolve).collect(Collectors.toList());
    }
    if (!only.isEmpty()) {
      String cls = only.contains(":") ? only.substring(only.indexOf(':') + 1) : only;
      String top = cls.replaceAll("[#$(].*", "").replace('.', '/');
      files =
          files.stream()
              .filter(
                  p ->
                      src.relativize(p).toString().replace(".java", "").endsWith(top)
                          || top.endsWith(src.relativize(p).toString().replace(".java", "")))
              .collect(Collectors.toList());
      if (files.isEmpty()) {
        return;
      }
    }
    String cp = classpath(lib);
    Planner planner = new Planner(lib.name, src, cp, seed);
    List<FilePlan> plans = new ArrayList<>();
    if (full && only.isEmpty()) {
      java.util.Collections.shuffle(files, new java.util.Random(seed ^ lib.name.hashCode()));
    }
    int planned = 0;
    for (int i = 0; i < files.size() && planned < maxPerLibrary; i += 40) {
      for (FilePlan fp :
          planner.plan(
              files.subList(i, Math.min(files.size(), i + 40)), maxPerFile, skippedFiles)) {
        if (planned < maxPerLibrary) {
          plans.add(fp);
          planned += fp.methods.size();
        }
      }
    }
    if (!only.isEmpty()) {
      for (FilePlan fp : plans) {
        fp.methods.removeIf(m -> !m.caseId.contains(only));
      }
      plans.removeIf(fp -> fp.methods.isEmpty());
    }
    log(
        lib.name
            + ": planned "
            + plans.stream().mapToInt(fp -> fp.methods.size()).sum()
            + " methods in "
            + plans.size()
            + " files");
    int batch = 0;
    List<FilePlan> group = new ArrayList<>();
    int twins = 0;
    for (FilePlan fp : plans) {
      group.add(fp);
      twins += fp.methods.size();
      if (group.size() >= 6 || twins >= 90) {
        runBatch(lib, cp, group, batch++);
        group = new ArrayList<>();
        twins = 0;
      }
    }
    if (!group.isEmpty()) {
      runBatch(lib, cp, group, batch);
    }
  }

  private final long started = System.nanoTime();

  private void log(String s) {
    System.out.printf(
        Locale.ROOT, "[realcode %5.1fs] %s%n", (System.nanoTime() - started) / 1e9, s);
  }

  private void record(Result r) {
    results.add(r);
    counts.merge(r.verdict, 1, Integer::sum);
  }

  /** The twins still in play, per file. */
  private static Set<MethodPlan> all(List<FilePlan> group) {
    Set<MethodPlan> s = new LinkedHashSet<>();
    group.forEach(fp -> s.addAll(fp.methods));
    return s;
  }

  private void runBatch(Library lib, String cp, List<FilePlan> group, int n) throws IOException {
    Path dir = work.resolve(full ? "full" : "quick").resolve(lib.name).resolve("batch" + n);
    log(lib.name + " batch " + n + ": " + group.size() + " files");
    Set<MethodPlan> active = all(group);
    Map<MethodPlan, FilePlan> fileOf = new LinkedHashMap<>();
    group.forEach(fp -> fp.methods.forEach(m -> fileOf.put(m, fp)));

    // 1. The plain mutants must compile: else try the next injection, then give up on the method.
    Path plainOut = dir.resolve("plain-out");
    while (true) {
      Map<Path, Map<MethodPlan, int[]>> lines = new LinkedHashMap<>();
      List<Path> srcs = write(dir.resolve("plain-src"), group, false, active, lines);
      if (srcs.isEmpty()) {
        return;
      }
      List<Diag> errs =
          errors(TwinCompiler.compile(srcs, cp, plainOut, dir.resolve("plain-gen"), false));
      if (errs.isEmpty()) {
        break;
      }
      Map<MethodPlan, List<Diag>> byTwin = new LinkedHashMap<>();
      boolean unmapped = false;
      for (Diag d : errs) {
        MethodPlan m = twinAt(d, lines);
        if (m == null) {
          unmapped = true;
        } else {
          byTwin.computeIfAbsent(m, k -> new ArrayList<>()).add(d);
        }
      }
      if (unmapped && byTwin.isEmpty()) {
        for (MethodPlan m : active) {
          record(
              new Result(
                  m, fileOf.get(m), Verdict.MUTANT_REJECTED, "unmapped: " + errs.get(0), ""));
        }
        return;
      }
      for (Map.Entry<MethodPlan, List<Diag>> e : byTwin.entrySet()) {
        MethodPlan m = e.getKey();
        if (m.variant + 1 < Planner.VARIANTS) {
          m.variant++;
        } else {
          active.remove(m);
          record(
              new Result(
                  m, fileOf.get(m), Verdict.MUTANT_REJECTED, e.getValue().get(0).message, ""));
        }
      }
    }

    // 2. The @Async twins through the real processor; every error is charged to one twin.
    Path asyncOut = dir.resolve("async-out");
    Set<MethodPlan> asyncActive = new LinkedHashSet<>(active);
    log("  plain mutants compile: " + active.size());
    compileAsync(dir, cp, group, asyncActive, fileOf);
    log("  async twins compile: " + asyncActive.size());
    if (asyncActive.isEmpty()) {
      return;
    }
    // The last compile of compileAsync was clean for exactly asyncActive; plain-out holds every
    // plain mutant in `active`, a superset.

    // 3. Run.
    List<URL> urls = new ArrayList<>();
    for (String e : cp.split(java.io.File.pathSeparator)) {
      if (e.endsWith(".jar") && !e.contains("asyncio4j")) {
        urls.add(Path.of(e).toUri().toURL());
      }
    }
    ClassLoader parent = RealCodeDiff.class.getClassLoader();
    try (URLClassLoader plainLoader = loader(plainOut, urls, parent);
        URLClassLoader asyncLoader = loader(asyncOut, urls, parent);
        Runner runner = new Runner(full ? 2000 : 1000)) {
      for (MethodPlan m : asyncActive) {
        record(runOne(m, fileOf.get(m), plainLoader, asyncLoader, runner));
      }
    }
  }

  private static URLClassLoader loader(Path out, List<URL> jars, ClassLoader parent)
      throws IOException {
    List<URL> all = new ArrayList<>();
    all.add(out.toUri().toURL());
    all.addAll(jars);
    return new URLClassLoader(all.toArray(new URL[0]), parent);
  }

  private void compileAsync(
      Path dir,
      String cp,
      List<FilePlan> group,
      Set<MethodPlan> asyncActive,
      Map<MethodPlan, FilePlan> fileOf)
      throws IOException {
    Path asyncOut = dir.resolve("async-out");
    Path gen = dir.resolve("gen");
    Deque pending = new Deque();
    pending.add(new LinkedHashSet<>(asyncActive));
    Set<MethodPlan> good = new LinkedHashSet<>();
    Set<MethodPlan> lastClean = Set.of();
    while (!pending.isEmpty()) {
      Set<MethodPlan> part = pending.poll();
      while (!part.isEmpty()) {
        Map<Path, Map<MethodPlan, int[]>> lines = new LinkedHashMap<>();
        List<Path> srcs = write(dir.resolve("async-src"), group, true, part, lines);
        List<Diag> errs = errors(TwinCompiler.compile(srcs, cp, asyncOut, gen, true));
        log("    processor compile of " + part.size() + ": " + errs.size() + " errors");
        if (errs.isEmpty()) {
          good.addAll(part);
          lastClean = new LinkedHashSet<>(part);
          break;
        }
        lastClean = Set.of();
        Map<MethodPlan, List<Diag>> byTwin = new LinkedHashMap<>();
        List<Diag> unmapped = new ArrayList<>();
        Map<MethodPlan, String> context = new LinkedHashMap<>();
        for (Diag d : errs) {
          MethodPlan m = twinAt(d, lines);
          if (m == null && d.file != null && d.file.startsWith(gen)) {
            m = generatedOwner(d, part);
            if (m != null) {
              context.merge(m, contextOf(d), (a, b) -> a);
            }
          }
          if (m == null) {
            unmapped.add(d);
          } else {
            byTwin.computeIfAbsent(m, k -> new ArrayList<>()).add(d);
          }
        }
        for (Map.Entry<MethodPlan, List<Diag>> e : byTwin.entrySet()) {
          part.remove(e.getKey());
          record(classify(e.getKey(), fileOf.get(e.getKey()), e.getValue(), gen, context));
        }
        if (!unmapped.isEmpty() && byTwin.isEmpty()) {
          if (part.size() == 1) {
            MethodPlan m = part.iterator().next();
            part.remove(m);
            record(
                classify(m, fileOf.get(m), unmapped, gen, Map.of(m, contextOf(unmapped.get(0)))));
          } else {
            List<MethodPlan> l = new ArrayList<>(part);
            pending.add(new LinkedHashSet<>(l.subList(0, l.size() / 2)));
            pending.add(new LinkedHashSet<>(l.subList(l.size() / 2, l.size())));
            part = new LinkedHashSet<>();
          }
        }
      }
    }
    asyncActive.retainAll(good);
    if (!asyncActive.isEmpty() && !lastClean.equals(asyncActive)) {
      Map<Path, Map<MethodPlan, int[]>> lines = new LinkedHashMap<>();
      List<Path> srcs = write(dir.resolve("async-src"), group, true, asyncActive, lines);
      List<Diag> errs = errors(TwinCompiler.compile(srcs, cp, asyncOut, gen, true));
      if (!errs.isEmpty()) {
        // Errors that only show together (e.g. two twins' companions clashing): charge them all.
        for (MethodPlan m : asyncActive) {
          record(
              new Result(
                  m,
                  fileOf.get(m),
                  Verdict.GENERATED_CODE_ERROR,
                  "only together: " + errs.get(0),
                  contextOf(errs.get(0))));
        }
        asyncActive.clear();
      }
    }
  }

  /** A small FIFO of twin sets to compile (bisection of unmapped errors). */
  private static final class Deque extends java.util.ArrayDeque<Set<MethodPlan>> {
    private static final long serialVersionUID = 1L;
  }

  private static Result classify(
      MethodPlan m, FilePlan fp, List<Diag> errs, Path gen, Map<MethodPlan, String> context) {
    String all = errs.stream().map(Diag::toString).distinct().collect(Collectors.joining("\n"));
    boolean inGen = errs.stream().anyMatch(d -> d.file != null && d.file.startsWith(gen));
    Verdict v;
    if (all.contains("[AsyncProcessorCrash]")) {
      v = Verdict.PROCESSOR_CRASH;
    } else if (!inGen && errs.stream().allMatch(d -> d.message.contains("[Async"))) {
      v = Verdict.TAGGED_ERROR;
    } else {
      v = Verdict.GENERATED_CODE_ERROR;
    }
    return new Result(m, fp, v, all, context.getOrDefault(m, ""));
  }

  private static List<Diag> errors(List<Diag> diags) {
    return diags.stream().filter(d -> d.error).collect(Collectors.toList());
  }

  private static MethodPlan twinAt(Diag d, Map<Path, Map<MethodPlan, int[]>> lines) {
    if (d.file == null) {
      return null;
    }
    Map<MethodPlan, int[]> ranges = lines.get(d.file.toAbsolutePath().normalize());
    if (ranges == null) {
      return null;
    }
    for (Map.Entry<MethodPlan, int[]> e : ranges.entrySet()) {
      if (e.getValue()[0] <= d.line && d.line <= e.getValue()[1]) {
        return e.getKey();
      }
    }
    return null;
  }

  private static final Pattern MEMBER =
      Pattern.compile(
          "^  [A-Za-z@<].*?(?:class|interface|record)\\s+(\\w+)|^ "
              + " [A-Za-z<].*?(\\w+)\\s*(?:\\(|=|;)");

  /** The twin whose entry point, field or state-machine class holds a generated-file error. */
  private static MethodPlan generatedOwner(Diag d, Set<MethodPlan> part) {
    List<String> lines;
    try {
      lines = Files.readAllLines(d.file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
    String member = null;
    for (int i = (int) Math.min(d.line, lines.size()) - 1; i >= 0 && member == null; i--) {
      String l = lines.get(i);
      if (l.startsWith("  ")
          && !l.startsWith("   ")
          && !l.startsWith("  }")
          && !l.startsWith("  @")
          && !l.startsWith("  /")
          && !l.startsWith("  *")) {
        Matcher mm = MEMBER.matcher(l);
        if (mm.find()) {
          member = mm.group(1) != null ? mm.group(1) : mm.group(2);
        }
      }
    }
    if (member == null) {
      return null;
    }
    String key = member.toLowerCase(Locale.ROOT);
    MethodPlan best = null;
    for (MethodPlan m : part) {
      String t = m.twinName.toLowerCase(Locale.ROOT);
      if (key.contains(t) && (best == null || t.length() > best.twinName.length())) {
        best = m;
      }
    }
    return best;
  }

  private static String contextOf(Diag d) {
    if (d.file == null) {
      return "";
    }
    try {
      List<String> lines = Files.readAllLines(d.file, StandardCharsets.UTF_8);
      int at = (int) d.line - 1;
      StringBuilder sb = new StringBuilder();
      for (int i = Math.max(0, at - 6); i < Math.min(lines.size(), at + 4); i++) {
        sb.append(i == at ? ">> " : "   ").append(lines.get(i)).append('\n');
      }
      return d.file.getFileName() + ":" + d.line + "\n" + sb;
    } catch (IOException e) {
      return "";
    }
  }

  /** Writes each file of the group with the twins in {@code active}; fills the twins' lines. */
  private static List<Path> write(
      Path root,
      List<FilePlan> group,
      boolean async,
      Set<MethodPlan> active,
      Map<Path, Map<MethodPlan, int[]>> lines)
      throws IOException {
    TwinCompiler.deleteTree(root);
    List<Path> out = new ArrayList<>();
    for (FilePlan fp : group) {
      if (fp.methods.stream().noneMatch(active::contains)) {
        continue;
      }
      Path p = root.resolve(fp.relativePath).toAbsolutePath().normalize();
      Files.createDirectories(p.getParent());
      Map<MethodPlan, int[]> ranges = new LinkedHashMap<>();
      Files.writeString(p, fp.render(async, active, ranges), StandardCharsets.UTF_8);
      lines.put(p, ranges);
      out.add(p);
    }
    return out;
  }

  private Result runOne(
      MethodPlan m, FilePlan fp, ClassLoader plainLoader, ClassLoader asyncLoader, Runner runner) {
    Method original;
    Method mutant;
    Method twin;
    Method originalInAsync;
    Constructor<?> plainSelf = null;
    Constructor<?> asyncSelf = null;
    try {
      Class<?> plainClass = Class.forName(m.classBinaryName, false, plainLoader);
      Class<?>[] ps = params(m, plainLoader);
      original = plainClass.getDeclaredMethod(m.methodName, ps);
      mutant = plainClass.getDeclaredMethod(m.twinName, ps);
      String pkg =
          m.classBinaryName.contains(".")
              ? m.classBinaryName.substring(0, m.classBinaryName.lastIndexOf('.') + 1)
              : "";
      String flat = m.classBinaryName.substring(pkg.length()).replace('$', '_');
      Class<?> companion = Class.forName(pkg + flat + "Async", false, asyncLoader);
      List<Class<?>> tps = new ArrayList<>(List.of(params(m, asyncLoader)));
      originalInAsync =
          Class.forName(m.classBinaryName, false, asyncLoader)
              .getDeclaredMethod(m.methodName, params(m, asyncLoader));
      originalInAsync.setAccessible(true);
      if (!m.isStatic) {
        Class<?> asyncClass = Class.forName(m.classBinaryName, false, asyncLoader);
        tps.add(0, asyncClass);
        plainSelf = plainClass.getDeclaredConstructor();
        asyncSelf = asyncClass.getDeclaredConstructor();
        plainSelf.setAccessible(true);
        asyncSelf.setAccessible(true);
      }
      twin = companion.getDeclaredMethod(m.twinName, tps.toArray(new Class<?>[0]));
      original.setAccessible(true);
      mutant.setAccessible(true);
      twin.setAccessible(true);
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return new Result(m, fp, Verdict.GENERATED_CODE_ERROR, "cannot load the twin: " + e, "");
    }
    // Class initialisation (large static tables, resources) runs in the first call, in each
    // class loader: not under the per-call limit.
    long warm = (seed * 1_000_003L + m.caseId.hashCode()) * 31;
    runner.run(original, plainSelf, warm, false, 30_000);
    runner.run(twin, asyncSelf, warm, true, 30_000);
    int compared = 0;
    StringBuilder diffs = new StringBuilder();
    int differing = 0;
    for (int i = 0; i < inputsPerMethod; i++) {
      long inputSeed = (seed * 1_000_003L + m.caseId.hashCode()) * 31 + i;
      String a = runner.run(original, plainSelf, inputSeed, false);
      if (a.equals(Runner.TIMEOUT) || a.startsWith("NO-INPUT") || a.startsWith("HARNESS")) {
        continue;
      }
      String b = runner.run(original, plainSelf, inputSeed, false);
      if (!a.equals(b)) {
        continue;
      }
      // The original in the twin's class loader: a result that depends on the loader (class hash
      // codes, loader names in messages) cannot be compared across the two.
      if (!a.equals(runner.run(originalInAsync, asyncSelf, inputSeed, false))) {
        continue;
      }
      String pm = runner.run(mutant, plainSelf, inputSeed, false);
      if (!a.equals(pm)) {
        mutantChangedInputs++;
        continue;
      }
      String tw = runner.run(twin, asyncSelf, inputSeed, true);
      if (tw.equals(Runner.TIMEOUT)) {
        // A loaded machine can be slow: only a twin that also misses a generous limit differs.
        tw = runner.run(twin, asyncSelf, inputSeed, true, 20_000);
      }
      compared++;
      comparedInputs++;
      if (!tw.equals(pm)) {
        differing++;
        if (differing <= 2) {
          diffs
              .append("input ")
              .append(i)
              .append(" (seed ")
              .append(inputSeed)
              .append("): ")
              .append(argsOf(original, inputSeed))
              .append("\n  plain: ")
              .append(pm)
              .append("\n  twin:  ")
              .append(tw)
              .append('\n');
        }
      }
    }
    if (differing > 0) {
      return new Result(
          m,
          fp,
          Verdict.BEHAVIOUR_DIFFERS,
          differing + "/" + compared + " inputs differ\n" + diffs,
          "");
    }
    if (compared == 0) {
      return new Result(
          m,
          fp,
          Verdict.NOT_COMPARABLE,
          "no input gave a deterministic result that the plain mutant reproduces",
          "");
    }
    return new Result(m, fp, Verdict.PASS, compared + " inputs", "");
  }

  private static String argsOf(Method m, long inputSeed) {
    try {
      return Runner.render(Runner.arguments(m, inputSeed, false), 0);
    } catch (RuntimeException e) {
      return "?";
    }
  }

  private static Class<?>[] params(MethodPlan m, ClassLoader l) throws ClassNotFoundException {
    Class<?>[] out = new Class<?>[m.paramTypes.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = classOf(m.paramTypes.get(i), l);
    }
    return out;
  }

  private static Class<?> classOf(String name, ClassLoader l) throws ClassNotFoundException {
    if (name.endsWith("[]")) {
      return java.lang.reflect.Array.newInstance(
              classOf(name.substring(0, name.length() - 2), l), 0)
          .getClass();
    }
    switch (name) {
      case "int":
        return int.class;
      case "long":
        return long.class;
      case "short":
        return short.class;
      case "byte":
        return byte.class;
      case "char":
        return char.class;
      case "boolean":
        return boolean.class;
      case "double":
        return double.class;
      case "float":
        return float.class;
      default:
        return Class.forName(name, false, l);
    }
  }

  private static void unzip(Path jar, Path dest) throws IOException {
    if (Files.isDirectory(dest)) {
      return;
    }
    Path tmp = dest.resolveSibling(dest.getFileName() + ".tmp");
    TwinCompiler.deleteTree(tmp);
    try (InputStream in = Files.newInputStream(jar);
        ZipInputStream zip = new ZipInputStream(in)) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        if (e.isDirectory() || !e.getName().endsWith(".java")) {
          continue;
        }
        Path p = tmp.resolve(e.getName()).normalize();
        if (!p.startsWith(tmp)) {
          continue;
        }
        Files.createDirectories(p.getParent());
        Files.copy(zip, p);
      }
    }
    Files.move(tmp, dest);
  }

  /** The counts, the pass rate, and one line per failing method. */
  String summary() {
    int pass = counts.getOrDefault(Verdict.PASS, 0);
    int gen = counts.getOrDefault(Verdict.GENERATED_CODE_ERROR, 0);
    int crash = counts.getOrDefault(Verdict.PROCESSOR_CRASH, 0);
    int tagged = counts.getOrDefault(Verdict.TAGGED_ERROR, 0);
    int differs = counts.getOrDefault(Verdict.BEHAVIOUR_DIFFERS, 0);
    int judged = pass + gen + crash + tagged + differs;
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "realcode: %d methods planned in %d libraries (seed %d, %s)%n",
            results.size(),
            results.stream().map(r -> r.file.library).distinct().count(),
            seed,
            full ? "full" : "quick"));
    for (Verdict v : Verdict.values()) {
      sb.append(String.format(Locale.ROOT, "  %-22s %5d%n", v, counts.getOrDefault(v, 0)));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "  inputs compared %d, inputs where the plain mutant already differed %d%n",
            comparedInputs,
            mutantChangedInputs));
    Map<String, int[]> perLib = new TreeMap<>();
    for (Result r : results) {
      int[] c = perLib.computeIfAbsent(r.file.library, k -> new int[2]);
      if (r.verdict != Verdict.MUTANT_REJECTED && r.verdict != Verdict.NOT_COMPARABLE) {
        c[1]++;
        if (r.verdict == Verdict.PASS) {
          c[0]++;
        }
      }
    }
    perLib.forEach(
        (k, c) -> sb.append(String.format(Locale.ROOT, "  %-22s %d/%d pass%n", k, c[0], c[1])));
    sb.append(
        String.format(
            Locale.ROOT,
            "realcode: %d/%d pass (%.1f%%); %d pass or tagged error (%.1f%%)%n",
            pass,
            judged,
            judged == 0 ? 0.0 : 100.0 * pass / judged,
            pass + tagged,
            judged == 0 ? 0.0 : 100.0 * (pass + tagged) / judged));
    return sb.toString();
  }

  /** The failing methods, worst first. */
  List<Result> failures() {
    return results.stream()
        .filter(
            r ->
                r.verdict == Verdict.GENERATED_CODE_ERROR
                    || r.verdict == Verdict.PROCESSOR_CRASH
                    || r.verdict == Verdict.TAGGED_ERROR
                    || r.verdict == Verdict.BEHAVIOUR_DIFFERS)
        .sorted(Comparator.comparing((Result r) -> r.verdict).thenComparing(r -> r.method.caseId))
        .collect(Collectors.toList());
  }

  static void writeQuietly(Path p, String text) {
    try {
      Files.createDirectories(p.getParent());
      Files.writeString(p, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
