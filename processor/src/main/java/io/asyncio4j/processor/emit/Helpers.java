package io.asyncio4j.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/** Static helpers a companion carries when its state machines use them. */
final class Helpers {
  private Helpers() {}

  static List<MethodSpec> methods(Set<String> used) {
    List<MethodSpec> out = new ArrayList<>();
    if (used.contains("typed")) {
      TypeVariableName v = TypeVariableName.get("V");
      out.add(
          MethodSpec.methodBuilder("typed")
              .addJavadoc(
                  "Gives a spilled value its static type back: {@code witness} is\n"
                      + "{@code false ? <the original expression> : null}, never evaluated.\n")
              .addAnnotation(
                  AnnotationSpec.builder(SuppressWarnings.class)
                      .addMember("value", "$S", "unchecked")
                      .build())
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .addTypeVariable(v)
              .returns(v)
              .addParameter(Object.class, "value")
              .addParameter(v, "witness")
              .addStatement("return ($T) value", v)
              .build());
    }
    if (used.contains("awaitedValue")) {
      // In witnesses when a variable named io obscures io.asyncio4j.Asyncio.await.
      TypeVariableName t = TypeVariableName.get("T");
      for (String type : List.of("Awaitable", "CompletionStage")) {
        com.palantir.javapoet.ClassName raw =
            type.equals("Awaitable")
                ? com.palantir.javapoet.ClassName.get("io.asyncio4j", "Awaitable")
                : com.palantir.javapoet.ClassName.get(java.util.concurrent.CompletionStage.class);
        out.add(
            MethodSpec.methodBuilder("awaitedValue")
                .addJavadoc("The type of {@code await(awaitable)}, for witnesses; never called.\n")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addTypeVariable(t)
                .returns(t)
                .addParameter(ParameterizedTypeName.get(raw, t), "awaitable")
                .addStatement("throw new $T()", AssertionError.class)
                .build());
      }
    }
    if (used.contains("overrides")) {
      out.addAll(overrideLookup());
    }
    if (used.contains("numericOperand")) {
      out.add(
          MethodSpec.methodBuilder("numericOperand")
              .addJavadoc(
                  "A left operand spilled before an awaiting right one, of an operator that\n"
                      + "unboxes it: a null fails now, as it would before the right operand runs.\n")
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .returns(Object.class)
              .addParameter(Object.class, "left")
              .addParameter(Object.class, "whole")
              .addStatement("return $T.requireNonNull(left)", java.util.Objects.class)
              .build());
      out.add(
          MethodSpec.methodBuilder("numericOperand")
              .addJavadoc("A string concatenation's left operand: nothing is unboxed.\n")
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .returns(Object.class)
              .addParameter(Object.class, "left")
              .addParameter(String.class, "whole")
              .addStatement("return left")
              .build());
    }
    if (used.contains("sneak")) {
      TypeVariableName x = TypeVariableName.get("X", Throwable.class);
      out.add(
          MethodSpec.methodBuilder("sneak")
              .addJavadoc(
                  "Rethrows {@code t} unchanged; callers declare the checked exceptions it can be.\n")
              .addAnnotation(
                  AnnotationSpec.builder(SuppressWarnings.class)
                      .addMember("value", "$S", "unchecked")
                      .build())
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .addTypeVariable(x)
              .returns(RuntimeException.class)
              .addParameter(Throwable.class, "t")
              .addException(x)
              .addStatement("throw ($T) t", x)
              .build());
    }
    if (used.contains("unbox")) {
      TypeVariableName v = TypeVariableName.get("V");
      out.add(
          MethodSpec.methodBuilder("unbox")
              .addJavadoc("A reference operand of {@code ==} stays a reference.\n")
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .addTypeVariable(v)
              .returns(v)
              .addParameter(v, "value")
              .addStatement("return value")
              .build());
      Class<?>[][] pairs = {
        {int.class, Integer.class}, {long.class, Long.class}, {double.class, Double.class},
        {float.class, Float.class}, {short.class, Short.class}, {byte.class, Byte.class},
        {char.class, Character.class}, {boolean.class, Boolean.class}
      };
      for (Class<?>[] p : pairs) {
        out.add(
            MethodSpec.methodBuilder("unbox")
                .addJavadoc("A spilled primitive operand of {@code ==} compares by value again.\n")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(p[0])
                .addParameter(p[1], "value")
                .addStatement("return value")
                .build());
      }
    }
    if (used.contains("iterate")) {
      TypeName iter =
          ParameterizedTypeName.get(
              com.palantir.javapoet.ClassName.get(Iterator.class), WildcardTypeName.subtypeOf(Object.class));
      out.add(
          MethodSpec.methodBuilder("iterate")
              .addJavadoc("The iterator an enhanced for over an Iterable uses.\n")
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .returns(iter)
              .addParameter(
                  ParameterizedTypeName.get(
                      com.palantir.javapoet.ClassName.get(Iterable.class),
                      WildcardTypeName.subtypeOf(Object.class)),
                  "iterable")
              .addStatement("return iterable.iterator()")
              .build());
      out.add(
          MethodSpec.methodBuilder("iterate")
              .addJavadoc(
                  "Iterates an array by index, reading each element when it is reached (JLS"
                      + " 14.14.2).\n")
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .returns(iter)
              .addParameter(Object.class, "array")
              .addStatement(
                  "return $T.range(0, $T.getLength(array)).mapToObj(i -> $T.get(array, i)).iterator()",
                  java.util.stream.IntStream.class,
                  java.lang.reflect.Array.class,
                  java.lang.reflect.Array.class)
              .build());
    }
    return out;
  }

  private static final com.palantir.javapoet.ClassName METHOD_HANDLE =
      com.palantir.javapoet.ClassName.get("java.lang.invoke", "MethodHandle");
  private static final com.palantir.javapoet.ClassName METHOD_HANDLES =
      com.palantir.javapoet.ClassName.get("java.lang.invoke", "MethodHandles");
  private static final com.palantir.javapoet.ClassName METHOD_TYPE =
      com.palantir.javapoet.ClassName.get("java.lang.invoke", "MethodType");
  private static final com.palantir.javapoet.ClassName CALL =
      com.palantir.javapoet.ClassName.get("", "PlainOverride");

  /** {@code overrides(…)} and {@code override(…)}: the lookup behind virtual dispatch. */
  private static List<MethodSpec> overrideLookup() {
    TypeName classOf = ParameterizedTypeName.get(
        com.palantir.javapoet.ClassName.get(Class.class), WildcardTypeName.subtypeOf(Object.class));
    TypeName cache = ParameterizedTypeName.get(
        com.palantir.javapoet.ClassName.get(ClassValue.class), METHOD_HANDLE);
    TypeName classes = com.palantir.javapoet.ArrayTypeName.of(classOf);
    MethodSpec overrides = MethodSpec.methodBuilder("overrides")
        .addJavadoc("Caches {@link #override} per receiver class.\n")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(cache)
        .addParameter(classOf, "declaring")
        .addParameter(String.class, "name")
        .addParameter(classes, "parameters")
        .varargs()
        .addStatement("return new $T() {\n"
            + "  @Override\n"
            + "  protected $T computeValue($T type) {\n"
            + "    return override(type, declaring, name, parameters);\n"
            + "  }\n"
            + "}", cache, METHOD_HANDLE, classOf)
        .build();
    com.palantir.javapoet.CodeBlock body = com.palantir.javapoet.CodeBlock.builder()
        .addStatement("$T shape = $T.methodType($T.class, declaring, parameters)", METHOD_TYPE,
            METHOD_TYPE, RuntimeNames.COROUTINE)
        .beginControlFlow("for ($T k = type; k != null && k != declaring; k = k.getSuperclass())", classOf)
        .addStatement("$T m", java.lang.reflect.Method.class)
        .beginControlFlow("try")
        .addStatement("m = k.getDeclaredMethod(name, parameters)")
        .nextControlFlow("catch ($T e)", NoSuchMethodException.class)
        .addStatement("continue")
        .endControlFlow()
        .beginControlFlow("if ($T.isStatic(m.getModifiers()) || $T.isPrivate(m.getModifiers()))",
            java.lang.reflect.Modifier.class, java.lang.reflect.Modifier.class)
        .addStatement("continue")
        .endControlFlow()
        .beginControlFlow("try")
        .addStatement("String pkg = k.getPackageName()")
        .addStatement("String nested = k.getName().substring(pkg.isEmpty() ? 0 : pkg.length() + 1)")
        .addStatement("$T entry = null", java.lang.reflect.Method.class)
        .beginControlFlow("try")
        .addStatement("$T companion = $T.forName((pkg.isEmpty() ? \"\" : pkg + \".\") + nested.replace('$$', '_')"
            + " + \"Async\", false, k.getClassLoader())", classOf, Class.class)
        .addStatement("$T[] entryParameters = new $T[parameters.length + 1]", classOf, classOf)
        .addStatement("entryParameters[0] = k")
        .addStatement("$T.arraycopy(parameters, 0, entryParameters, 1, parameters.length)", System.class)
        .addStatement("entry = companion.getDeclaredMethod(name, entryParameters)")
        .nextControlFlow("catch ($T | $T e)", ClassNotFoundException.class, NoSuchMethodException.class)
        .add("// A plain (not @Async) override: a coroutine that calls it.\n")
        .endControlFlow()
        .beginControlFlow("if (entry != null)")
        .addStatement("return $T.privateLookupIn(entry.getDeclaringClass(), $T.lookup()).unreflect(entry)"
            + ".asType(shape)", METHOD_HANDLES, METHOD_HANDLES)
        .endControlFlow()
        .addStatement("$T plain = $T.privateLookupIn(k, $T.lookup()).unreflect(m)", METHOD_HANDLE,
            METHOD_HANDLES, METHOD_HANDLES)
        .addStatement("$T make = $T.lookup().findConstructor($T.class, $T.methodType(void.class, $T.class,"
            + " Object[].class))", METHOD_HANDLE, METHOD_HANDLES, CALL, METHOD_TYPE, METHOD_HANDLE)
        .addStatement("return $T.insertArguments(make, 0, plain).asCollector(Object[].class,"
            + " parameters.length + 1).asType(shape)", METHOD_HANDLES)
        .nextControlFlow("catch ($T e)", ReflectiveOperationException.class)
        .addStatement("throw new $T(\"cannot reach the override of \" + name + \" in \" + k, e)",
            IllegalStateException.class)
        .endControlFlow()
        .endControlFlow()
        .addStatement("return null")
        .build();
    MethodSpec override = MethodSpec.methodBuilder("override")
        .addJavadoc("The override of {@code name} in {@code type} or a superclass below {@code\n"
            + "declaring}, as a handle {@code (receiver, arguments…) -> Coroutine}; null for none.\n")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(METHOD_HANDLE)
        .addParameter(classOf, "type")
        .addParameter(classOf, "declaring")
        .addParameter(String.class, "name")
        .addParameter(classes, "parameters")
        .addCode(body)
        .build();
    return List.of(overrides, override);
  }

  /** Nested helper classes a companion carries when its methods use them. */
  static List<com.palantir.javapoet.TypeSpec> types(Set<String> used) {
    if (!used.contains("overrides")) {
      return List.of();
    }
    TypeVariableName t = TypeVariableName.get("T");
    return List.of(com.palantir.javapoet.TypeSpec.classBuilder("PlainOverride")
        .addJavadoc("The coroutine of a plain (not {@code @Async}) override: it calls it.\n")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addTypeVariable(t)
        .superclass(ParameterizedTypeName.get(RuntimeNames.STATE_MACHINE, t))
        .addField(METHOD_HANDLE, "target", Modifier.PRIVATE, Modifier.FINAL)
        .addField(Object[].class, "arguments", Modifier.PRIVATE, Modifier.FINAL)
        .addMethod(MethodSpec.constructorBuilder()
            .addParameter(METHOD_HANDLE, "target")
            .addParameter(Object[].class, "arguments")
            .addStatement("this.target = target")
            .addStatement("this.arguments = arguments")
            .build())
        .addMethod(MethodSpec.methodBuilder("step")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PROTECTED)
            .returns(Object.class)
            .addException(Throwable.class)
            .addStatement("return target.invokeWithArguments(arguments)")
            .build())
        .build());
  }
}
