package io.asyncio4j.processor.model;

/**
 * A local variable hoisted into a field of the state machine.
 *
 * @param fieldName the field's name: the source name unless that collides
 * @param sourceName the name in the user's source
 * @param typeText the field's type as source text
 */
public record LocalVar(String fieldName, String sourceName, String typeText) {}
