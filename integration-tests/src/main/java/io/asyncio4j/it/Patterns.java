package io.asyncio4j.it;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.it.V.v;

import io.asyncio4j.Async;
import io.asyncio4j.Awaitable;
import java.util.List;

/** Pattern bindings read after an await, and getScope-free resolution of explicit locals. */
public class Patterns {
  @Async
  String describe(Object o) {
    if (o instanceof String s && !await(v(s)).isEmpty()) {
      return "string of " + s.length();
    }
    if (o instanceof Integer i) {
      return await(v(i)) > 0 ? "positive" : "non-positive";
    }
    if (!(o instanceof List<?> l)) {
      return "other " + await(v(o));
    }
    int total = 0;
    for (Object e : l) {
      total += describe(e).length();
    }
    return "list " + total;
  }

  /** JDK-8347989 territory: a conditional of generic calls before other statements. */
  @Async
  int pickSource(int x) {
    int a = await(x % 2 == 0 ? v(x) : V.<Integer>v(x + 1));
    Awaitable<Integer> next = x > 0 ? v(a * 2) : v(-a);
    int b = await(next);
    StringBuilder trace = new StringBuilder();
    trace.append(a).append(b);
    return a + b + trace.length();
  }

  /** A pattern instanceof whose operand is an await, with flow scoping after a negated test. */
  @Async
  String patternOnAwait(Object o) {
    if (!(await(v(o)) instanceof String s)) {
      return "?";
    }
    return s.toUpperCase() + await(v(s.length()));
  }
}
