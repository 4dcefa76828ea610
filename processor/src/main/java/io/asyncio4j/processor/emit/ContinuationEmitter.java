package io.asyncio4j.processor.emit;

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
   * entry point (null when the method cannot be overridden), and the cases of the machine's
   * {@code step()}, which go in where the machine's text has their {@link SourceMaps#bodySlot}.
   */
  public record Emitted(
      MethodSpec entry, TypeSpec machine, FieldSpec overrides, SourceMaps.Body body) {}

  /** Emits {@code method} lowered as {@code lowered}. */
  public static Emitted emit(AsyncMethod method, Lowered lowered) {
    ClassName machineName = ClassName.get(method.packageName(), method.companion(), method.machineName());
    TypeName machineType =
        method.typeVariables().isEmpty()
            ? machineName
            : ParameterizedTypeName.get(
                machineName, method.typeVariables().toArray(new TypeName[0]));

    TypeSpec.Builder machine =
        TypeSpec.classBuilder(method.machineName())
            .addJavadoc(
                "State machine of {@code $L.$L}: one instance per call, reused across awaits.\n",
                simple(method.userClass()),
                method.methodName())
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .addTypeVariables(method.typeVariables())
            .superclass(ParameterizedTypeName.get(RuntimeNames.STATE_MACHINE, method.result()));

    machine.addAnnotation(SourceMaps.placeholder(method));
    machine.addField(points(method, lowered));
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
    machine.addField(FieldSpec.builder(int.class, "label", Modifier.PRIVATE)
        .addJavadoc("The state: 0 before the first step, else the resume point or jump target.\n")
        .build());
    if (!lowered.handlers().isEmpty()) {
      machine.addField(FieldSpec.builder(int.class, "region", Modifier.PRIVATE)
          .addJavadoc("The innermost try region with an await that is executing, 0 for none.\n")
          .build());
    }
    machine.addMethod(ctor.build());
    machine.addMethod(step(method, lowered, machineType));
    machine.addMethod(
        MethodSpec.methodBuilder("suspensionPoint")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PROTECTED)
            .returns(StackTraceElement.class)
            .addStatement("return label < POINTS.length ? POINTS[label] : null")
            .build());
    if (!lowered.handlers().isEmpty()) {
      machine.addMethod(handle(lowered));
    }
    return new Emitted(entry.build(), machine.build(), overrides, cases(method, lowered));
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
        .addJavadoc("Dispatch of {@code $L} on the receiver's class.\n", method.methodName())
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
          .addJavadoc("The user's private $L {@code $L}.\n", p.isField() ? "field" : "method", p.name())
          .build());
      String lookup = "$T.privateLookupIn($L.class, $T.lookup())";
      if (p.isField()) {
        init.addStatement("$N = " + lookup + ".$L($L.class, $S, $L.class)", p.constant(), lookups,
            p.owner(), lookups, p.isStatic() ? "findStaticVarHandle" : "findVarHandle", p.owner(),
            p.name(), p.type());
      } else {
        CodeBlock.Builder mt = CodeBlock.builder().add("$T.methodType($L.class", methodType, p.type());
        for (String param : p.parameters()) {
          mt.add(", $L.class", param);
        }
        mt.add(")");
        if (p.specialCaller() != null) {
          init.addStatement("$N = " + lookup + ".findSpecial($L.class, $S, $L, $L.class)",
              p.constant(), lookups, p.specialCaller(), lookups, p.owner(), p.name(), mt.build(),
              p.specialCaller());
        } else {
          init.addStatement("$N = " + lookup + ".$L($L.class, $S, $L)", p.constant(), lookups,
              p.owner(), lookups, p.isStatic() ? "findStatic" : "findVirtual", p.owner(), p.name(),
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
            .addJavadoc("Calls the user's private method {@code $L}.\n", p.name())
            .addModifiers(Modifier.PRIVATE)
            .addTypeVariables(w.typeVariables())
            .returns(w.returns())
            .addExceptions(w.thrown());
    StringBuilder args = new StringBuilder(p.isStatic() ? "" : method.selfName());
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

  private static FieldSpec points(AsyncMethod method, Lowered lowered) {
    int max = 0;
    for (int l : lowered.resumeLines().keySet()) {
      max = Math.max(max, l);
    }
    CodeBlock.Builder init = CodeBlock.builder().add("{");
    for (int i = 0; i <= max; i++) {
      Integer line = lowered.resumeLines().get(i);
      if (i > 0) {
        init.add(",");
      }
      if (line == null) {
        init.add(" null");
      } else {
        init.add("\n    new $T($S, $S, $S, $L)", StackTraceElement.class, method.userClass(),
            method.methodName(), method.fileName(), line);
      }
    }
    init.add("}");
    return FieldSpec.builder(StackTraceElement[].class, "POINTS",
            Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("The user's source position of each resume point, indexed by label.\n")
        .initializer(init.build())
        .build();
  }

  /** The cases of {@code switch (label)}, and where each statement's source lines are. */
  static SourceMaps.Body cases(AsyncMethod method, Lowered lowered) {
    StringBuilder text = new StringBuilder();
    List<int[]> runs = new ArrayList<>();
    int lines = 0;
    for (Lowered.Line line : lowered.cases()) {
      if (line instanceof Lowered.Mark m) {
        text.append("case ").append(m.label()).append(':');
        if (m.comment() != null) {
          text.append(" // ").append(m.comment());
        }
        text.append('\n');
        lines++;
      } else {
        Lowered.Statement s = (Lowered.Statement) line;
        String marked = SourceMaps.marked(s.text(), s.line(), method.fileName());
        int count = indented(marked, text);
        if (marked != s.text()) {
          runs.add(new int[] {lines, lines + count - 1, s.line()});
        }
        lines += count;
      }
    }
    return new SourceMaps.Body(method.machineName(), text.toString(), runs);
  }

  private static MethodSpec step(AsyncMethod method, Lowered lowered, TypeName machineType) {
    String r = method.stepNames().value();
    String resuming = method.stepNames().resuming();
    boolean tries = !lowered.handlers().isEmpty();
    CodeBlock.Builder b = CodeBlock.builder();
    for (String decl : lowered.prologue()) {
      b.add("$L\n", decl);
    }
    b.addStatement("$T $N = null", Object.class, r);
    if (lowered.awaits() && !tries) {
      b.beginControlFlow("if (label != 0)");
      b.addStatement("$N = resumeValue()", r);
      b.endControlFlow();
    } else if (lowered.awaits()) {
      b.addStatement("boolean $N = label != 0", resuming);
    }
    b.add("$L:\n", method.stepNames().dispatch());
    b.beginControlFlow("while (true)");
    if (tries) {
      b.beginControlFlow("try");
      if (lowered.awaits()) {
        b.beginControlFlow("if ($N)", resuming);
        b.addStatement("$N = false", resuming);
        b.addStatement("$N = resumeValue()", r);
        b.endControlFlow();
      }
    }
    b.beginControlFlow("switch (label)");
    // The cases go in after JavaPoet printed the file (SourceMaps.fill): they are most of the
    // text, and JavaPoet would scan them twice (imports, then output) line by line.
    b.add("$L\n", SourceMaps.bodySlot(method.machineName()));
    b.add("default:\n");
    b.indent().addStatement("throw new $T($S + label)", IllegalStateException.class, "no state ")
        .unindent();
    b.endControlFlow();
    if (tries) {
      b.nextControlFlow("catch ($T ex)", Throwable.class);
      b.beginControlFlow("if (!handle(ex))");
      b.addStatement("throw ex");
      b.endControlFlow();
      b.endControlFlow();
    }
    b.endControlFlow();
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
        .addCode(b.build())
        .build();
  }

  /**
   * Appends {@code text} and a line break, each non-empty line one level deeper, as {@code
   * indent().add("$L\n", text).unindent()} would print it; returns the number of lines.
   */
  private static int indented(String text, StringBuilder out) {
    int start = 0;
    int lines = 1;
    while (true) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl;
      if (end > start) {
        out.append("  ").append(text, start, end);
      }
      out.append('\n');
      if (nl < 0) {
        return lines;
      }
      lines++;
      start = nl + 1;
    }
  }

  private static MethodSpec handle(Lowered lowered) {
    CodeBlock.Builder b = CodeBlock.builder();
    b.beginControlFlow("while (true)");
    b.beginControlFlow("switch (region)");
    for (Lowered.Handler h : lowered.handlers()) {
      b.add("case $L: // $L\n", h.region(), h.comment());
      b.indent();
      for (String s : h.body()) {
        b.add("$L\n", s);
      }
      b.unindent();
    }
    b.add("default:\n").indent().addStatement("return false").unindent();
    b.endControlFlow();
    b.endControlFlow();
    return MethodSpec.methodBuilder("handle")
        .addJavadoc("Dispatches an exception thrown in a try region to its catch or finally.\n")
        .addModifiers(Modifier.PRIVATE)
        .returns(boolean.class)
        .addParameter(Throwable.class, "ex")
        .addCode(b.build())
        .build();
  }
}
