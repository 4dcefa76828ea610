/**
 * Fixtures whose names mean something only through the user's class, its imports or its scopes
 * (JLS 6.3, 6.5): the copied bodies must mean the same in the companion.
 */
package io.asyncio4j.it.resolve;
