/**
 * A differential test corpus for the {@code @Async} compiler: every method of {@link
 * io.asyncio4j.differential.PlainCorpus} is ordinary Java, and its twin of the same name in {@link
 * io.asyncio4j.differential.AsyncCorpus} is the same code with some values obtained through {@code
 * await(...)}. Since an {@code @Async} body must behave exactly as if {@code await} blocked and
 * returned the value, both twins must return the same result or throw the same exception and record
 * the same {@link io.asyncio4j.differential.Trace} of side effects; the tests in {@code src/test}
 * check that for every method, several inputs and every {@link
 * io.asyncio4j.differential.AwaitMode}.
 *
 * <p>Methods the current processor rejects or miscompiles are kept, with their symptoms, in {@code
 * src/pending/PendingCorpus.java} (not compiled) until the processor handles them.
 */
package io.asyncio4j.differential;
