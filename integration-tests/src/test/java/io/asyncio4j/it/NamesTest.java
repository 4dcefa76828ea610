package io.asyncio4j.it;

import static io.asyncio4j.it.Run.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {
  @AfterEach
  void reset() {
    V.suspend = false;
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void userNamesThatTheGeneratedCodeAlsoUsesStillWork(boolean suspend) {
    V.suspend = suspend;
    Names n = new Names();
    assertEquals("L71d2res32", run(NamesAsync.clashing(n, "L", 7, "ab", "c")));
    assertEquals(List.of("anon L", "loop 0"), n.seen);
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void sameNamedLocalsInSiblingBlocks(boolean suspend) {
    V.suspend = suspend;
    assertEquals("4as231011", run(NamesAsync.siblings(new Names(), 2)));
    assertEquals("1011", run(NamesAsync.siblings(new Names(), 0)));
  }
}
