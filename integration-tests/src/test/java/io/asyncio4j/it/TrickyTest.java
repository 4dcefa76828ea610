package io.asyncio4j.it;

import static io.asyncio4j.it.Run.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Expected values are what the bodies give as plain Java with a blocking await. */
class TrickyTest {
  @AfterEach
  void reset() {
    V.suspend = false;
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void innerClassesAreCreatedWithTheReceiverAsEnclosingInstance(boolean suspend) {
    V.suspend = suspend;
    assertEquals("TaTbTcanondgTe", run(TrickyAsync.innerClasses(new Tricky("T"))));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void resourcesOfALocalClassCloseInReverseOrder(boolean suspend) throws Exception {
    V.suspend = suspend;
    Tricky t = new Tricky("T");
    assertEquals("body atruec,close c,close a", run(TrickyAsync.localClassResources(t, false)));
    Tricky f = new Tricky("F");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> run(TrickyAsync.localClassResources(f, true)));
    assertEquals("body", e.getMessage());
    assertEquals(2, e.getSuppressed().length);
    assertEquals("close c", e.getSuppressed()[0].getMessage());
    assertEquals("close a", e.getSuppressed()[1].getMessage());
    assertEquals(List.of("body atruec", "close c", "close a"), f.log);
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void asyncCallsThroughComplexReceiversAreInlineAwaits(boolean suspend) {
    V.suspend = suspend;
    Tricky t = new Tricky("t");
    Tricky x = new Tricky("x");
    t.next = x;
    Tricky l = new Tricky("l");
    assertEquals("x:1x:2t:3x:4x:5l:6m:7n:8x:9", run(TrickyAsync.complexReceivers(t, List.of(l))));
    assertEquals(List.of("page 3"), t.log);
    assertEquals(List.of("page 1", "page 2", "page 4", "page 5", "page 9"), x.log);
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void valuesWidenToTheDeclaredTypeBeforeBoxing(boolean suspend) {
    V.suspend = suspend;
    Tricky t = new Tricky("t");
    assertEquals(0L, run(TrickyAsync.widening(t, 0)));
    assertEquals(-3L, run(TrickyAsync.widening(t, -3)));
    assertEquals(1L, run(TrickyAsync.widening(t, 1)));
    assertEquals(2L, run(TrickyAsync.widening(t, 2)));
    assertEquals(21L, run(TrickyAsync.widening(t, 7)));
    assertEquals(List.of("w 1 d 0.5", "w 2 d 0.5", "w 21 d 7.0"), t.log);
    assertEquals(2.0, run(TrickyAsync.halfOf(t, 5)));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void spilledPrimitiveArgumentsChooseTheSameOverloads(boolean suspend) {
    V.suspend = suspend;
    assertEquals(
        "int 1 a,int 0 b,Object 2 c,int 3 d,int 101 e,int 0 f [20, 30] 40 1",
        run(TrickyAsync.primitiveArguments(new Tricky("t"))));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void localClassesCaptureTheValueOfEachIteration(boolean suspend) {
    V.suspend = suspend;
    assertEquals("p0t p1t p2t", run(TrickyAsync.localClassCaptures(new Tricky("t"))));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void compoundAssignmentReadsTheFieldBeforeTheAwait(boolean suspend) {
    V.suspend = suspend;
    Tricky t = new Tricky("t");
    assertEquals(6, run(TrickyAsync.compoundOnField(t)));
    assertEquals(6, t.total);
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void localsNamedLikeThePackageDoNotObscureGeneratedNames(boolean suspend) {
    V.suspend = suspend;
    assertEquals("aIt:p", run(TrickyAsync.obscuringNames(new Tricky("t"), "i")));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void aBoxedLeftOperandIsUnboxedBeforeTheAwaitingRightOne(boolean suspend) {
    V.suspend = suspend;
    Tricky t = new Tricky("t");
    assertEquals("xconcat3", run(TrickyAsync.unboxesLeftFirst(t, 2, "x")));
    Tricky n = new Tricky("n");
    assertThrows(NullPointerException.class, () -> run(TrickyAsync.unboxesLeftFirst(n, null, null)));
    assertEquals(List.of("concat"), n.log);
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void innerClassesOfAGenericClassAreCreatedAndKept(boolean suspend) {
    V.suspend = suspend;
    Tricky.Holder<Integer> h = new Tricky.Holder<>(7);
    assertEquals("7a7b7c!", run(Tricky_HolderAsync.items(h)));
    assertEquals("7apiece77o", run(Tricky_Holder_PartAsync.make(h.new Part())));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void asyncCallsThroughATypeVariableReceiverAreInlineAwaits(boolean suspend) {
    V.suspend = suspend;
    Tricky f = new Tricky("f");
    Tricky g = new Tricky("g");
    assertEquals("f:ag:b", run(TrickyAsync.viaTypeVariable(new Tricky("t"), f, List.of(g))));
    assertEquals(List.of("page a"), f.log);
    assertEquals(List.of("page b"), g.log);
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void directCallsOfOverriddenAsyncMethodsDispatchOnTheReceiversClass(boolean suspend) {
    V.suspend = suspend;
    Tricky.Animal animal = new Tricky.Animal();
    assertEquals("chorus:......", run(Tricky_AnimalAsync.chorus(animal, 2)));
    assertEquals(List.of("animal speaks"), animal.log);
    Tricky.Animal dog = new Tricky.Dog();
    assertEquals("chorus:WOOFWOOF", run(Tricky_AnimalAsync.chorus(dog, 2)));
    assertEquals("WOOF", run(Tricky_AnimalAsync.speak(dog, 1)));
    assertEquals(List.of("dog speaks", "dog speaks"), dog.log);
    Tricky.Animal kitten = new Tricky.Kitten();
    assertEquals("chorus:meowmeow", run(Tricky_AnimalAsync.chorus(kitten, 2)));
    assertEquals(List.of("cat speaks"), kitten.log);
    Tricky.Animal anonymous =
        new Tricky.Animal() {
          @Override
          String sound() {
            return "hm";
          }
        };
    assertEquals("chorus:hmhm", run(Tricky_AnimalAsync.chorus(anonymous, 2)));
    assertEquals("ab!", run(Tricky_AnimalAsync.names(dog, "a", "b")));
  }
}
