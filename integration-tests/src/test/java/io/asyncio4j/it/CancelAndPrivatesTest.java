package io.asyncio4j.it;

import static io.asyncio4j.it.Run.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CancelAndPrivatesTest {
  @AfterEach
  void reset() {
    V.suspend = false;
  }

  @Test
  void cancellationArrivesAtEachAwaitAndRunsEveryFinally() {
    assertEquals(List.of("a", "finally", "cancelled true"), run(CancelAsync.cancelAt(1)));
    assertEquals(
        List.of("a", "b", "inner finally", "finally", "cancelled true"),
        run(CancelAsync.cancelAt(2)));
    assertEquals(
        List.of("a", "b", "inner finally", "c", "finally", "cancelled true"),
        run(CancelAsync.cancelAt(3)));
    assertEquals(
        List.of("a", "b", "inner finally", "c", "d", "finally", "done"),
        run(CancelAsync.cancelAt(0)));
  }

  @Test
  void aCoroutineThatCatchesCancellationAndReturnsIsNotCancelled() {
    assertEquals(List.of("caught", "recovered false"), run(CancelAsync.cancelRecovering()));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void privateFieldsAndMethodsOfTheEnclosingClass(boolean suspend) {
    V.suspend = suspend;
    Privates p = new Privates(new ArrayList<>(List.of("ab", "c")));
    String before = Privates.prefixForTest();
    assertEquals("q" + before + "s161s1628192", run(PrivatesAsync.useThem(p)));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void compoundAssignmentIncrementsLambdasAndReferencesOnPrivateMembers(boolean suspend) {
    V.suspend = suspend;
    Privates p = new Privates(new ArrayList<>());
    // count: 1, +2 = 3, *2 = 6, ++ = 7, ++ = 8, before = 8, -- = 7; small: (byte) (1 + 300) = 45
    assertEquals("7 8 45 7 risky 7", run(PrivatesAsync.moreOfThem(p)));
  }
}
