package io.asyncio4j.it.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;
import io.asyncio4j.it.V;
import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Names in copied bodies mean in the companion what they mean in the user's class. */
class ResolutionTest {
  @AfterEach
  void reset() {
    V.suspend = false;
  }

  private static <T> T run(Coroutine<T> coroutine) {
    return Asyncio.run(coroutine, EventLoop.withVirtualTime());
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void asyncCallsThroughImportsAndQualifiedTypesAreInlineAwaits(boolean suspend) {
    V.suspend = suspend;
    assertEquals("got1", run(ReceiversAsync.onDemandImport()));
    assertEquals("pong", run(ReceiversAsync.staticThroughType()));
    assertEquals("pong", run(ReceiversAsync.staticImport()));
    assertEquals("local2", run(ReceiversAsync.qualifiedLocal()));
    assertEquals("local3", run(ReceiversAsync.qualifiedForEach()));
    assertEquals("local4", run(ReceiversAsync.qualifiedArray()));
    assertEquals("local5", run(ReceiversAsync.viaGenericMethod()));
    assertEquals("local6", run(ReceiversAsync.viaAnonymousClass()));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void aPackageQualifiedStaticCallIsNotSpilledAsAValue(boolean suspend) {
    V.suspend = suspend;
    assertEquals("x5", run(ReceiversAsync.packageQualifiedStatic("x")));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void aLocalHidesAFieldOnlyInItsScope(boolean suspend) {
    V.suspend = suspend;
    Scoping s = new Scoping();
    assertEquals("client1", run(ScopingAsync.loopVariableThenField(s)));
    assertEquals("other2", run(ScopingAsync.blockLocalThenField(s)));
    assertEquals(List.of("other0", "client0"), s.log);
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void aPatternBindingIsInScopeWhereJlsSays(boolean suspend) {
    V.suspend = suspend;
    Scoping s = new Scoping();
    assertEquals("field", run(ScopingAsync.bindingThenField(s, "arg")));
    assertEquals(List.of("binding arg"), s.log);
    assertEquals("field", run(ScopingAsync.bindingThenField(s, 1)));
    assertEquals("ARG", run(ScopingAsync.bindingAfterNegatedIf(s, "arg")));
    assertEquals("not a string: field", run(ScopingAsync.bindingAfterNegatedIf(s, 2)));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void memberTypesMeanTheUsersTypes(boolean suspend) {
    V.suspend = suspend;
    assertEquals("3hook1", run(TypesAsync.inherited(new Types())));
    assertEquals("eemine", run(TypesAsync.memberShadowsImport("e")));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void stateMachinesDoNotHideTheTypesTheirBodiesUse(boolean suspend) {
    V.suspend = suspend;
    assertEquals(List.of("x0", "x1"), run(TypesAsync.list(2)));
    assertEquals(new Types.Point(3, 4), run(TypesAsync.point(3)));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void enumCaseLabelsStayUnqualified(boolean suspend) {
    V.suspend = suspend;
    assertEquals(1, run(TypesAsync.round(RoundingMode.HALF_UP)));
    assertEquals(2, run(TypesAsync.round(RoundingMode.HALF_DOWN)));
    assertEquals(0, run(TypesAsync.round(RoundingMode.UP)));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void theArgumentTypesPickTheOverloadJavacPicks(boolean suspend) {
    V.suspend = suspend;
    assertEquals("id1keyk", run(OverloadsAsync.both()));
    Overloads o = new Overloads();
    assertEquals("load7plainsload2", run(OverloadsAsync.boxing(o, o)));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void aVarTypedByTheClasssOwnCompanionCompiles(boolean suspend) {
    V.suspend = suspend;
    assertEquals("hello fast, hello slow", run(ReceiversAsync.ownCompanionTask()));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void aLocalRecordMayBeATypeArgumentOfAHoistedLocal(boolean suspend) {
    V.suspend = suspend;
    assertEquals("[Pair[name=p0, value=0], Pair[name=p1, value=1]] [p0, p1]",
        run(TypesAsync.localRecords(2)));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void aCallThroughAnInterfaceAwaitsTheReceiversAsyncImplementation(boolean suspend) {
    V.suspend = suspend;
    assertEquals("http:x!", run(DispatchAsync.load(new Dispatch.Http())));
    assertEquals("plain:x!", run(DispatchAsync.load(new Dispatch.Plain())));
    assertEquals("lambda:x!", run(DispatchAsync.load(u -> "lambda:" + u)));
    assertEquals(7, run(DispatchAsync.measure(new Dispatch.Sized())));
    assertEquals(7, run(DispatchAsync.measure(new Dispatch.SubSized())));
  }
}
