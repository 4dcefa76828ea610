package io.asyncio4j.it;

import static io.asyncio4j.it.Run.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class StraightLineTest {
  @Test
  void localsLiveAcrossAwaitsAndTheResultIsReturned() {
    StraightLine s = new StraightLine();
    assertEquals(2 * 3 + 4 + 1, run(StraightLineAsync.addLater(s, 3, 4)));
    assertEquals(List.of("start", "after sleep 6"), s.log);
  }

  @Test
  @SuppressWarnings("AsyncNotAwaited") // dropping the coroutine is what this test is about
  void callingTheEntryPointRunsNothing() {
    StraightLine s = new StraightLine();
    StraightLineAsync.addLater(s, 1, 2);
    assertEquals(List.of(), s.log);
  }

  @Test
  void aCheckedExceptionAfterResumeKeepsItsIdentity() {
    IOException e = assertThrows(IOException.class, () -> run(StraightLineAsync.fails("boom")));
    assertEquals("boom", e.getMessage());
  }

  @Test
  void voidMethodsCompleteWithNull() {
    assertEquals(null, run(StraightLineAsync.nothing(new StraightLine())));
  }
}
