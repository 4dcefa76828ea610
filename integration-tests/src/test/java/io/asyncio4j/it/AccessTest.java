package io.asyncio4j.it;

import static io.asyncio4j.it.Run.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Members the companion cannot use directly behave as in the user's class (expected: plain Java). */
class AccessTest {
  @AfterEach
  void reset() {
    V.suspend = false;
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void privateConstructorAndConstantsThroughTheClassName(boolean suspend) {
    V.suspend = suspend;
    assertEquals("user/-5", run(AccessAsync.load(12345)).name());
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void privateConstantsAsCaseLabels(boolean suspend) {
    V.suspend = suspend;
    assertEquals("ok read", run(AccessAsync.describe(200, "GET")));
    assertEquals("other write", run(AccessAsync.describe(1, "PUT")));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void privateMembersThroughOtherReceiversReferencesLambdasAndClasses(boolean suspend) {
    V.suspend = suspend;
    Access me = Access.of("me");
    Access other = Access.of("other");
    int total = Access.total();
    // other.count: 1 + 3 = 4, then 10 + 4 = 14, then 15; me.count: 1, ++ twice = 3; total + 1.
    assertEquals("t4 " + 2 * (total + 1) + " g15 m c3me 3 a15 15", run(AccessAsync.forms(me, other)));
    assertEquals(3, me.count());
    assertEquals(15, other.count());
    assertEquals(total + 1, Access.total());
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void protectedMembersInheritedFromAnotherPackage(boolean suspend) {
    V.suspend = suspend;
    assertEquals("[r]1To [b]6T", run(AccessAsync.inherited(Access.of("h"), "r")));
  }
}
