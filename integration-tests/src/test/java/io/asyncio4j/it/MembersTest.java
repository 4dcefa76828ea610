package io.asyncio4j.it;

import static io.asyncio4j.it.Run.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FileNotFoundException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MembersTest {
  @AfterEach
  void reset() {
    V.suspend = false;
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void aDirectCallOfAnAsyncMethodIsAnInlineAwait(boolean suspend) {
    V.suspend = suspend;
    Members m = new Members("m");
    assertEquals(14, run(MembersAsync.totalLength(m, List.of("a", "bc"))));
    assertEquals(List.of("page a", "page bc", "page x", "page yz"), m.log);
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void callsOnOtherObjectsAndStaticAsyncMethods(boolean suspend) {
    V.suspend = suspend;
    Members other = new Members("o");
    assertEquals("<o>ss20", run(MembersAsync.callsOnOtherObjects(new Members("m"), other)));
    assertEquals(List.of("page o"), other.log);
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void fieldsMethodsStaticsAndThis(boolean suspend) {
    V.suspend = suspend;
    assertEquals("m:aBbfbm15truem", run(MembersAsync.memberAccess(new Members("m"))));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void overloadsAndGenericMethods(boolean suspend) {
    V.suspend = suspend;
    Members m = new Members("m");
    assertEquals("int1", run(MembersAsync.over(m, 1)));
    assertEquals("strings", run(MembersAsync.over(m, "s")));
    assertEquals(7, run(MembersAsync.maxValue(m, Map.of("a", 3, "b", 7, "c", 5))));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void genericNestedInnerAbstractInterfaceEnumAndRecordClasses(boolean suspend) {
    V.suspend = suspend;
    assertEquals(5, run(Members_BoxAsync.get(new Members.Box<>(5))));
    assertEquals(List.of("z", "z"), run(Members_BoxAsync.pair(new Members.Box<>(5), "z")));
    Members m = new Members("m");
    assertEquals("inner3", run(Members_InnerAsync.where(m.new Inner())));
    Members.Shape square =
        new Members.Shape() {
          @Override
          int sides() {
            return 4;
          }
        };
    assertEquals("sides=4", run(Members_ShapeAsync.describe(square)));
    assertEquals("hello ann", run(Members_GreeterAsync.greet(() -> "ann")));
    assertEquals("hi", run(Members_GreeterAsync.hi()));
    assertEquals(12, run(Members_OpAsync.applyLater(Members.Op.MUL, 3, 4)));
    assertEquals(7, run(Members_OpAsync.applyLater(Members.Op.ADD, 3, 4)));
    assertEquals(7, run(Members_PointAsync.sum(new Members.Point(2, 3))));
    assertEquals(
        2 + 6, run(Members_PointAsync.manhattan(new Members.Point(1, 2), new Members.Point(3, -4))));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void declaredCheckedExceptionsPassThrough(boolean suspend) throws Exception {
    V.suspend = suspend;
    Members m = new Members("m");
    assertEquals(null, run(MembersAsync.mayThrow(m, false)));
    FileNotFoundException e =
        assertThrows(FileNotFoundException.class, () -> run(MembersAsync.mayThrow(m, true)));
    assertEquals("nope", e.getMessage());
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void superCallsReachTheSuperclassImplementation(boolean suspend) {
    V.suspend = suspend;
    assertEquals("overridden1 bm2 true", run(MembersAsync.superCalls(new Members("m"))));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void innerClassesReachTheirEnclosingInstance(boolean suspend) {
    V.suspend = suspend;
    Members m = new Members("m");
    assertEquals("m:xm3Ym", run(Members_InnerAsync.outerMembers(m.new Inner())));
    assertEquals(List.of("from inner"), m.log);
  }
}
