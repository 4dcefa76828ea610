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
import io.asyncio4j.processor.scan.DirectCallChecker;
import io.asyncio4j.processor.scan.AsyncFormsChecker;
import io.asyncio4j.processor.scan.LocalClassChecker;
import io.asyncio4j.processor.scan.MethodReader;
import io.asyncio4j.processor.scan.MistakeChecker;
import io.asyncio4j.processor.scan.MistakeListener;
import io.asyncio4j.processor.scan.SignatureValidator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.ModuleElement.RequiresDirective;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * Compiles {@code @Async} methods into coroutine state machines: one companion class per user
 * class. Never throws: every failure becomes a diagnostic. Never claims: it supports {@code "*"},
 * and a claim would hide every annotation of the round from the processors after it; {@link
 * ClaimingProcessor} claims asyncio4j's own annotations instead.
 *
 * <p>Rounds: a class whose method needs a type that does not exist yet (generated this round) is
 * deferred, by name, to the next round, and reported only when processing is over.
 */
@AutoService(Processor.class)
public final class AsyncProcessor extends AbstractProcessor {
  private final Map<String, DeferProcessing> deferred = new LinkedHashMap<>();
  private Trees trees;
  private DirectCallChecker callChecker;
  private Diagnostics diag;
  private boolean notJavac;
  private boolean crashed;
  private boolean listening;
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
        callChecker = DirectCallChecker.register(processingEnv, trees);
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
    List<TypeElement> retried = new ArrayList<>();
    for (String name : new ArrayList<>(deferred.keySet())) {
      TypeElement t = processingEnv.getElementUtils().getTypeElement(name);
      if (t != null) {
        retried.add(t);
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
    calls.roundAsyncMethods(annotated);
    if (!listening) {
      listening = true;
      MistakeListener.register(processingEnv, trees, diag);
    }
    MistakeChecker mistakes =
        new MistakeChecker(
            trees, processingEnv.getElementUtils(), processingEnv.getTypeUtils(), diag);
    Map<ExecutableElement, LocalClassChecker.ConstantMethod> constants = new HashMap<>();
    for (Element root : round.getRootElements()) {
      if (root instanceof TypeElement te) {
        io.asyncio4j.processor.scan.AwaitPlacementChecker.check(trees, te, diag, calls);
        mistakes.check(te, calls);
        for (LocalClassChecker.ConstantMethod c : LocalClassChecker.check(
            trees, processingEnv.getElementUtils(), te, diag, calls, true)) {
          constants.put(c.method(), c);
        }
      }
    }
    for (TypeElement t : retried) {
      for (LocalClassChecker.ConstantMethod c : LocalClassChecker.check(
          trees, processingEnv.getElementUtils(), t, diag, calls, false)) {
        constants.put(c.method(), c);
      }
    }
    // Constant-body methods first: their enum's entry points dispatch to them.
    List<Element> ordered = new ArrayList<>(constants.keySet());
    ordered.addAll(annotated);
    for (Element e : ordered) {
      if (!SignatureValidator.validate(e, diag)) {
        continue;
      }
      TypeElement declaring = (TypeElement) e.getEnclosingElement();
      TypeElement owner = constants.containsKey(e) ? SignatureValidator.enumOf(declaring) : declaring;
      byClass.computeIfAbsent(owner, k -> new ArrayList<>()).add((ExecutableElement) e);
    }
    for (Map.Entry<TypeElement, List<ExecutableElement>> c : byClass.entrySet()) {
      String name = c.getKey().getQualifiedName().toString();
      deferred.remove(name);
      compileClass(c.getKey(), c.getValue(), calls, constants);
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
      TypeElement owner,
      List<ExecutableElement> methods,
      AsyncCalls calls,
      Map<ExecutableElement, LocalClassChecker.ConstantMethod> constants) {
    if (companionNameTaken(owner)) {
      return;
    }
    MethodReader reader =
        new MethodReader(
            trees, processingEnv.getElementUtils(), processingEnv.getTypeUtils(), diag, calls);
    reader.checkCallsWith(callChecker);
    // The enum's entry point of each overridden method dispatches to the constants' machines.
    Map<ExecutableElement, List<ContinuationEmitter.ConstantOverride>> byConstant = new HashMap<>();
    List<ContinuationEmitter.Emitted> emitted = new ArrayList<>();
    // A state machine is a member class of the companion: its name must not shadow a type the
    // copied bodies name (list() must not hide java.util.List), nor the companion's own name.
    for (ExecutableElement m : methods) {
      LocalClassChecker.ConstantMethod c = constants.get(m);
      if (c != null) {
        reader.knownPath(m, c.path());
      }
    }
    java.util.Set<String> used = reader.namesUsed(methods);
    used.add(AsyncCalls.companionSimpleName(owner));
    java.util.Set<String> taken = new java.util.HashSet<>(used);
    int errorsBefore = diag.errorCount();
    for (ExecutableElement m : methods) {
      String base = Character.toUpperCase(m.getSimpleName().charAt(0)) + m.getSimpleName().toString().substring(1);
      String stem = used.contains(base) ? base + "Machine" : base;
      String machineName = stem;
      for (int n = 2; taken.contains(machineName); n++) {
        machineName = stem + n;
      }
      taken.add(machineName);
      try {
        LocalClassChecker.ConstantMethod c = constants.get(m);
        if (c != null) {
          reader.knownPath(m, c.path());
          ContinuationEmitter.Emitted e = AsyncMethodPipeline.run(reader, m, machineName, List.of());
          // No entry point of its own: the enum's dispatches to the machine.
          emitted.add(new ContinuationEmitter.Emitted(null, e.machine(), null, e.bodies()));
          byConstant.computeIfAbsent(c.overridden(), k -> new ArrayList<>())
              .add(new ContinuationEmitter.ConstantOverride(c.constant(), machineName));
        } else {
          emitted.add(AsyncMethodPipeline.run(
              reader, m, machineName, byConstant.getOrDefault(m, List.of())));
        }
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
    MethodReader.Imports imports = reader.imports(methods.get(methods.size() - 1));
    String companion = AsyncCalls.companionSimpleName(owner);
    String pkg = processingEnv.getElementUtils().getPackageOf(owner).getQualifiedName().toString();
    boolean isPublic = methods.stream().anyMatch(m -> m.getModifiers().contains(Modifier.PUBLIC));
    String generatedBy = canUseGenerated(owner) ? AsyncProcessor.class.getName() : null;
    boolean anyStatic = methods.stream().anyMatch(m -> m.getModifiers().contains(Modifier.STATIC));
    String text = CompanionEmitter.emit(pkg, companion, isPublic, generatedBy,
        emitted, imports.lines(), imports.simpleNames(),
        new CompanionEmitter.Owner(
            anyStatic ? com.palantir.javapoet.ClassName.get(owner) : null,
            reader.ownerDeprecation(owner)));
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

  /**
   * Whether another type already has the name of {@code owner}'s companion (reported, at {@code
   * owner}): a type in this compilation's sources, or a class that is no companion (a companion
   * has state machines with {@code @SourceMap}; one from an earlier build is simply replaced).
   */
  private boolean companionNameTaken(TypeElement owner) {
    String companion = AsyncCalls.companionSimpleName(owner);
    javax.lang.model.element.PackageElement pkg =
        processingEnv.getElementUtils().getPackageOf(owner);
    String qualified = pkg.isUnnamed() ? companion : pkg.getQualifiedName() + "." + companion;
    // Listed, not looked up: getTypeElement of a type not generated yet leaves javac a symbol
    // that breaks the generated class's members later.
    Element existing = null;
    for (Element e : pkg.getEnclosedElements()) {
      if (e.getSimpleName().contentEquals(companion)) {
        existing = e;
      }
    }
    if (existing == null) {
      return false;
    }
    boolean fromSource = trees.getPath(existing) != null;
    boolean aCompanion =
        existing.getEnclosedElements().stream()
            .anyMatch(e -> e.getAnnotationMirrors().stream().anyMatch(a ->
                ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName()
                    .contentEquals(ClaimingProcessor.SOURCE_MAP)));
    if (!fromSource && aCompanion) {
      return false;
    }
    diag.error(owner, Message.COMPANION_NAME_TAKEN, owner.getSimpleName(), qualified);
    return true;
  }

  /**
   * Whether the companion of {@code owner} may say {@code @javax.annotation.processing.Generated}:
   * the annotation lives in module {@code java.compiler}, which a named module reads only when it
   * requires it (or a module that requires it transitively, such as {@code java.se}). Companions
   * need no {@code requires} beyond {@code io.asyncio4j}, so elsewhere they go without it.
   */
  private boolean canUseGenerated(TypeElement owner) {
    if (processingEnv.getElementUtils().getTypeElement(ClaimingProcessor.GENERATED) == null) {
      return false;
    }
    ModuleElement module = processingEnv.getElementUtils().getModuleOf(owner);
    if (module == null || module.isUnnamed()) {
      return true;
    }
    Set<ModuleElement> seen = new HashSet<>();
    List<ModuleElement> todo = new ArrayList<>();
    for (RequiresDirective r : ElementFilter.requiresIn(module.getDirectives())) {
      todo.add(r.getDependency());
    }
    while (!todo.isEmpty()) {
      ModuleElement m = todo.remove(todo.size() - 1);
      if (!seen.add(m)) {
        continue;
      }
      if (m.getQualifiedName().contentEquals("java.compiler")) {
        return true;
      }
      for (RequiresDirective r : ElementFilter.requiresIn(m.getDirectives())) {
        if (r.isTransitive()) {
          todo.add(r.getDependency());
        }
      }
    }
    return false;
  }

  private void crash(String where, Throwable t) {
    StringWriter sw = new StringWriter();
    t.printStackTrace(new PrintWriter(sw));
    processingEnv.getMessager().printMessage(javax.tools.Diagnostic.Kind.ERROR,
        Message.PROCESSOR_CRASH.format(where, sw));
  }
}
