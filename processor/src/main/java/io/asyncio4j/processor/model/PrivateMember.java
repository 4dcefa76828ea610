package io.asyncio4j.processor.model;

import java.util.List;

/**
 * A private field or method of the user's class that the body uses; the state machine reaches it
 * through a {@code VarHandle}/{@code MethodHandle} from {@code MethodHandles.privateLookupIn}.
 *
 * @param constant the name of the static final handle field
 * @param owner the declaring class's canonical name
 * @param type the field's type, or the method's return type, erased, as a class literal prefix
 * @param parameters the method's erased parameter types
 * @param wrapper for a method, the wrapper that calls it; null for a field
 * @param specialCaller for {@code super.m(…)}: the user's class, the caller of findSpecial
 */
public record PrivateMember(
    String constant,
    boolean isField,
    boolean isStatic,
    String owner,
    String name,
    String type,
    List<String> parameters,
    Wrapper wrapper,
    String specialCaller) {
  public PrivateMember {
    parameters = List.copyOf(parameters);
  }

  /**
   * For a method: the state machine's instance method that calls it with the method's own
   * signature, so that calls from lambdas see its checked exceptions and not {@code Throwable}.
   */
  public record Wrapper(
      String name,
      List<com.palantir.javapoet.TypeVariableName> typeVariables,
      com.palantir.javapoet.TypeName returns,
      List<com.palantir.javapoet.TypeName> parameters,
      List<com.palantir.javapoet.TypeName> thrown) {}
}
