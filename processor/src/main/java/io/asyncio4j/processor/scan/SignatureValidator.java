package io.asyncio4j.processor.scan;

import io.asyncio4j.processor.diag.Diagnostics;
import io.asyncio4j.processor.diag.Message;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;

/** Checks where {@code @Async} may stand: a method with a Java body in a reachable class. */
public final class SignatureValidator {
  private SignatureValidator() {}

  /** True when {@code e} can be compiled; otherwise reports why and returns false. */
  public static boolean validate(Element e, Diagnostics diag) {
    if (e.getKind() == ElementKind.CONSTRUCTOR) {
      diag.error(e, Message.ASYNC_ON_CONSTRUCTOR);
      return false;
    }
    if (e.getKind() != ElementKind.METHOD) {
      return false;
    }
    ExecutableElement m = (ExecutableElement) e;
    if (m.getModifiers().contains(Modifier.ABSTRACT)) {
      diag.error(e, Message.ASYNC_ON_ABSTRACT, m.getSimpleName());
      return false;
    }
    if (m.getModifiers().contains(Modifier.NATIVE)) {
      diag.error(e, Message.ASYNC_ON_NATIVE, m.getSimpleName());
      return false;
    }
    if (m.getModifiers().contains(Modifier.SYNCHRONIZED)) {
      // Held only until the first await would differ from Java, which holds it for the whole body.
      diag.error(e, Message.ASYNC_SYNCHRONIZED);
      return false;
    }
    for (Element t = m.getEnclosingElement(); t instanceof TypeElement te; t = te.getEnclosingElement()) {
      if (isEnumConstantBody(te)) {
        te = enumOf(te); // compiled with its enum (see LocalClassChecker)
      }
      if (te.getModifiers().contains(Modifier.PRIVATE)
          || te.getNestingKind() == NestingKind.LOCAL
          || te.getNestingKind() == NestingKind.ANONYMOUS) {
        diag.error(e, Message.ASYNC_IN_PRIVATE_CLASS, te.getSimpleName());
        return false;
      }
    }
    return true;
  }

  /** The enum of constant body {@code body}: its superclass (its enclosing element is the field). */
  public static TypeElement enumOf(TypeElement body) {
    return (TypeElement) ((javax.lang.model.type.DeclaredType) body.getSuperclass()).asElement();
  }

  /** Whether {@code t} is the class body of an enum constant ({@code A { ... }}). */
  public static boolean isEnumConstantBody(TypeElement t) {
    return t.getNestingKind() == NestingKind.ANONYMOUS && t.getKind() == ElementKind.ENUM;
  }
}
