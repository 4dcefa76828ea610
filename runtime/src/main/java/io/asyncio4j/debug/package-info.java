/**
 * Public hooks for looking at a running asyncio4j program from outside: the JMX bean {@link
 * io.asyncio4j.debug.AsyncioMXBean}. The in-process debugging API lives on the core types: {@link
 * io.asyncio4j.Task#getStack()}, {@link io.asyncio4j.Task#printStack()}, {@link
 * io.asyncio4j.EventLoop#dumpTasks()}, {@link io.asyncio4j.EventLoop#setDebug(boolean)} and {@link
 * io.asyncio4j.TraceRecorder}. See {@code docs/DEBUGGING.md}.
 */
package io.asyncio4j.debug;
