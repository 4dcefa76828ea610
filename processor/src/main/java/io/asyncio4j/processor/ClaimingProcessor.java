package io.asyncio4j.processor;

import com.google.auto.service.AutoService;
import io.asyncio4j.processor.scan.AsyncCalls;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Claims the annotations asyncio4j owns, so that {@code -Xlint:all} (its {@code processing} part)
 * has no "No processor claimed any of these annotations" to report for them: {@code @Async} in the
 * user's sources, and {@code @SourceMap} and {@code @Generated} on the companions.
 *
 * <p>A separate processor because {@link AsyncProcessor} supports {@code "*"} (it checks awaits in
 * every class) and must not claim, or processors after it would miss their annotations; this one
 * supports only asyncio4j's own names. It must run after {@link AsyncProcessor} in a round:
 * javac stops offering a round to further processors once every annotation in it is claimed, so
 * a claim before {@link AsyncProcessor} ran would skip it. The service file lists processors
 * sorted by name ({@code AsyncProcessor} first); {@code -processor} lists must keep that order.
 *
 * <p>{@code javax.annotation.processing.Generated} is claimed only in a round where every element
 * it annotates is a companion ({@code @Generated} naming {@link AsyncProcessor}): another tool's
 * generated code keeps its own treatment.
 */
@AutoService(Processor.class)
public final class ClaimingProcessor extends AbstractProcessor {
  static final String SOURCE_MAP = "io.asyncio4j.spi.SourceMap";
  static final String GENERATED = "javax.annotation.processing.Generated";

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(AsyncCalls.ASYNC, SOURCE_MAP, GENERATED);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (TypeElement a : annotations) {
      if (a.getQualifiedName().contentEquals(GENERATED)) {
        for (Element e : round.getElementsAnnotatedWith(a)) {
          if (!generatedByUs(e)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Whether {@code e}'s {@code @Generated} names {@link AsyncProcessor}. */
  private static boolean generatedByUs(Element e) {
    for (AnnotationMirror m : e.getAnnotationMirrors()) {
      if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(GENERATED)) {
        for (var v : m.getElementValues().entrySet()) {
          ExecutableElement key = v.getKey();
          AnnotationValue value = v.getValue();
          if (key.getSimpleName().contentEquals("value")
              && value.getValue() instanceof java.util.List<?> names
              && names.size() == 1
              && names.get(0) instanceof AnnotationValue name
              && AsyncProcessor.class.getName().equals(name.getValue())) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
