package io.asyncio4j.spi;

import io.asyncio4j.Coroutine;

/** The companion of {@link OverridesTest.Square}, as the processor would name and shape it. */
final class OverridesTest_SquareAsync {
  private OverridesTest_SquareAsync() {}

  static Coroutine<Integer> area(OverridesTest.Square self, int scale) {
    return new Square(self, scale);
  }

  /** The state machine of {@code Square.area}: minus the scale, to tell it from Shape's. */
  private static final class Square extends AsyncStateMachine<Integer> {
    private final int scale;

    Square(OverridesTest.Square self, int scale) {
      this.scale = scale;
    }

    @Override
    protected Object step() {
      return -scale;
    }
  }
}
