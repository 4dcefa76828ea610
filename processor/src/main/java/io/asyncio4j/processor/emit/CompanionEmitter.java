package io.asyncio4j.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
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
   * @param imports the user file's import declarations, as source lines
   * @param alwaysQualify simple names the user imports, so JavaPoet never imports another type
   *     with the same simple name
   */
  public static String emit(
      String packageName,
      String companion,
      boolean isPublic,
      String processor,
      List<ContinuationEmitter.Emitted> methods,
      List<String> imports,
      Set<String> alwaysQualify) {
    TypeSpec.Builder type =
        TypeSpec.classBuilder(companion)
            .addJavadoc(
                "Coroutine entry points of the {@code @Async} methods of {@code $L}. Generated; do"
                    + " not edit.\n",
                companion.substring(0, companion.length() - "Async".length()).replace('_', '.'))
            .addAnnotation(
                AnnotationSpec.builder(RuntimeNames.GENERATED)
                    .addMember("value", "$S", processor)
                    .build())
            .addAnnotation(
                AnnotationSpec.builder(SuppressWarnings.class)
                    .addMember("value", "$S", "auxiliaryclass")
                    .build())
            .addModifiers(Modifier.FINAL)
            .alwaysQualify(alwaysQualify.toArray(new String[0]))
            .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    if (isPublic) {
      type.addModifiers(Modifier.PUBLIC);
    }
    Set<String> helpers = new LinkedHashSet<>();
    for (ContinuationEmitter.Emitted m : methods) {
      type.addMethod(m.entry());
      helpers.addAll(m.helpers());
    }
    for (ContinuationEmitter.Emitted m : methods) {
      type.addType(m.machine());
    }
    for (MethodSpec h : Helpers.methods(helpers)) {
      type.addMethod(h);
    }
    String text = JavaFile.builder(packageName, type.build()).skipJavaLangImports(true).build().toString();
    return withImports(text, packageName, imports);
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
