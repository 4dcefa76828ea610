package io.asyncio4j.realcode;

import com.sun.source.util.JavacTask;
import io.asyncio4j.processor.AsyncProcessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles modified library files in-process, with the real processor or without any. */
final class TwinCompiler {
  private TwinCompiler() {}

  /** One javac error or warning: the file, its 1-based line, and the message. */
  static final class Diag {
    final Path file;
    final long line;
    final String message;
    final boolean error;

    Diag(Path file, long line, String message, boolean error) {
      this.file = file;
      this.line = line;
      this.message = message;
      this.error = error;
    }

    @Override
    public String toString() {
      return (file == null ? "" : file.getFileName() + ":" + line + ": ")
          + (error ? "error: " : "warning: ")
          + message;
    }
  }

  /** Compiles {@code sources} into {@code out} (generated sources into {@code gen}). */
  static List<Diag> compile(
      List<Path> sources, String classpath, Path out, Path gen, boolean withProcessor)
      throws IOException {
    deleteTree(out);
    deleteTree(gen);
    Files.createDirectories(out);
    Files.createDirectories(gen);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
    List<String> options = new ArrayList<>();
    options.addAll(
        List.of(
            "-cp",
            classpath,
            "-d",
            out.toString(),
            "-s",
            gen.toString(),
            "-implicit:none",
            "-encoding",
            "UTF-8",
            "-Xmaxerrs",
            "100000",
            "-Xlint:none",
            "-nowarn"));
    if (!withProcessor) {
      options.add("-proc:none");
    }
    try (StandardJavaFileManager fm =
        javac.getStandardFileManager(diags, Locale.ROOT, StandardCharsets.UTF_8)) {
      JavacTask task =
          (JavacTask)
              javac.getTask(
                  null, fm, diags, options, null, fm.getJavaFileObjectsFromPaths(sources));
      if (withProcessor) {
        task.setProcessors(List.of(new AsyncProcessor()));
      }
      task.call();
    }
    List<Diag> result = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
      boolean error = d.getKind() == Diagnostic.Kind.ERROR;
      if (!error
          && d.getKind() != Diagnostic.Kind.WARNING
          && d.getKind() != Diagnostic.Kind.MANDATORY_WARNING) {
        continue;
      }
      Path file = d.getSource() == null ? null : Path.of(d.getSource().toUri());
      result.add(new Diag(file, d.getLineNumber(), d.getMessage(Locale.ROOT), error));
    }
    return result;
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(p);
      }
    }
  }
}
