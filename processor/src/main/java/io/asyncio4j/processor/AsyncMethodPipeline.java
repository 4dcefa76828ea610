package io.asyncio4j.processor;

import io.asyncio4j.processor.emit.ContinuationEmitter;
import io.asyncio4j.processor.lower.Lowered;
import io.asyncio4j.processor.lower.Lowerer;
import io.asyncio4j.processor.model.AsyncMethod;
import io.asyncio4j.processor.scan.MethodReader;
import javax.lang.model.element.ExecutableElement;

/** One method: validate → model → lower → emit. */
final class AsyncMethodPipeline {
  private AsyncMethodPipeline() {}

  static ContinuationEmitter.Emitted run(MethodReader reader, ExecutableElement m, String machineName) {
    AsyncMethod model = reader.read(m, machineName);
    Lowered lowered = Lowerer.lower(model);
    return ContinuationEmitter.emit(model, lowered)
        .carrying(reader.suppressedWarnings(m), reader.safeVarargs(m));
  }
}
