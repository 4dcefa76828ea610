package io.asyncio4j.processor.model;

import java.util.List;

/**
 * A member of the user's classes the companion cannot use directly (a private one, or a protected
 * one inherited from another package); the state machine reaches it through a {@code
 * VarHandle}/{@code MethodHandle} from {@code MethodHandles.privateLookupIn}.
 *
 * @param constant the name of the static final handle field
 * @param isConstructor whether the member is a constructor ({@code findConstructor})
 * @param owner the class the handle is looked up in, as its canonical name
 * @param lookup the class whose private lookup finds it: the declaring class of a private member,
 *     the user's class for a protected one (which reaches it as a subclass)
 * @param type the field's type, or the method's return type, erased, as a class literal prefix
 * @param parameters the method's erased parameter types
 * @param wrapper for a method or constructor, the wrapper that calls it; null for a field
 * @param specialCaller for {@code super.m(…)}: the user's class, the caller of findSpecial
 */
public record PrivateMember(
    String constant,
    boolean isField,
    boolean isConstructor,
    boolean isStatic,
    String owner,
    String lookup,
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
   *
   * @param receiver when not null, the wrapper takes the receiver as its first parameter, of this
   *     type (a call through another instance than the method's own {@code this}); else it calls
   *     the method on the state machine's receiver
   */
  public record Wrapper(
      String name,
      List<com.palantir.javapoet.TypeVariableName> typeVariables,
      com.palantir.javapoet.TypeName returns,
      List<com.palantir.javapoet.TypeName> parameters,
      List<com.palantir.javapoet.TypeName> thrown,
      com.palantir.javapoet.TypeName receiver) {}
}
