/**
 * The event loop's data structures: the ready queue, the timer heap and the clocks.
 *
 * <p><b>Not for users.</b> The types here are public only so that the runtime's own packages can
 * share them; they are left out of the published javadoc and may change in any release. Virtual
 * time is reached through {@link io.asyncio4j.EventLoop#withVirtualTime()}.
 */
package io.asyncio4j.internal;
