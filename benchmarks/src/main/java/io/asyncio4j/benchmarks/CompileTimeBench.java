package io.asyncio4j.benchmarks;

import io.asyncio4j.Asyncio;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * How much our annotation processor adds to javac's time: writes a corpus of {@code @Async}
 * methods into a temporary directory, then times in-process javac ({@link ToolProvider}) on it
 * with {@code -proc:none} and with the processor on the processor path, alternating, after a
 * warm-up.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.asyncio4j.benchmarks.CompileTimeBench \
 *     [methods=500] [warmup=5] [reps=9] [processreps=5] [processorpath=PATH] [keep=DIR]
 * </pre>
 *
 * <p>Prints one line, {@code compile_time methods=… javac_ms=… processor_ms=… ratio=…
 * warm_processor_ms=… warm_ratio=… generated_ms=… twice_ms=… floor_ratio=… process_javac_ms=…
 * process_processor_ms=… process_ratio=… source_kb=… generated_kb=…}: medians of the
 * repetitions, and {@code ratio} the median of the per-repetition ratios. {@code generated_ms}
 * compiles the corpus plus the companions the processor generated, with {@code -proc:none}: the
 * part of the processor's cost that is javac compiling its output rather than the processor
 * running. With {@code -processorpath} javac loads the processor in a fresh
 * class loader each time, as a Maven build does, so its code is never JIT-warm while javac's is;
 * {@code warm_*} times the same compile with one processor instance per compile taken from a
 * class loader kept across repetitions ({@code CompilationTask.setProcessors}), which isolates the
 * processor's steady-state cost.
 *
 * <p>{@code twice_ms} compiles the corpus and an identical copy of it in other packages: any
 * source-generating design compiles each {@code @Async} body at least twice (the user's method
 * stays in the user's class, its state machine is new source), so {@code floor_ratio = twice_ms /
 * javac_ms} is the lowest {@code ratio} such a design can reach on this corpus. {@code process_*}
 * times the JDK's {@code javac} launcher in a fresh JVM per compile ({@code processreps} times,
 * alternating), JVM start included: what a command-line or single-module build pays, where
 * neither javac nor the processor is JIT-warm.
 *
 * <p>The processor path defaults to the processor and JavaPoet that the build used (see {@code
 * processor-path.properties}).
 */
public final class CompileTimeBench {
  private static final int METHODS_PER_CLASS = 10;

  private CompileTimeBench() {}

  public static void main(String[] args) throws IOException {
    int methods = 500;
    int warmup = 5;
    int reps = 9;
    int processReps = 5;
    String processorPath = null;
    Path keep = null;
    for (String arg : args) {
      int eq = arg.indexOf('=');
      String key = eq < 0 ? arg : arg.substring(0, eq);
      String value = eq < 0 ? "" : arg.substring(eq + 1);
      switch (key) {
        case "methods" -> methods = Integer.parseInt(value);
        case "warmup" -> warmup = Integer.parseInt(value);
        case "reps" -> reps = Integer.parseInt(value);
        case "processreps" -> processReps = Integer.parseInt(value);
        case "processorpath" -> processorPath = value;
        case "keep" -> keep = Path.of(value);
        default -> throw new IllegalArgumentException(
            "unknown argument: " + arg
                + " (expected: methods=N warmup=N reps=N processreps=N processorpath=PATH"
                + " keep=DIR)");
      }
    }
    if (processorPath == null) {
      processorPath = defaultProcessorPath();
    }
    Path dir = keep != null ? keep : Files.createTempDirectory("asyncio4j-compile-bench");
    try {
      List<Path> sources = Corpus.write(dir.resolve("src"), methods, METHODS_PER_CLASS);
      List<Path> copy = Corpus.write(dir.resolve("copy"), methods, METHODS_PER_CLASS, "copy");
      Bench bench =
          new Bench(dir, sources, copy, snapshot(processorPath, dir.resolve("processorpath")));
      bench.checkProcessorRuns(methods);
      for (int i = 0; i < warmup; i++) {
        bench.plain();
        bench.withProcessorPath();
        bench.withWarmProcessor();
        bench.plainWithGenerated();
        bench.plainTwice();
      }
      double[] plain = new double[reps];
      double[] path = new double[reps];
      double[] warm = new double[reps];
      double[] ratios = new double[reps];
      double[] warmRatios = new double[reps];
      double[] generated = new double[reps];
      double[] twice = new double[reps];
      double[] coldPlain = new double[processReps];
      double[] coldPath = new double[processReps];
      double[] coldRatios = new double[processReps];
      for (int i = 0; i < processReps; i++) {
        coldPlain[i] = bench.plainProcess();
        coldPath[i] = bench.processorProcess();
        coldRatios[i] = coldPath[i] / coldPlain[i];
      }
      for (int i = 0; i < reps; i++) {
        plain[i] = bench.plain();
        path[i] = bench.withProcessorPath();
        warm[i] = bench.withWarmProcessor();
        generated[i] = bench.plainWithGenerated();
        twice[i] = bench.plainTwice();
        ratios[i] = path[i] / plain[i];
        warmRatios[i] = warm[i] / plain[i];
      }
      System.out.println(
          String.format(
              Locale.ROOT,
              "compile_time methods=%d classes=%d reps=%d javac_ms=%.1f processor_ms=%.1f"
                  + " ratio=%.3f warm_processor_ms=%.1f warm_ratio=%.3f generated_ms=%.1f"
                  + " twice_ms=%.1f floor_ratio=%.3f"
                  + " process_javac_ms=%.1f process_processor_ms=%.1f process_ratio=%.3f"
                  + " source_kb=%d generated_kb=%d",
              methods,
              sources.size(),
              reps,
              median(plain),
              median(path),
              median(ratios),
              median(warm),
              median(warmRatios),
              median(generated),
              median(twice),
              median(twice) / median(plain),
              median(coldPlain),
              median(coldPath),
              median(coldRatios),
              bench.sourceBytes / 1024,
              bench.generatedBytes / 1024));
    } finally {
      if (keep == null) {
        deleteTree(dir);
      }
    }
  }

  /** Times javac runs on one corpus; every run writes into a fresh output directory. */
  private static final class Bench {
    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    private final Path dir;
    private final List<Path> sources;
    private final List<Path> copy;
    private final String processorPath;
    private final String classPath;
    private final ClassLoader processorLoader;
    private final List<Path> generatedSources = new ArrayList<>();
    private long sourceBytes;
    private long generatedBytes;
    private int run;

    Bench(Path dir, List<Path> sources, List<Path> copy, String processorPath) {
      if (javac == null) {
        throw new IllegalStateException("no system Java compiler: run on a JDK, not a JRE");
      }
      this.dir = dir;
      this.sources = sources;
      this.copy = copy;
      this.processorPath = processorPath;
      this.classPath = codeSource(Asyncio.class);
      List<URL> urls = new ArrayList<>();
      for (String entry : processorPath.split(File.pathSeparator)) {
        try {
          urls.add(Path.of(entry).toUri().toURL());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      this.processorLoader =
          new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getSystemClassLoader());
    }

    double plain() throws IOException {
      return compile(List.of("-proc:none"), null);
    }

    double withProcessorPath() throws IOException {
      return compile(List.of("-processorpath", processorPath), null);
    }

    /** The corpus and the companions generated for it, without the processor. */
    double plainWithGenerated() throws IOException {
      return compile(List.of("-proc:none"), null, generatedSources);
    }

    /** One {@code javac} process (a fresh JVM), without annotation processing. */
    double plainProcess() throws IOException {
      return compileInProcess(List.of("-proc:none"));
    }

    /** One {@code javac} process (a fresh JVM) with the processor on the processor path. */
    double processorProcess() throws IOException {
      return compileInProcess(List.of("-processorpath", processorPath));
    }

    /**
     * The corpus and an identical copy in other packages, without the processor: the floor of
     * any design whose generated code contains every {@code @Async} body once more.
     */
    double plainTwice() throws IOException {
      return compile(List.of("-proc:none"), null, copy);
    }

    double withWarmProcessor() throws IOException {
      List<Processor> processors = new ArrayList<>();
      ServiceLoader.load(Processor.class, processorLoader).forEach(processors::add);
      if (processors.isEmpty()) {
        throw new IllegalStateException("no annotation processor on " + processorPath);
      }
      return compile(List.of(), processors);
    }

    /**
     * Compiles once with the processor path, checks it wrote one companion per class and keeps a
     * copy of the companions for {@link #plainWithGenerated()}.
     */
    void checkProcessorRuns(int methods) throws IOException {
      withProcessorPath();
      Path generated = dir.resolve("gen" + run);
      Path copy = dir.resolve("generated");
      List<Path> companions;
      try (Stream<Path> files = Files.walk(generated)) {
        companions = files.filter(p -> p.toString().endsWith("Async.java")).toList();
      }
      for (Path companion : companions) {
        Path target = copy.resolve(generated.relativize(companion));
        Files.createDirectories(target.getParent());
        Files.copy(companion, target, StandardCopyOption.REPLACE_EXISTING);
        generatedSources.add(target);
        generatedBytes += Files.size(companion);
      }
      for (Path source : sources) {
        sourceBytes += Files.size(source);
      }
      if (companions.size() != sources.size()) {
        throw new IllegalStateException(
            "the processor on "
                + processorPath
                + " wrote "
                + companions.size()
                + " companion classes for "
                + sources.size()
                + " classes ("
                + methods
                + " @Async methods)");
      }
    }

    /**
     * Runs the JDK's {@code javac} launcher on the corpus in a new process and returns its wall
     * time in milliseconds, JVM start included: what a command-line build pays.
     */
    private double compileInProcess(List<String> processing) throws IOException {
      run++;
      Path out = Files.createDirectories(dir.resolve("out" + run));
      Path gen = Files.createDirectories(dir.resolve("gen" + run));
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "javac").toString());
      command.addAll(processing);
      command.addAll(
          List.of("--release", "17", "-nowarn", "-classpath", classPath, "-d", out.toString(), "-s",
              gen.toString()));
      for (Path source : sources) {
        command.add(source.toString());
      }
      Path log = dir.resolve("javac" + run + ".log");
      long start = System.nanoTime();
      int exit;
      try {
        exit =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start()
                .waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while javac ran", e);
      }
      double millis = (System.nanoTime() - start) / 1e6;
      if (exit != 0) {
        throw new IllegalStateException(
            "javac process " + processing + " exited with " + exit + ":\n" + Files.readString(log));
      }
      Files.delete(log);
      deleteTree(out);
      deleteTree(gen);
      return millis;
    }

    /** Returns the wall time of one javac run in milliseconds; fails on any diagnostic error. */
    private double compile(List<String> processing, List<Processor> processors)
        throws IOException {
      return compile(processing, processors, List.of());
    }

    private double compile(List<String> processing, List<Processor> processors, List<Path> extra)
        throws IOException {
      run++;
      Path out = Files.createDirectories(dir.resolve("out" + run));
      Path gen = Files.createDirectories(dir.resolve("gen" + run));
      List<String> options = new ArrayList<>(processing);
      options.addAll(
          List.of("--release", "17", "-nowarn", "-classpath", classPath, "-d", out.toString(), "-s",
              gen.toString()));
      StringWriter messages = new StringWriter();
      long start = System.nanoTime();
      boolean ok;
      try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
        List<Path> all = new ArrayList<>(sources);
        all.addAll(extra);
        Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(all);
        JavaCompiler.CompilationTask task =
            javac.getTask(messages, files, null, options, null, units);
        if (processors != null) {
          task.setProcessors(processors);
        }
        ok = task.call();
      }
      double millis = (System.nanoTime() - start) / 1e6;
      if (!ok) {
        throw new IllegalStateException("javac " + options + " failed:\n" + messages);
      }
      if (run > 2) {
        deleteTree(dir.resolve("out" + (run - 1)));
        deleteTree(dir.resolve("gen" + (run - 1)));
      }
      return millis;
    }
  }

  /**
   * Copies the processor path's entries into {@code target}, so that a rebuild of the processor
   * during the run (another build in the same checkout) cannot change or remove them.
   */
  static String snapshot(String path, Path target) throws IOException {
    List<String> copies = new ArrayList<>();
    int i = 0;
    for (String entry : path.split(File.pathSeparator)) {
      Path from = Path.of(entry);
      Path to = target.resolve(i++ + "-" + from.getFileName());
      try (Stream<Path> files = Files.walk(from)) {
        for (Path p : files.toList()) {
          Path copy = to.resolve(from.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(copy);
          } else {
            Files.createDirectories(copy.getParent());
            Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      copies.add(to.toString());
    }
    return String.join(File.pathSeparator, copies);
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /** The processor and JavaPoet the build used: the first existing candidate of each. */
  static String defaultProcessorPath() throws IOException {
    Properties props = new Properties();
    String resource = "/processor-path.properties";
    try (InputStream in = CompileTimeBench.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("processor-path.properties missing from the classpath");
      }
      props.load(in);
    }
    List<String> path = new ArrayList<>();
    for (String key : List.of("processor.candidates", "javapoet.candidates")) {
      String found = null;
      for (String candidate : props.getProperty(key).split("\\|")) {
        if (Files.exists(Path.of(candidate))) {
          found = candidate;
          break;
        }
      }
      if (found == null) {
        throw new IllegalStateException(
            "none of " + props.getProperty(key) + " exists; build the processor first"
                + " (mvn -pl benchmarks -am package) or pass processorpath=PATH");
      }
      path.add(found);
    }
    return String.join(File.pathSeparator, path);
  }

  private static String codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
