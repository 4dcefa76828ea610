package io.asyncio4j.processor.model;

/**
 * A local variable hoisted into a field of the state machine.
 *
 * @param fieldName the field's name: the source name unless that collides
 * @param sourceName the name in the user's source
 * @param typeText the field's type as source text
 * @param localClass when the local's type is a local class of the method, its name: the field
 *     is an {@code Object} (no other class can name the type) and each read casts to it inside
 *     step(), where the class is declared
 */
public record LocalVar(String fieldName, String sourceName, String typeText, String localClass) {
  /** A local whose type the field can name. */
  public LocalVar(String fieldName, String sourceName, String typeText) {
    this(fieldName, sourceName, typeText, null);
  }
}
