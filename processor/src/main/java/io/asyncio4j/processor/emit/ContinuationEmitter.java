package io.asyncio4j.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import io.asyncio4j.processor.lower.Lowered;
import io.asyncio4j.processor.model.AsyncMethod;
import io.asyncio4j.processor.model.LocalVar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Wraps a lowered body into its state-machine class and the companion's entry point. Sees only
 * the model and the lowered form, never javac elements.
 */
public final class ContinuationEmitter {
  private ContinuationEmitter() {}

  /**
   * The entry point and the state machine of one method, the companion's dispatch field of the
   * entry point (null when the method cannot be overridden), and the bodies of the machine's
   * {@code step()} and {@code handle()}, which go in at their {@link SourceMaps#bodySlot}s.
   */
  public record Emitted(
      MethodSpec entry, TypeSpec machine, FieldSpec overrides, List<SourceMaps.Body> bodies) {

    /**
     * This method with the user's {@code @SuppressWarnings} on the entry point and the machine
     * (which hold the user's signature and body) and, when the user's method has it, {@code
     * @SafeVarargs} on the entry point (static, so it may). The entry point then also suppresses
     * {@code "varargs"}: it hands the array to the machine, whose body the user vouched for (javac
     * checks that body in the user's method).
     *
     * @param suppressed the names the user's method suppresses, with those of its enclosing
     *     declarations
     */
    public Emitted carrying(List<String> suppressed, boolean safeVarargs) {
      if (suppressed.isEmpty() && !safeVarargs) {
        return this;
      }
      MethodSpec.Builder e = entry.toBuilder();
      TypeSpec.Builder m = machine.toBuilder();
      List<String> atEntry = new ArrayList<>(suppressed);
      if (safeVarargs) {
        e.addAnnotation(SafeVarargs.class);
        if (!atEntry.contains("varargs")) {
          atEntry.add("varargs");
        }
      }
      e.addAnnotation(suppressWarnings(atEntry));
      if (!suppressed.isEmpty()) {
        m.addAnnotation(suppressWarnings(suppressed));
      }
      return new Emitted(e.build(), m.build(), overrides, bodies);
    }
  }

  /**
   * An enum constant whose body overrides the method with an {@code @Async} method of its own,
   * compiled to {@code machineName} in the same companion.
   */
  public record ConstantOverride(String constant, String machineName) {}

  /** Emits {@code method} lowered as {@code lowered}. */
  public static Emitted emit(AsyncMethod method, Lowered lowered) {
    return emit(method, lowered, List.of());
  }

  /**
   * Emits {@code method} lowered as {@code lowered}; its entry point starts the machine of the
   * receiver's constant when that is one of {@code constants} (a constant's body is an anonymous
   * class, which no entry point of its own could take).
   */
  public static Emitted emit(AsyncMethod method, Lowered lowered, List<ConstantOverride> constants) {
    ClassName machineName = ClassName.get(method.packageName(), method.companion(), method.machineName());

    TypeSpec.Builder machine =
        TypeSpec.classBuilder(method.machineName())
            .addJavadoc(
                "State machine of {@code $L.$L}: one instance per call, reused across awaits.\n",
                simple(method.userClass()),
                method.methodName())
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .addTypeVariables(method.typeVariables())
            .superclass(ParameterizedTypeName.get(RuntimeNames.STATE_MACHINE, method.result()));

    machine.addAnnotation(SourceMaps.placeholder(method, points(lowered)));
    privateHandles(method, machine);
    outerHandle(method, machine);
    MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
    MethodSpec.Builder entry =
        MethodSpec.methodBuilder(method.methodName())
            .addModifiers(Modifier.STATIC)
            .addTypeVariables(method.typeVariables())
            .returns(ParameterizedTypeName.get(RuntimeNames.COROUTINE, method.result()));
    if (method.visibility().equals("public")) {
      entry.addModifiers(Modifier.PUBLIC);
    } else if (method.visibility().equals("protected")) {
      entry.addModifiers(Modifier.PROTECTED);
    }
    StringBuilder args = new StringBuilder();
    if (method.receiver() != null) {
      machine.addField(method.receiver(), method.selfName(), Modifier.PRIVATE, Modifier.FINAL);
      ctor.addParameter(method.receiver(), method.selfName());
      ctor.addStatement("this.$N = $N", method.selfName(), method.selfName());
      entry.addParameter(method.receiver(), method.selfName());
      args.append(method.selfName());
    }
    for (AsyncMethod.Param p : method.parameters()) {
      machine.addField(p.type(), p.fieldName(), Modifier.PRIVATE);
      ctor.addParameter(p.type(), p.fieldName());
      ctor.addStatement("this.$N = $N", p.fieldName(), p.fieldName());
      entry.addParameter(p.type(), p.fieldName());
      args.append(args.length() == 0 ? "" : ", ").append(p.fieldName());
    }
    entry.varargs(method.varargs());
    for (ConstantOverride c : constants) {
      TypeName raw = method.receiver() instanceof ParameterizedTypeName p ? p.rawType() : method.receiver();
      entry.beginControlFlow("if ($N == $T.$N)", method.selfName(), raw, c.constant());
      entry.addStatement(
          "return new $T($L)",
          ClassName.get(method.packageName(), method.companion(), c.machineName()),
          args);
      entry.endControlFlow();
    }
    FieldSpec overrides = method.overridable() != null && method.receiver() != null
        ? dispatch(method, entry, args.toString())
        : null;
    entry.addStatement(
        "return new $T$L($L)", machineName, method.typeVariables().isEmpty() ? "" : "<>", args);
    for (LocalVar v : method.locals()) {
      machine.addField(
          FieldSpec.builder(sourceType(v.typeText()), v.fieldName(), Modifier.PRIVATE)
              .build());
    }
    for (Map.Entry<String, String> f : lowered.fields().entrySet()) {
      machine.addField(sourceType(f.getValue()), f.getKey(), Modifier.PRIVATE);
    }
    // The state field, label, is AsyncStateMachine's (with suspensionPoint() reading it); region
    // names the innermost try region with an await that is executing, 0 for none.
    if (!lowered.handlers().isEmpty()) {
      machine.addField(int.class, "region", Modifier.PRIVATE);
    }
    machine.addMethod(ctor.build());
    machine.addMethod(step(method));
    if (!lowered.handlers().isEmpty()) {
      machine.addMethod(handle(method));
    }
    List<SourceMaps.Body> bodies = new ArrayList<>(2);
    bodies.add(stepBody(method, lowered));
    if (!lowered.handlers().isEmpty()) {
      bodies.add(handleBody(method, lowered));
    }
    return new Emitted(entry.build(), machine.build(), overrides, bodies);
  }

  private static AnnotationSpec suppressWarnings(List<String> names) {
    CodeBlock value =
        names.size() == 1
            ? CodeBlock.of("$S", names.get(0))
            : CodeBlock.of(
                "{$L}", names.stream().map(n -> CodeBlock.of("$S", n)).collect(CodeBlock.joining(", ")));
    return AnnotationSpec.builder(SuppressWarnings.class).addMember("value", value).build();
  }

  /**
   * A direct call dispatches on the receiver's class as Java's does: when a subclass overrides the
   * method, the entry point returns the override's coroutine (its companion's entry point when
   * the override is {@code @Async}, else a coroutine that calls it). The companion's field (see
   * the runtime's {@code Overrides}) finds it, once per receiver class. The field is the
   * companion's, not the machine's: there the user's locals (fields of the machine) could obscure
   * the package names.
   */
  private static FieldSpec dispatch(AsyncMethod method, MethodSpec.Builder entry, String args) {
    TypeName raw = method.receiver() instanceof ParameterizedTypeName p ? p.rawType() : method.receiver();
    CodeBlock.Builder params = CodeBlock.builder();
    for (String p : method.overridable()) {
      params.add(", $L.class", p);
    }
    int arity = method.parameters().size();
    String arguments = String.join(", ",
        method.parameters().stream().map(AsyncMethod.Param::fieldName).toList());
    String name = Character.toLowerCase(method.machineName().charAt(0))
        + method.machineName().substring(1) + "Overrides";
    entry.beginControlFlow("if ($N.getClass() != $T.class)", method.selfName(), raw);
    if (arity <= 4) {
      entry.addStatement("return $N.call($L)", name, args);
    } else {
      // One array: call(Object...) would take a single array argument for all the arguments.
      entry.addStatement("return $N.callWith($N, new $T[] {$L})", name, method.selfName(),
          Object.class, arguments);
    }
    entry.endControlFlow();
    return FieldSpec.builder(RuntimeNames.OVERRIDES, name, Modifier.PRIVATE, Modifier.STATIC,
            Modifier.FINAL)
        .initializer("$T.of($T.lookup(), $N.class, $T.class, $S$L)", RuntimeNames.OVERRIDES,
            METHOD_HANDLES, method.machineName(), raw, method.methodName(), params.build())
        .build();
  }

  private static final ClassName METHOD_HANDLES = ClassName.get("java.lang.invoke", "MethodHandles");

  private static String fresh(String base, java.util.Set<String> used) {
    String n = base;
    for (int i = 2; used.contains(n); i++) {
      n = base + i;
    }
    used.add(n);
    return n;
  }

  private static String simple(String binaryName) {
    int dot = binaryName.lastIndexOf('.');
    return binaryName.substring(dot + 1).replace('$', '.');
  }

  /** A type written as source text (from the user's declaration or a javac type's toString). */
  static TypeName sourceType(String text) {
    return switch (text) {
      case "int" -> TypeName.INT;
      case "long" -> TypeName.LONG;
      case "boolean" -> TypeName.BOOLEAN;
      case "double" -> TypeName.DOUBLE;
      case "float" -> TypeName.FLOAT;
      case "short" -> TypeName.SHORT;
      case "byte" -> TypeName.BYTE;
      case "char" -> TypeName.CHAR;
      case "java.lang.Object" -> ClassName.OBJECT;
      default -> TypeVariableName.get(text);
    };
  }

  private static void privateHandles(AsyncMethod method, TypeSpec.Builder machine) {
    if (method.privateMembers().isEmpty()) {
      return;
    }
    ClassName lookups = ClassName.get("java.lang.invoke", "MethodHandles");
    ClassName methodType = ClassName.get("java.lang.invoke", "MethodType");
    CodeBlock.Builder init = CodeBlock.builder().beginControlFlow("try");
    for (io.asyncio4j.processor.model.PrivateMember p : method.privateMembers()) {
      ClassName handleType = ClassName.get("java.lang.invoke", p.isField() ? "VarHandle" : "MethodHandle");
      machine.addField(FieldSpec.builder(handleType, p.constant(), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .addJavadoc("The user's $L {@code $L}.\n",
              p.isField() ? "field" : p.isConstructor() ? "constructor of" : "method", p.name())
          .build());
      String lookup = "$T.privateLookupIn($L.class, $T.lookup())";
      if (p.isField()) {
        init.addStatement("$N = " + lookup + ".$L($L.class, $S, $L.class)", p.constant(), lookups,
            p.lookup(), lookups, p.isStatic() ? "findStaticVarHandle" : "findVarHandle", p.owner(),
            p.name(), p.type());
      } else {
        CodeBlock.Builder mt = CodeBlock.builder().add("$T.methodType($L.class", methodType, p.type());
        for (String param : p.parameters()) {
          mt.add(", $L.class", param);
        }
        mt.add(")");
        if (p.isConstructor()) {
          init.addStatement("$N = " + lookup + ".findConstructor($L.class, $L)", p.constant(),
              lookups, p.lookup(), lookups, p.owner(), mt.build());
        } else if (p.specialCaller() != null) {
          init.addStatement("$N = " + lookup + ".findSpecial($L.class, $S, $L, $L.class)",
              p.constant(), lookups, p.specialCaller(), lookups, p.owner(), p.name(), mt.build(),
              p.specialCaller());
        } else {
          init.addStatement("$N = " + lookup + ".$L($L.class, $S, $L)", p.constant(), lookups,
              p.lookup(), lookups, p.isStatic() ? "findStatic" : "findVirtual", p.owner(), p.name(),
              mt.build());
        }
      }
    }
    for (io.asyncio4j.processor.model.PrivateMember p : method.privateMembers()) {
      if (p.wrapper() != null) {
        machine.addMethod(wrapper(method, p));
      }
    }
    init.nextControlFlow("catch ($T e)", ReflectiveOperationException.class)
        .addStatement("throw new $T(e)", ExceptionInInitializerError.class)
        .endControlFlow();
    machine.addStaticBlock(init.build());
  }

  /**
   * An inner class's body that reads its enclosing instance's members gets it from javac's
   * synthetic field: the original method body uses it too, so javac always keeps that field.
   */
  private static void outerHandle(AsyncMethod method, TypeSpec.Builder machine) {
    if (method.outer() == null) {
      return;
    }
    ClassName mh = ClassName.get("java.lang.invoke", "MethodHandle");
    ClassName lookups = ClassName.get("java.lang.invoke", "MethodHandles");
    TypeName raw = method.outer() instanceof ParameterizedTypeName p ? p.rawType() : method.outer();
    TypeName self = method.receiver() instanceof ParameterizedTypeName p ? p.rawType() : method.receiver();
    machine.addField(FieldSpec.builder(mh, "OUTER", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Reads the enclosing instance of the receiver.\n").build());
    machine.addStaticBlock(CodeBlock.builder()
        .beginControlFlow("try")
        .addStatement("$T field = null", java.lang.reflect.Field.class)
        .beginControlFlow("for ($T f : $T.class.getDeclaredFields())", java.lang.reflect.Field.class, self)
        .beginControlFlow("if (f.isSynthetic() && f.getType() == $T.class)", raw)
        .addStatement("field = f")
        .endControlFlow()
        .endControlFlow()
        .beginControlFlow("if (field == null)")
        .addStatement("throw new $T($S)", IllegalStateException.class, "no enclosing instance field in " + self)
        .endControlFlow()
        .addStatement("OUTER = $T.privateLookupIn($T.class, $T.lookup()).unreflectGetter(field)",
            lookups, self, lookups)
        .nextControlFlow("catch ($T e)", ReflectiveOperationException.class)
        .addStatement("throw new $T(e)", ExceptionInInitializerError.class)
        .endControlFlow()
        .build());
    MethodSpec.Builder outer = MethodSpec.methodBuilder("outer")
        .addJavadoc("The receiver's enclosing instance.\n")
        .addModifiers(Modifier.PRIVATE)
        .returns(method.outer())
        .beginControlFlow("try")
        .addStatement("return ($T) OUTER.invoke($N)", method.outer(), method.selfName())
        .nextControlFlow("catch ($T t)", Throwable.class)
        .addStatement("throw sneak(t)")
        .endControlFlow();
    if (method.outer() instanceof ParameterizedTypeName) {
      outer.addAnnotation(com.palantir.javapoet.AnnotationSpec.builder(SuppressWarnings.class)
          .addMember("value", "$S", "unchecked").build());
    }
    machine.addMethod(outer.build());
  }

  private static MethodSpec wrapper(AsyncMethod method, io.asyncio4j.processor.model.PrivateMember p) {
    io.asyncio4j.processor.model.PrivateMember.Wrapper w = p.wrapper();
    MethodSpec.Builder b =
        MethodSpec.methodBuilder(w.name())
            .addJavadoc(p.isConstructor() ? "Creates a {@code $L} with its constructor.\n"
                : "Calls the user's method {@code $L}.\n", p.name())
            .addModifiers(Modifier.PRIVATE)
            .addTypeVariables(w.typeVariables())
            .returns(w.returns())
            .addExceptions(w.thrown());
    StringBuilder args = new StringBuilder(
        p.isStatic() || p.isConstructor() ? "" : w.receiver() != null ? "receiver" : method.selfName());
    if (w.receiver() != null) {
      b.addParameter(w.receiver(), "receiver");
    }
    for (int i = 0; i < w.parameters().size(); i++) {
      b.addParameter(w.parameters().get(i), "arg" + i);
      args.append(args.length() == 0 ? "" : ", ").append("arg").append(i);
    }
    b.beginControlFlow("try");
    if (w.returns().equals(TypeName.VOID)) {
      b.addStatement("$N.invoke($L)", p.constant(), args);
    } else {
      if (!w.returns().isPrimitive()) {
        b.addAnnotation(com.palantir.javapoet.AnnotationSpec.builder(SuppressWarnings.class)
            .addMember("value", "$S", "unchecked").build());
      }
      b.addStatement("return ($T) $N.invoke($L)", w.returns(), p.constant(), args);
    }
    b.nextControlFlow("catch ($T t)", Throwable.class);
    b.addStatement("throw sneak(t)");
    b.endControlFlow();
    return b.build();
  }

  /** The {@code points} of the machine's {@code @SourceMap}: {@code label:line}, by label. */
  private static String points(Lowered lowered) {
    StringBuilder points = new StringBuilder();
    new java.util.TreeMap<>(lowered.resumeLines()).forEach((label, line) -> {
      if (line != null) {
        points.append(points.length() == 0 ? "" : ",").append(label).append(':').append(line);
      }
    });
    return points.toString();
  }

  /**
   * The body of {@code step()}: the dispatch loop around the cases of {@code switch (label)}, and
   * where each statement's source lines are. Printed as text, not through JavaPoet (see {@link
   * SourceMaps#fill}): it is most of the file, and JavaPoet would scan it twice, token by token.
   * Everything it names is in {@code java.lang} or the lowered text.
   */
  static SourceMaps.Body stepBody(AsyncMethod method, Lowered lowered) {
    String r = method.stepNames().value();
    String resuming = method.stepNames().resuming();
    boolean tries = !lowered.handlers().isEmpty();
    Text b = new Text();
    for (String decl : lowered.prologue()) {
      b.add(0, decl);
    }
    b.add(0, "Object " + r + " = null;");
    if (lowered.awaits() && !tries) {
      b.add(0, "if (label != 0) {");
      b.add(1, r + " = resumeValue();");
      b.add(0, "}");
    } else if (lowered.awaits()) {
      b.add(0, "boolean " + resuming + " = label != 0;");
    }
    b.add(0, method.stepNames().dispatch() + ":");
    b.add(0, "while (true) {");
    int level = 1;
    if (tries) {
      b.add(level++, "try {");
      if (lowered.awaits()) {
        b.add(level, "if (" + resuming + ") {");
        b.add(level + 1, resuming + " = false;");
        b.add(level + 1, r + " = resumeValue();");
        b.add(level, "}");
      }
    }
    b.add(level, "switch (label) {");
    List<int[]> runs = new ArrayList<>();
    for (Lowered.Line line : lowered.cases()) {
      if (line instanceof Lowered.Mark m) {
        b.add(level + 1, m.comment() == null
            ? "case " + m.label() + ":"
            : "case " + m.label() + ": // " + m.comment());
      } else {
        Lowered.Statement s = (Lowered.Statement) line;
        // The machine's SourceMap maps the lines; resume points also carry a comment.
        int first = b.lines;
        b.add(level + 2, s.text());
        if (s.line() > 0) {
          runs.add(new int[] {first, b.lines - 1, s.line()});
        }
      }
    }
    b.add(level + 1, "default:");
    b.add(level + 2, "throw new IllegalStateException(\"no state \" + label);");
    b.add(level, "}");
    if (tries) {
      b.add(level - 1, "} catch (Throwable ex) {");
      b.add(level, "if (!handle(ex)) {");
      b.add(level + 1, "throw ex;");
      b.add(level, "}");
      b.add(level - 1, "}");
    }
    b.add(0, "}");
    return new SourceMaps.Body(method.machineName(), method.machineName(), b.toString(), runs);
  }

  private static MethodSpec step(AsyncMethod method) {
    return MethodSpec.methodBuilder("step")
        .addAnnotation(Override.class)
        .addAnnotation(
            com.palantir.javapoet.AnnotationSpec.builder(SuppressWarnings.class)
                // "cast": a returned value is cast to the primitive return type, redundant when
                // it already has that type.
                .addMember("value", "{$S, $S, $S}", "cast", "fallthrough", "unchecked")
                .build())
        .addModifiers(Modifier.PROTECTED)
        .returns(Object.class)
        .addException(Throwable.class)
        .addCode("$L\n", SourceMaps.bodySlot(method.machineName()))
        .build();
  }

  /** Lines of Java text, each non-empty line indented two spaces per level. */
  private static final class Text {
    private final StringBuilder text = new StringBuilder();
    private int lines;

    /** Appends {@code code} (one or more lines) at {@code level}, as JavaPoet would indent it. */
    void add(int level, String code) {
      int start = 0;
      while (true) {
        int nl = code.indexOf('\n', start);
        int end = nl < 0 ? code.length() : nl;
        if (end > start) {
          text.append("  ".repeat(level)).append(code, start, end);
        }
        text.append('\n');
        lines++;
        if (nl < 0) {
          return;
        }
        start = nl + 1;
      }
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }

  /** The body of {@code handle(Throwable ex)}, as text like {@link #stepBody}. */
  static SourceMaps.Body handleBody(AsyncMethod method, Lowered lowered) {
    Text b = new Text();
    b.add(0, "while (true) {");
    b.add(1, "switch (region) {");
    for (Lowered.Handler h : lowered.handlers()) {
      b.add(2, "case " + h.region() + ": // " + h.comment());
      for (String s : h.body()) {
        b.add(3, s);
      }
    }
    b.add(2, "default:");
    b.add(3, "return false;");
    b.add(1, "}");
    b.add(0, "}");
    String slot = method.machineName() + ".handle";
    return new SourceMaps.Body(slot, null, b.toString(), List.of());
  }

  private static MethodSpec handle(AsyncMethod method) {
    return MethodSpec.methodBuilder("handle")
        .addModifiers(Modifier.PRIVATE)
        .returns(boolean.class)
        .addParameter(Throwable.class, "ex")
        .addCode("$L\n", SourceMaps.bodySlot(method.machineName() + ".handle"))
        .build();
  }
}
