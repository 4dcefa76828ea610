package io.asyncio4j.processor.model;

import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;
import java.util.Set;

/**
 * Everything the lowerer and emitter need about one {@code @Async} method; no javac types.
 *
 * @param companion simple name of the companion class
 * @param machineName simple name of the nested state-machine class
 * @param userClass binary name of the user's class (for stack trace elements)
 * @param fileName the source file's simple name
 * @param visibility {@code "public"}, {@code "protected"} or {@code ""}
 * @param typeVariables the class's (instance methods) then the method's type variables
 * @param receiver the receiver type, or null for a static method
 * @param selfName the name of the receiver field
 * @param parameters the method's parameters, all hoisted
 * @param result the boxed result type ({@code Void} for void)
 * @param locals the hoisted locals
 * @param localTypes local class/record/enum/interface declarations, hoisted to step()
 * @param privateMembers private members reached through handles
 * @param outer the enclosing instance's type when the body reads its members, or null
 * @param body the body
 * @param takenNames names already used by fields and user code
 * @param line the method's declaration line
 * @param overridable for an instance method a subclass may override: the erased parameter types
 *     as class-literal prefixes, so the entry point can dispatch on the receiver's class; null
 *     otherwise
 */
public record AsyncMethod(
    String packageName,
    String companion,
    String machineName,
    String methodName,
    String userClass,
    String fileName,
    String visibility,
    List<TypeVariableName> typeVariables,
    TypeName receiver,
    String selfName,
    List<Param> parameters,
    TypeName result,
    boolean isVoid,
    List<LocalVar> locals,
    List<Code> localTypes,
    List<PrivateMember> privateMembers,
    com.palantir.javapoet.TypeName outer,
    Stmt body,
    Set<String> takenNames,
    StepNames stepNames,
    boolean varargs,
    int line,
    List<String> overridable) {
  /** A method whose entry point does not dispatch on the receiver's class. */
  public AsyncMethod(
      String packageName,
      String companion,
      String machineName,
      String methodName,
      String userClass,
      String fileName,
      String visibility,
      List<TypeVariableName> typeVariables,
      TypeName receiver,
      String selfName,
      List<Param> parameters,
      TypeName result,
      boolean isVoid,
      List<LocalVar> locals,
      List<Code> localTypes,
      List<PrivateMember> privateMembers,
      com.palantir.javapoet.TypeName outer,
      Stmt body,
      Set<String> takenNames,
      StepNames stepNames,
      boolean varargs,
      int line) {
    this(packageName, companion, machineName, methodName, userClass, fileName, visibility,
        typeVariables, receiver, selfName, parameters, result, isVoid, locals, localTypes,
        privateMembers, outer, body, takenNames, stepNames, varargs, line, null);
  }

  public AsyncMethod {
    overridable = overridable == null ? null : List.copyOf(overridable);
    typeVariables = List.copyOf(typeVariables);
    parameters = List.copyOf(parameters);
    locals = List.copyOf(locals);
    localTypes = List.copyOf(localTypes);
    privateMembers = List.copyOf(privateMembers);
    takenNames = Set.copyOf(takenNames);
  }

  /**
   * Names of step()'s own locals and loop label, chosen so no name in the user's body shadows
   * them: the await value ({@code r}), the resume flag and the dispatch loop's label.
   */
  public record StepNames(String value, String resuming, String dispatch) {}

  /** A parameter: its field name, source name and type. */
  public record Param(String fieldName, String sourceName, TypeName type) {}
}
