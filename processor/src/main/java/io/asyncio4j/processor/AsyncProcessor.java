package io.asyncio4j.processor;

import com.google.auto.service.AutoService;
import com.sun.source.util.Trees;
import io.asyncio4j.processor.diag.AbortProcessing;
import io.asyncio4j.processor.diag.DeferProcessing;
import io.asyncio4j.processor.diag.Diagnostics;
import io.asyncio4j.processor.diag.Message;
import io.asyncio4j.processor.emit.CompanionEmitter;
import io.asyncio4j.processor.emit.ContinuationEmitter;
import io.asyncio4j.processor.scan.AsyncCalls;
import io.asyncio4j.processor.scan.AsyncFormsChecker;
import io.asyncio4j.processor.scan.MethodReader;
import io.asyncio4j.processor.scan.SignatureValidator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Compiles {@code @Async} methods into coroutine state machines: one companion class per user
 * class. Never claims the annotation, never throws: every failure becomes a diagnostic.
 *
 * <p>Rounds: a class whose method needs a type that does not exist yet (generated this round) is
 * deferred, by name, to the next round, and reported only when processing is over.
 */
@AutoService(Processor.class)
public final class AsyncProcessor extends AbstractProcessor {
  private final Map<String, DeferProcessing> deferred = new LinkedHashMap<>();
  private Trees trees;
  private Diagnostics diag;
  private boolean notJavac;
  private boolean crashed;
  /** The async with/for forms the bodies lowered, for {@link AsyncFormsChecker}. */
  private final Set<String> loweredForms = new java.util.HashSet<>();
  private boolean formsCheckerInstalled;

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    // Every class, so that awaits in field initializers and constructor calls are found even in
    // a compilation without @Async methods.
    return Set.of("*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (crashed) {
      return false;
    }
    try {
      processRound(round);
    } catch (Throwable t) {
      crash("this round", t);
      crashed = true; // one clear error: later rounds would only repeat it
    }
    return false;
  }

  private void processRound(RoundEnvironment round) {
    if (trees == null && !notJavac) {
      try {
        trees = Trees.instance(processingEnv);
      } catch (RuntimeException | LinkageError e) {
        notJavac = true;
      }
    }
    Map<TypeElement, List<ExecutableElement>> byClass = new LinkedHashMap<>();
    TypeElement async = processingEnv.getElementUtils().getTypeElement(AsyncCalls.ASYNC);
    Set<Element> annotated = new LinkedHashSet<>();
    if (async != null) {
      annotated.addAll(round.getElementsAnnotatedWith(async));
    }
    for (String name : new ArrayList<>(deferred.keySet())) {
      TypeElement t = processingEnv.getElementUtils().getTypeElement(name);
      if (t != null) {
        for (Element e : t.getEnclosedElements()) {
          if (e.getKind() == ElementKind.METHOD && isAsync(e)) {
            annotated.add(e);
          }
        }
      }
    }
    if (notJavac) {
      if (!annotated.isEmpty()) {
        processingEnv.getMessager().printMessage(javax.tools.Diagnostic.Kind.ERROR,
            Message.NOT_JAVAC.format("Trees.instance failed"));
      }
      return;
    }
    diag = new Diagnostics(processingEnv.getMessager(), trees);
    if (!formsCheckerInstalled) {
      formsCheckerInstalled = true;
      AsyncFormsChecker.install(processingEnv, trees, diag, loweredForms);
    }
    AsyncCalls calls =
        new AsyncCalls(processingEnv.getElementUtils(), processingEnv.getTypeUtils())
            .recordingLoweredFormsIn(loweredForms);
    for (Element root : round.getRootElements()) {
      if (root instanceof TypeElement te) {
        io.asyncio4j.processor.scan.AwaitPlacementChecker.check(trees, te, diag, calls);
      }
    }
    for (Element e : annotated) {
      if (!SignatureValidator.validate(e, diag)) {
        continue;
      }
      byClass.computeIfAbsent((TypeElement) e.getEnclosingElement(), k -> new ArrayList<>())
          .add((ExecutableElement) e);
    }
    for (Map.Entry<TypeElement, List<ExecutableElement>> c : byClass.entrySet()) {
      String name = c.getKey().getQualifiedName().toString();
      deferred.remove(name);
      compileClass(c.getKey(), c.getValue(), calls);
    }
    if (round.processingOver()) {
      for (Map.Entry<String, DeferProcessing> d : deferred.entrySet()) {
        if (!d.getValue().javacReports()) {
          processingEnv.getMessager().printMessage(javax.tools.Diagnostic.Kind.ERROR,
              Message.MISSING_TYPE.format(d.getValue().getMessage() + " in " + d.getKey()));
        }
      }
      deferred.clear();
    }
  }

  private static boolean isAsync(Element e) {
    return e.getAnnotationMirrors().stream()
        .anyMatch(m -> m.getAnnotationType().toString().equals(AsyncCalls.ASYNC));
  }

  private void compileClass(
      TypeElement owner, List<ExecutableElement> methods, AsyncCalls calls) {
    MethodReader reader =
        new MethodReader(
            trees, processingEnv.getElementUtils(), processingEnv.getTypeUtils(), diag, calls);
    List<ContinuationEmitter.Emitted> emitted = new ArrayList<>();
    Map<String, Integer> machineNames = new HashMap<>();
    int errorsBefore = diag.errorCount();
    for (ExecutableElement m : methods) {
      String base = Character.toUpperCase(m.getSimpleName().charAt(0)) + m.getSimpleName().toString().substring(1);
      int n = machineNames.merge(base, 1, Integer::sum);
      String machineName = n == 1 ? base : base + n;
      try {
        emitted.add(AsyncMethodPipeline.run(reader, m, machineName));
      } catch (DeferProcessing d) {
        deferred.put(owner.getQualifiedName().toString(), d);
        return;
      } catch (AbortProcessing a) {
        // Already reported.
      } catch (Throwable t) {
        crash(owner.getSimpleName() + "." + m.getSimpleName(), t);
      }
    }
    if (diag.errorCount() > errorsBefore || emitted.isEmpty()) {
      return;
    }
    MethodReader.Imports imports = reader.imports(methods.get(0));
    String companion = AsyncCalls.companionSimpleName(owner);
    String pkg = processingEnv.getElementUtils().getPackageOf(owner).getQualifiedName().toString();
    boolean isPublic = methods.stream().anyMatch(m -> m.getModifiers().contains(Modifier.PUBLIC));
    String text = CompanionEmitter.emit(pkg, companion, isPublic, AsyncProcessor.class.getName(),
        emitted, imports.lines(), imports.simpleNames());
    try {
      String qualified = pkg.isEmpty() ? companion : pkg + "." + companion;
      Element[] origins = methods.toArray(new Element[0]);
      try (Writer w = processingEnv.getFiler().createSourceFile(qualified, origins).openWriter()) {
        w.write(text);
      }
    } catch (java.io.IOException e) {
      crash(owner.getSimpleName().toString(), e);
    }
  }

  private void crash(String where, Throwable t) {
    StringWriter sw = new StringWriter();
    t.printStackTrace(new PrintWriter(sw));
    processingEnv.getMessager().printMessage(javax.tools.Diagnostic.Kind.ERROR,
        Message.PROCESSOR_CRASH.format(where, sw));
  }
}
