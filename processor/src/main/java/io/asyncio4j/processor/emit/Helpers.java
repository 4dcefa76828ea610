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
}
