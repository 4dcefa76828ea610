package io.asyncio4j;

import static io.asyncio4j.Coro.awaitingAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TraceRecorder}: a Chrome trace-event JSON file with the tasks' lifecycles. */
class TraceRecorderTest {
  /** main sleeps, starts a child that sleeps and fails, awaits it and recovers. */
  private static Task<String> scenario(EventLoop loop) {
    return loop.createTask(
        Coro.<String>start(v -> awaitingAt(Asyncio.sleep(Duration.ofSeconds(1)), "main", 5))
            .then(
                v -> {
                  Task<String> child =
                      loop.createTask(
                          Coro.<String>start(
                                  w -> awaitingAt(Asyncio.sleep(Duration.ofSeconds(2)), "child", 9))
                              .then(
                                  w -> {
                                    throw new IOException("bad");
                                  }),
                          "child");
                  return awaitingAt(child, "main", 6);
                })
            .handle((v, e) -> "recovered from " + e.getMessage()),
        "main");
  }

  /** The trace is valid JSON with the expected events, in order, on virtual time. */
  @Test
  void aRunIsRecordedAsChromeTraceEvents() throws IOException {
    StringWriter out = new StringWriter();
    EventLoop loop = EventLoop.withVirtualTime();
    List<Map<String, Object>> events;
    try (TraceRecorder trace = new TraceRecorder(out)) {
      trace.attach(loop);
      assertEquals("recovered from bad", loop.runUntilComplete(scenario(loop)));
      assertTrue(trace.detach(loop));
      assertFalse(trace.detach(loop));
      loop.close();
    }
    Object parsed = new Json(out.toString()).parse();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list = (List<Map<String, Object>>) parsed;
    events = list;
    List<String> summary = new ArrayList<>();
    for (Map<String, Object> e : events) {
      StringBuilder sb = new StringBuilder().append(e.get("ph")).append(' ').append(e.get("name"));
      if (e.containsKey("tid")) {
        sb.append(" tid=").append(num(e.get("tid")));
      }
      if (e.containsKey("ts")) {
        sb.append(" ts=").append(num(e.get("ts")));
      }
      if (e.containsKey("dur")) {
        sb.append(" dur=").append(num(e.get("dur")));
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> args = (Map<String, Object>) e.get("args");
      if (args != null && !e.get("ph").equals("M")) {
        sb.append(' ').append(args);
      }
      summary.add(sb.toString());
    }
    assertEquals(
        List.of(
            "M process_name {name=EventLoop 1}".replace(" {name=EventLoop 1}", ""),
            "M thread_name tid=1",
            "i created tid=1 ts=0 {coro=Coro, createdBy=(callback)}",
            "X step tid=1 ts=0 dur=0 {resumedAt=null, then=suspended,"
                + " suspendedAt=Test.main(Test.java:5), awaiting=Sleep[waiting]}",
            "X await sleep tid=1 ts=0 dur=1000000 {at=Test.main(Test.java:5)}",
            "M thread_name tid=2",
            "i created tid=2 ts=1000000 {coro=Coro, createdBy=main}",
            "X step tid=1 ts=1000000 dur=0 {resumedAt=Test.main(Test.java:5), then=suspended,"
                + " suspendedAt=Test.main(Test.java:6), awaiting=Task[pending name=child coro=Coro"
                + " cb=[main.wakeup]]}",
            "X step tid=2 ts=1000000 dur=0 {resumedAt=null, then=suspended,"
                + " suspendedAt=Test.child(Test.java:9), awaiting=Sleep[waiting]}",
            "X await sleep tid=2 ts=1000000 dur=2000000 {at=Test.child(Test.java:9)}",
            "X step tid=2 ts=3000000 dur=0 {resumedAt=Test.child(Test.java:9), then=failed}",
            "i failed tid=2 ts=3000000 {exception=java.io.IOException: bad}",
            "X await Task child tid=1 ts=1000000 dur=2000000 {at=Test.main(Test.java:6)}",
            "X step tid=1 ts=3000000 dur=0 {resumedAt=Test.main(Test.java:6), then=finished}",
            "i finished tid=1 ts=3000000 {result=recovered from bad}"),
        summary);
    assertEquals("EventLoop 1", ((Map<?, ?>) events.get(0).get("args")).get("name"));
    assertEquals("main", ((Map<?, ?>) events.get(1).get("args")).get("name"));
    assertEquals("child", ((Map<?, ?>) events.get(5).get("args")).get("name"));
    for (Map<String, Object> e : events) {
      assertEquals(1L, num(e.get("pid")), "pid of " + e);
    }
  }

  /** {@link TraceRecorder#toFile} writes a file that parses; events after close are dropped. */
  @Test
  void aFileRecordingParsesAndIgnoresEventsAfterClose(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("run.json");
    EventLoop loop = EventLoop.withVirtualTime();
    TraceRecorder trace = TraceRecorder.toFile(file);
    trace.attach(loop);
    assertThrows(IllegalStateException.class, () -> trace.attach(loop));
    loop.runUntilComplete(loop.createTask(Coro.returning("one"), "one"));
    trace.close();
    trace.close();
    loop.runUntilComplete(loop.createTask(Coro.returning("two"), "two"));
    loop.close();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> events =
        (List<Map<String, Object>>) new Json(Files.readString(file)).parse();
    assertEquals(5, events.size(), events.toString());
    assertEquals("finished", events.get(4).get("name"));
    assertNull(((Map<?, ?>) events.get(3).get("args")).get("suspendedAt"));
  }

  /** Strings are escaped so that any name or message keeps the file valid JSON. */
  @Test
  void stringsAreEscaped() {
    assertEquals("\"a\\\"b\\\\c\\nd\\te\\u0001\"", TraceRecorder.quote("a\"b\\c\nd\te\u0001"));
    assertEquals(
        "a\"b\\c\nd\te\u0001", new Json(TraceRecorder.quote("a\"b\\c\nd\te\u0001")).parse());
    assertEquals("null", TraceRecorder.quote(null));
  }

  private static long num(Object o) {
    return Math.round((Double) o);
  }

  /** A minimal JSON parser (objects, arrays, strings, numbers, true/false/null) for the checks. */
  static final class Json {
    private final String s;
    private int i;

    Json(String s) {
      this.s = s;
    }

    Object parse() {
      Object v = value();
      ws();
      if (i != s.length()) {
        throw error("trailing text");
      }
      return v;
    }

    private Object value() {
      ws();
      if (i >= s.length()) {
        throw error("unexpected end");
      }
      char c = s.charAt(i);
      switch (c) {
        case '{':
          return object();
        case '[':
          return array();
        case '"':
          return string();
        case 't':
          return literal("true", Boolean.TRUE);
        case 'f':
          return literal("false", Boolean.FALSE);
        case 'n':
          return literal("null", null);
        default:
          return number();
      }
    }

    private Map<String, Object> object() {
      Map<String, Object> m = new LinkedHashMap<>();
      i++;
      ws();
      if (peek() == '}') {
        i++;
        return m;
      }
      for (; ; ) {
        ws();
        String k = string();
        ws();
        expect(':');
        m.put(k, value());
        ws();
        if (peek() == ',') {
          i++;
          continue;
        }
        expect('}');
        return m;
      }
    }

    private List<Object> array() {
      List<Object> l = new ArrayList<>();
      i++;
      ws();
      if (peek() == ']') {
        i++;
        return l;
      }
      for (; ; ) {
        l.add(value());
        ws();
        if (peek() == ',') {
          i++;
          continue;
        }
        expect(']');
        return l;
      }
    }

    private String string() {
      expect('"');
      StringBuilder sb = new StringBuilder();
      for (; ; ) {
        char c = s.charAt(i++);
        if (c == '"') {
          return sb.toString();
        }
        if (c < 0x20) {
          throw error("control character in string");
        }
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        char e = s.charAt(i++);
        switch (e) {
          case 'n':
            sb.append('\n');
            break;
          case 't':
            sb.append('\t');
            break;
          case 'r':
            sb.append('\r');
            break;
          case 'b':
            sb.append('\b');
            break;
          case 'f':
            sb.append('\f');
            break;
          case 'u':
            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
            break;
          case '"':
          case '\\':
          case '/':
            sb.append(e);
            break;
          default:
            throw error("bad escape \\" + e);
        }
      }
    }

    private Double number() {
      int start = i;
      while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      if (start == i) {
        throw error("unexpected character '" + s.charAt(i) + "'");
      }
      return Double.valueOf(s.substring(start, i));
    }

    private Object literal(String word, Object v) {
      if (!s.startsWith(word, i)) {
        throw error("expected " + word);
      }
      i += word.length();
      return v;
    }

    private char peek() {
      return i < s.length() ? s.charAt(i) : '\0';
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      i++;
    }

    private void ws() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException(what + " at offset " + i);
    }
  }
}
