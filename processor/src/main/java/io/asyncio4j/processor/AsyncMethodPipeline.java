package io.asyncio4j.processor;

import io.asyncio4j.processor.emit.ContinuationEmitter;
import io.asyncio4j.processor.lower.Lowered;
import io.asyncio4j.processor.lower.Lowerer;
import io.asyncio4j.processor.model.AsyncMethod;
import io.asyncio4j.processor.scan.MethodReader;
import java.util.List;
import javax.lang.model.element.ExecutableElement;

/** One method: validate → model → lower → emit. */
final class AsyncMethodPipeline {
  private AsyncMethodPipeline() {}

  /**
   * @param constants the enum constants whose bodies override {@code m} with their own machines
   */
  static ContinuationEmitter.Emitted run(
      MethodReader reader,
      ExecutableElement m,
      String machineName,
      List<ContinuationEmitter.ConstantOverride> constants) {
    AsyncMethod model = reader.read(m, machineName);
    Lowered lowered = Lowerer.lower(model);
    return ContinuationEmitter.emit(model, lowered, constants)
        .carrying(reader.suppressedWarnings(m), reader.safeVarargs(m));
  }
}
