package io.asyncio4j.processor.emit;

import com.palantir.javapoet.ClassName;

/** Names of the runtime types generated code refers to. */
final class RuntimeNames {
  static final ClassName STATE_MACHINE = ClassName.get("io.asyncio4j.spi", "AsyncStateMachine");
  static final ClassName COROUTINE = ClassName.get("io.asyncio4j", "Coroutine");
  static final ClassName SOURCE_MAP = ClassName.get("io.asyncio4j.spi", "SourceMap");
  static final ClassName OVERRIDES = ClassName.get("io.asyncio4j.spi", "Overrides");
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  private RuntimeNames() {}
}
