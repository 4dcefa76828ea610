package io.asyncio4j.it;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.it.V.v;

import io.asyncio4j.Async;
import java.util.ArrayList;
import java.util.List;

/** User names that the generated code also wants: they must not clash or shadow. */
public class Names {
  final List<String> seen = new ArrayList<>();

  void see(String s) {
    seen.add(s);
  }

  @Async
  String clashing(String label, int self, String... rest) {
    int r = await(v(1));
    String dispatch = "d";
    int region = 2;
    Runnable runnable =
        new Runnable() {
          @Override
          public void run() {
            see("anon " + label);
          }
        };
    runnable.run();
    String resuming = await(v("res"));
    int spill = 0;
    for (String s : rest) {
      spill += s.length() + await(v(0));
    }
    dispatch:
    for (int i = 0; i < 2; i++) {
      if (i == 1) {
        break dispatch;
      }
      see("loop " + i);
    }
    return label + self + r + dispatch + region + resuming + spill + rest.length;
  }

  /** Same-named locals in sibling blocks, some living across awaits and some not. */
  @Async
  String siblings(int n) {
    StringBuilder sb = new StringBuilder();
    if (n > 0) {
      int x = n * 2;
      sb.append(x);
      String y = "a";
      sb.append(await(v(y)));
    }
    if (n > 1) {
      String x = "s" + n;
      sb.append(x);
      long y = await(v(3L));
      sb.append(y);
    }
    for (int i = 0; i < 2; i++) {
      int x = i + 10;
      sb.append(x);
      await(v(0));
    }
    return sb.toString();
  }
}
