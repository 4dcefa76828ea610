package io.asyncio4j.it.resolve;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.it.V.v;
import static java.math.RoundingMode.HALF_UP;

import io.asyncio4j.*;
import java.math.RoundingMode;
import java.util.*;

/**
 * Type names the companion would read otherwise: inherited member types, a member type named like
 * a type of an on-demand import ({@code io.asyncio4j.Event}, {@code java.util.Queue}), methods
 * named like the types their bodies use, and enum case labels through a static import.
 */
public class Types extends BaseHandler {
  /** Shadows io.asyncio4j.Event in this class. */
  record Event(String name) {}

  /** Shadows java.util.Queue in this class. */
  static final class Queue {
    final String tag = "mine";
  }

  record Point(int x, int y) {}

  @Async
  String inherited() {
    Config c = new Config();
    Hook h = () -> "hook";
    await(v(0));
    BaseHandler.Config[] all = {c};
    return c.retries + h.run() + all.length;
  }

  @Async
  static String memberShadowsImport(String n) {
    Event e = new Event(n);
    Queue q = new Queue();
    await(v(0));
    Object o = e;
    return e.name() + (o instanceof Event ev ? ev.name() : "-") + q.tag;
  }

  /** The state machine of list() must not hide java.util.List. */
  @Async
  static List<String> list(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(await(v("x" + i)));
    }
    return out;
  }

  /** Nor that of point() the member record Point. */
  @Async
  static Point point(int v) {
    int w = await(v(v));
    return new Point(w, w + 1);
  }

  /** Enum labels stay unqualified, also when a static import names the constant. */
  @Async
  static int round(RoundingMode m) {
    switch (m) {
      case HALF_UP:
        await(v(0));
        return 1;
      case HALF_DOWN:
        return await(v(2));
      default:
        return 0;
    }
  }

  /** A local record as a type argument of a local that lives across awaits. */
  @Async
  static String localRecords(int n) {
    record Pair(String name, int value) {}
    List<Pair> ps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ps.add(new Pair("p" + i, await(v(i))));
    }
    Map<String, Pair> byName = new TreeMap<>();
    for (Pair p : ps) {
      byName.put(await(v(p.name())), p);
    }
    return ps + " " + byName.keySet();
  }
}
