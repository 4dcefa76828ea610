package io.asyncio4j;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as a coroutine: the asyncio4j annotation processor compiles its body into a
 * state machine and writes a companion class {@code <Simple>Async} (or {@code
 * <Outer>_<Inner>Async} for a nested class) in the same package, with one static entry point per
 * {@code @Async} method that returns an unstarted {@link Coroutine}.
 *
 * <p>Inside the body, {@link Asyncio#await(Awaitable)} and {@link
 * Asyncio#await(java.util.concurrent.CompletionStage)} suspend the coroutine until the awaited
 * value is ready. A direct call of another {@code @Async} method is an inline await of its
 * coroutine.
 *
 * <p>Calling the annotated method directly runs its body as plain Java; its first {@code await}
 * then throws {@link IllegalStateException} naming the companion entry point to call instead.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.CLASS)
public @interface Async {}
