package io.asyncio4j.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Assembles one companion class ({@code FooAsync}) from the emitted methods of one user class, and
 * prints it with the user's imports (the copied method bodies are source text that relies on
 * them).
 */
public final class CompanionEmitter {
  private CompanionEmitter() {}

  /**
   * The companion's source.
   *
   * @param processor the name {@code @Generated} gives, or null for no {@code @Generated} (the
   *     user's module cannot read {@code java.compiler})
   * @param imports the user file's import declarations, as source lines
   * @param alwaysQualify qualified names the user imports by single-type import, so JavaPoet
   *     never imports another type with the same simple name
   */
  public static String emit(
      String packageName,
      String companion,
      boolean isPublic,
      String processor,
      List<ContinuationEmitter.Emitted> methods,
      List<String> imports,
      Set<String> alwaysQualify) {
    return emit(
        packageName, companion, isPublic, processor, methods, imports, alwaysQualify, Owner.NONE);
  }

  /**
   * What the companion needs from its user class.
   *
   * @param initialize the user's class when it has a static {@code @Async} method, else null. A
   *     static call initializes its class before the method runs (JLS 12.4.1); for a static
   *     {@code @Async} method the call is the entry point, and the first entry-point call
   *     initializes the companion, which initializes this class. Instance methods need nothing:
   *     their receiver's class is initialized already.
   * @param suppressed warnings the whole companion suppresses: {@code "deprecation"} (and {@code
   *     "removal"}) when the user's class is deprecated, since the companion names it where
   *     plain Java would not warn (uses inside the same top-level class)
   */
  public record Owner(ClassName initialize, List<String> suppressed) {
    public static final Owner NONE = new Owner(null, List.of());
  }

  /** The companion's source, with what {@code owner} needs. */
  public static String emit(
      String packageName,
      String companion,
      boolean isPublic,
      String processor,
      List<ContinuationEmitter.Emitted> methods,
      List<String> imports,
      Set<String> alwaysQualify,
      Owner owner) {
    ClassName initialize = owner.initialize();
    List<String> suppressed = new ArrayList<>(List.of("auxiliaryclass"));
    suppressed.addAll(owner.suppressed());
    TypeSpec.Builder type =
        TypeSpec.classBuilder(companion)
            .addJavadoc(
                "Coroutine entry points of the {@code @Async} methods of {@code $L}. Generated; do"
                    + " not edit.\n",
                companion.substring(0, companion.length() - "Async".length()).replace('_', '.'));
    if (processor != null) {
      type.addAnnotation(
          AnnotationSpec.builder(RuntimeNames.GENERATED).addMember("value", "$S", processor).build());
    }
    type.addAnnotation(
            AnnotationSpec.builder(SuppressWarnings.class)
                .addMember(
                    "value",
                    suppressed.size() == 1 ? "$L" : "{$L}",
                    suppressed.stream()
                        .map(n -> CodeBlock.of("$S", n))
                        .collect(CodeBlock.joining(", ")))
                .build())
        .addModifiers(Modifier.FINAL)
        .alwaysQualify(clashing(alwaysQualify, methods))
        // Not imported: a user's type of that name in the package would be shadowed.
        .alwaysQualify(RuntimeNames.SOURCE_MAP.simpleName(), RuntimeNames.OVERRIDES.simpleName())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    if (isPublic) {
      type.addModifiers(Modifier.PUBLIC);
    }
    if (initialize != null) {
      type.addStaticBlock(
          CodeBlock.builder()
              .beginControlFlow("try")
              .addStatement("$T.lookup().ensureInitialized($T.class)", METHOD_HANDLES, initialize)
              .nextControlFlow("catch ($T e)", IllegalAccessException.class)
              .addStatement("throw new $T(e.getMessage())", IllegalAccessError.class)
              .endControlFlow()
              .build());
    }
    for (ContinuationEmitter.Emitted m : methods) {
      if (m.overrides() != null) {
        type.addField(m.overrides());
      }
    }
    for (ContinuationEmitter.Emitted m : methods) {
      if (m.entry() != null) {
        type.addMethod(m.entry());
      }
    }
    for (ContinuationEmitter.Emitted m : methods) {
      type.addType(m.machine());
    }
    String text = JavaFile.builder(packageName, type.build()).skipJavaLangImports(true).build().toString();
    // Last: the cases go in, and the source maps record final line numbers.
    List<SourceMaps.Body> bodies = new ArrayList<>();
    for (ContinuationEmitter.Emitted m : methods) {
      bodies.addAll(m.bodies());
    }
    return SourceMaps.fill(withImports(text, packageName, imports), bodies);
  }

  private static final ClassName METHOD_HANDLES =
      ClassName.get("java.lang.invoke", "MethodHandles");

  /**
   * The user-imported simple names JavaPoet must not import: those it would bind to a different
   * type than the user's import does. Names of types the signatures use are safe to import twice.
   */
  private static String[] clashing(Set<String> userImports, List<ContinuationEmitter.Emitted> methods) {
    Set<String> used = new LinkedHashSet<>();
    for (ContinuationEmitter.Emitted m : methods) {
      if (m.entry() == null) {
        continue;
      }
      collect(m.entry().returnType(), used);
      m.entry().parameters().forEach(p -> collect(p.type(), used));
      m.entry().typeVariables().forEach(t -> collect(t, used));
    }
    List<String> out = new ArrayList<>();
    for (String qualified : userImports) {
      String simple = qualified.substring(qualified.lastIndexOf('.') + 1);
      if (!used.contains(qualified)) {
        out.add(simple);
      }
    }
    // Types the generated code uses, written qualified: an import would shadow a user type of
    // the same simple name (in the package or imported on demand) in the copied bodies.
    out.addAll(List.of("MethodHandle", "MethodHandles", "MethodType", "Method", "Modifier",
        "VarHandle", "Field"));
    return out.toArray(new String[0]);
  }

  private static void collect(com.palantir.javapoet.TypeName t, Set<String> out) {
    if (t instanceof com.palantir.javapoet.ClassName c) {
      out.add(c.canonicalName());
    } else if (t instanceof com.palantir.javapoet.ParameterizedTypeName p) {
      collect(p.rawType(), out);
      p.typeArguments().forEach(a -> collect(a, out));
    } else if (t instanceof com.palantir.javapoet.ArrayTypeName a) {
      collect(a.componentType(), out);
    } else if (t instanceof com.palantir.javapoet.WildcardTypeName w) {
      w.upperBounds().forEach(b -> collect(b, out));
      w.lowerBounds().forEach(b -> collect(b, out));
    } else if (t instanceof com.palantir.javapoet.TypeVariableName v) {
      v.bounds().forEach(b -> collect(b, out));
    }
  }

  private static String withImports(String text, String packageName, List<String> imports) {
    if (imports.isEmpty()) {
      return text;
    }
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    int at = 0;
    if (!packageName.isEmpty()) {
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).startsWith("package ")) {
          at = i + 1;
          break;
        }
      }
      lines.add(at, "");
      at++;
    }
    lines.addAll(at, imports);
    return String.join("\n", lines);
  }
}
