package io.asyncio4j;

import static io.asyncio4j.Toolkit.co;
import static io.asyncio4j.Toolkit.ms;
import static io.asyncio4j.Toolkit.newLoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class ContextVarTest {
  private final EventLoop loop = newLoop();
  private static final ContextVar<String> RID = new ContextVar<>("rid");
  private static final ContextVar<Integer> N = new ContextVar<>("n", 7);

  @Test
  void getWithoutValueThrowsOrGivesTheDefault() {
    List<Object> seen = new ArrayList<>();
    loop.runUntilComplete(
        co(
            v -> {
              seen.add(assertThrows(NoSuchElementException.class, RID::get).getMessage());
              seen.add(N.get());
              seen.add(RID.get("none"));
              return null;
            }));
    assertEquals(List.of("ContextVar rid has no value", 7, "none"), seen);
  }

  @Test
  void eachTaskRunsInACopyOfItsCreatorsContext() {
    // test_context_3/4 of CPython's test_context.py / test_tasks.py: a child sees the value at its
    // creation; later sets in either task stay in that task.
    List<Object> seen = new ArrayList<>();
    Task<?> parent =
        loop.createTask(
            co(
                v -> {
                  RID.set("parent");
                  Task<?> child =
                      Asyncio.createTask(
                          co(
                              x -> {
                                seen.add("child sees " + RID.get());
                                RID.set("child");
                                return Asyncio.sleep(ms(10));
                              },
                              x -> {
                                seen.add("child after sleep " + RID.get());
                                return null;
                              }));
                  RID.set("parent2");
                  return child;
                },
                v -> {
                  seen.add("parent sees " + RID.get());
                  return null;
                }));
    loop.runUntilComplete(parent);
    assertEquals(
        List.of("child sees parent", "child after sleep child", "parent sees parent2"), seen);
  }

  @Test
  void resetRestoresThePreviousValueOnce() {
    List<Object> seen = new ArrayList<>();
    loop.runUntilComplete(
        co(
            v -> {
              ContextVar.Token<String> a = RID.set("a");
              ContextVar.Token<String> b = RID.set("b");
              RID.reset(b);
              seen.add(RID.get());
              RID.reset(a);
              seen.add(RID.get("unset"));
              seen.add(assertThrows(IllegalStateException.class, () -> RID.reset(a)).getMessage());
              return null;
            }));
    assertEquals(List.of("a", "unset", "Token[rid] has already been used once"), seen);
  }

  @Test
  void hooksRunAroundEveryStepAndToThreadCarriesTheContext() {
    ThreadLocal<String> mdc = new ThreadLocal<>();
    List<Object> seen = new ArrayList<>();
    loop.addContextHook(
        new ContextHook() {
          @Override
          public Object install(Context c) {
            String previous = mdc.get();
            mdc.set(c.get(RID));
            return previous;
          }

          @Override
          public void restore(Object previous) {
            mdc.set((String) previous);
          }
        });
    for (String id : List.of("r1", "r2")) {
      loop.createTask(
          co(
              v -> {
                RID.set(id);
                return Asyncio.sleep(ms(1));
              },
              v -> {
                seen.add(id + " step sees " + mdc.get());
                return Asyncio.toThread(() -> id + " worker sees " + RID.get() + "/" + mdc.get());
              },
              v -> {
                seen.add(v);
                return null;
              }));
    }
    mdc.set("outside");
    loop.runUntilComplete(Asyncio.sleep(ms(5)));
    while (seen.size() < 4) {
      loop.runUntilComplete(Asyncio.sleep(ms(1)));
    }
    assertEquals("outside", mdc.get());
    assertEquals(
        List.of("r1 step sees r1", "r2 step sees r2"), seen.subList(0, 2));
    assertEquals(
        java.util.Set.of("r1 worker sees r1/r1", "r2 worker sees r2/r2"),
        new java.util.HashSet<>(seen.subList(2, 4)));
  }
}
