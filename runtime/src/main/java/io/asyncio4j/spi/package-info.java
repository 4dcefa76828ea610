/**
 * The contract between the asyncio4j runtime and the code the annotation processor generates.
 *
 * <p><b>Not for users.</b> The types here are public only because generated classes live in user
 * packages. Their shape may change in any release together with the processor; generated code is
 * always compiled against the runtime version it was generated for.
 *
 * <h2>The protocol</h2>
 *
 * A generated state machine extends {@link io.asyncio4j.spi.AsyncStateMachine} and implements
 * {@link io.asyncio4j.spi.AsyncStateMachine#step()}: it runs the method body from the state
 * recorded in its own {@code label} field until the body returns (step returns the result,
 * boxed), throws (step throws the same exception) or suspends (step returns {@link
 * io.asyncio4j.spi.AsyncStateMachine#SUSPENDED}).
 *
 * <p>Each await in the body is lowered to:
 *
 * <pre>{@code
 * label = 3;                       // the resume point, written before anything can resume us
 * spilled = local;                 // locals live across the await are fields already
 * Object r = await(awaitable);     // fast path: returns the value, or throws its exception
 * if (r == SUSPENDED) return SUSPENDED;
 * // ... falls into the code of state 3 with r as the await's value
 * case 3: r = resumeValue();       // when re-entered by the runtime: value, or throws
 * }</pre>
 *
 * <p>The runtime (the {@link io.asyncio4j.Task} driving the coroutine) later calls {@code step()}
 * again with the outcome stored, and the state machine reads it with {@link
 * io.asyncio4j.spi.AsyncStateMachine#resumeValue()} at the resume point, which either returns the
 * value or throws the exception, so the user's own {@code catch}/{@code finally} see it at the
 * await site.
 *
 * <p>The protocol members ({@code step()}, {@code SUSPENDED}, {@code await}, {@code
 * resumeValue()}, {@code suspensionPoint()}) are declared in {@link io.asyncio4j.Coroutine}, the
 * public abstract base of {@code AsyncStateMachine}, so that the runtime's {@link
 * io.asyncio4j.Task} can call {@code step()} without any public hook; generated code inherits and
 * uses them unchanged.
 *
 * <h2>Generated-code-facing helpers</h2>
 *
 * Besides the protocol, generated code uses, and this package keeps stable for it:
 *
 * <ul>
 *   <li>the protected static helpers of {@link io.asyncio4j.spi.AsyncStateMachine} ({@code
 *       cast}, {@code typed}, {@code awaitedValue}, {@code numericOperand}, {@code sneak}, {@code
 *       unbox}, {@code iterate}), called by simple name from state machines: one copy in the
 *       runtime instead of one per companion class;
 *   <li>{@link io.asyncio4j.spi.Overrides}, the virtual dispatch of the entry point of an
 *       overridable {@code @Async} method, which does its reflective lookups with the
 *       companion's own {@link java.lang.invoke.MethodHandles.Lookup};
 *   <li>{@link io.asyncio4j.spi.SourceMap}, read by async stack traces, whose {@code points}
 *       back {@link io.asyncio4j.spi.AsyncStateMachine#suspensionPoint(int)}: a generated
 *       machine implements {@code suspensionPoint()} as {@code return suspensionPoint(label);}.
 * </ul>
 *
 * <p>Awaiting another coroutine runs it inline, on the same task, without a trip through the
 * loop; if the awaited coroutine suspends, both frames stay suspended and the task resumes the
 * innermost one, then trampolines its result to the awaiting frame.
 */
package io.asyncio4j.spi;
