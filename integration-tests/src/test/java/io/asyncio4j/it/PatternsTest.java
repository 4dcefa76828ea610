package io.asyncio4j.it;

import static io.asyncio4j.it.Run.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PatternsTest {
  @AfterEach
  void reset() {
    V.suspend = false;
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void patternBindingsLiveAcrossAwaits(boolean suspend) {
    V.suspend = suspend;
    Patterns p = new Patterns();
    assertEquals("string of 3", run(PatternsAsync.describe(p, "abc")));
    assertEquals("other ", run(PatternsAsync.describe(p, "")).substring(0, 6));
    assertEquals("positive", run(PatternsAsync.describe(p, 5)));
    assertEquals("non-positive", run(PatternsAsync.describe(p, 0)));
    assertEquals("other 1.5", run(PatternsAsync.describe(p, 1.5)));
    assertEquals("list 19", run(PatternsAsync.describe(p, List.of("ab", 3))));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void conditionalOfGenericCalls(boolean suspend) {
    V.suspend = suspend;
    Patterns p = new Patterns();
    assertEquals(2 + 4 + 2, run(PatternsAsync.pickSource(p, 2)));
    assertEquals(4 + 8 + 2, run(PatternsAsync.pickSource(p, 3)));
    assertEquals(-4 + 4 + 3, run(PatternsAsync.pickSource(p, -4)));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void patternTestOfAnAwaitedValue(boolean suspend) {
    V.suspend = suspend;
    Patterns p = new Patterns();
    assertEquals("ABC3", run(PatternsAsync.patternOnAwait(p, "abc")));
    assertEquals("?", run(PatternsAsync.patternOnAwait(p, 42)));
    assertEquals("?", run(PatternsAsync.patternOnAwait(p, null)));
  }
}
