"""Renders benchmarks/compare's results as Markdown: one table of asyncio4j against the peers
(a row per workload, a column per system, our ratio to each peer), the compile-time row, the
targets of issue 6 with met/missed, and a peak heap / RSS table.

Usage: compare-table.py OURS PEER_RESULTS PEER_STATUS COMPILE_OUT [OUR_FAILURES]
OURS and PEER_RESULTS hold bench-peers result lines
(`peer=... workload=... n=... ns_per_op=... peak_heap_mb=... [bytes_per_task=...] peak_rss_mb=...`);
PEER_STATUS holds `peer<TAB>status<TAB>seconds` lines; COMPILE_OUT holds CompileTimeBench's line;
OUR_FAILURES holds `workload<TAB>what` for each of our runs that exited non-zero.
Any file may be empty or /dev/null."""
import sys

US = "asyncio4j"
WORKLOADS = ["yield", "yield-setImmediate", "spawn", "spawn-each", "pingpong", "fib", "sleepers"]
UNIT = {"yield": "ns/switch", "yield-setImmediate": "ns/switch", "spawn": "ns/task",
        "spawn-each": "ns/task; ours without gather, vs the peers' spawn",
        "pingpong": "ns/round trip", "fib": "ns/call", "sleepers": "ns/task"}
# node's yield-setImmediate is its closer analogue of asyncio.sleep(0): compare our yield to it.
OURS_FOR = {"yield-setImmediate": "yield"}
# spawn-each is ours alone: compare it with the peers' spawn.
PEERS_FOR = {"spawn-each": "spawn"}


def kv_lines(path):
    rows = []
    try:
        with open(path) as f:
            for line in f:
                if line.startswith("peer=") or line.startswith("compile_time "):
                    rows.append(dict(kv.split("=", 1) for kv in line.split() if "=" in kv))
    except FileNotFoundError:
        pass
    return rows


def table(header, body, left=1):
    """A Markdown table; the first `left` columns are left-aligned, the others right-aligned."""
    widths = [max(len(str(r[i])) for r in [header] + body) for i in range(len(header))]
    fmt = lambda r: "| " + " | ".join(str(c).ljust(w) if i < left else str(c).rjust(w)
                                      for i, (c, w) in enumerate(zip(r, widths))) + " |"
    return "\n".join([fmt(header), "|" + "|".join("-" * (w + 1) + ("-" if i < left else ":")
                                                   for i, w in enumerate(widths)) + "|"]
                     + [fmt(r) for r in body])


def num(x):
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def ratio(ours, theirs):
    o, t = num(ours), num(theirs)
    if o is None or t is None or t == 0:
        return None
    return o / t


def fmt_ratio(r):
    if r is None:
        return ""
    return ("%.3f×" if r < 0.1 else "%.2f×") % r


def main():
    ours_rows, peer_rows, status_path, compile_path = sys.argv[1:5]
    rows = kv_lines(ours_rows) + kv_lines(peer_rows)
    status = []
    try:
        with open(status_path) as f:
            for line in f:
                p, st, secs = (line.rstrip("\n").split("\t") + ["", ""])[:3]
                status.append((p, st, secs))
    except FileNotFoundError:
        pass
    compile_rows = kv_lines(compile_path)
    failures = {}
    if len(sys.argv) > 5:
        try:
            with open(sys.argv[5]) as f:
                for line in f:
                    w, _, what = line.rstrip("\n").partition("\t")
                    failures[w] = what
        except FileNotFoundError:
            pass
    by = {(r["peer"], r["workload"]): r for r in rows}
    peers = [p for p, _, _ in status]
    for r in rows:
        if r["peer"] != US and r["peer"] not in peers:
            peers.append(r["peer"])
    wls = [w for w in WORKLOADS if any(r["workload"] == w for r in rows)]

    def ours(w, field="ns_per_op"):
        return by.get((US, OURS_FOR.get(w, w)), {}).get(field)

    print("ns per op (lower is better). Each peer cell: the peer's value (our ratio: our time ÷ the")
    print("peer's, so 0.12× means asyncio4j takes 0.12 of the peer's time). Quick sizes are a smoke test.")
    print()
    header = ["workload", "n", US] + peers
    body = []
    for w in wls:
        n = next((r["n"] for r in rows if r["workload"] == w), "")
        line = ["%s (%s)" % (w, UNIT[w]), n, ours(w) or "-"]
        for p in peers:
            v = by.get((p, PEERS_FOR.get(w, w)), {}).get("ns_per_op")
            r = ratio(ours(w), v)
            line.append("-" if v is None else v + (" (%s)" % fmt_ratio(r) if r is not None else ""))
        body.append(line)
    if any(by.get((p, "sleepers"), {}).get("bytes_per_task") for p in [US] + peers):
        line = ["sleepers (bytes/task)", next((r["n"] for r in rows if r["workload"] == "sleepers"), ""),
                ours("sleepers", "bytes_per_task") or "-"]
        for p in peers:
            v = by.get((p, "sleepers"), {}).get("bytes_per_task")
            r = ratio(ours("sleepers", "bytes_per_task"), v)
            line.append("-" if v is None else v + (" (%s)" % fmt_ratio(r) if r is not None else ""))
        body.append(line)
    c = compile_rows[0] if compile_rows else None
    if c:
        line = ["compile time, javac+processor ÷ javac", "%s methods" % c["methods"],
                "%s× (%s → %s ms)" % (c["ratio"], c["javac_ms"], c["processor_ms"])] + ["-"] * len(peers)
        body.append(line)
    print(table(header, body))
    if c:
        print()
        print("Compile time: in-process javac on %s generated @Async methods in %s classes, median of %s "
              "repetitions after warm-up: %s ms with -proc:none, %s ms with the processor on "
              "-processorpath (ratio %s, median of per-repetition ratios); with a JIT-warm processor "
              "instance (setProcessors) %s ms (ratio %s). javac alone on the corpus plus the generated "
              "companions (-proc:none) takes %s ms: the generated source is %s KB for %s KB of input." % (
                  c["methods"], c["classes"], c["reps"], c["javac_ms"], c["processor_ms"], c["ratio"],
                  c["warm_processor_ms"], c["warm_ratio"], c.get("generated_ms", "?"),
                  c.get("generated_kb", "?"), c.get("source_kb", "?")))
        if "twice_ms" in c:
            print()
            print("Floor: javac on the corpus plus an identical copy of it takes %s ms (%s× javac alone): "
                  "the lowest ratio any design reaches that generates new source for each @Async body "
                  "(the user's method is compiled too). As fresh `javac` processes (JVM start included, "
                  "nothing JIT-warm, as on the command line): %s ms without, %s ms with the processor "
                  "(ratio %s)." % (c["twice_ms"], c["floor_ratio"], c.get("process_javac_ms", "?"),
                                   c.get("process_processor_ms", "?"), c.get("process_ratio", "?")))

    # The targets of issue 6 (full sizes, same run as the peers).
    print()
    print("Targets (issue 6; meaningful at full sizes only):")
    print()
    targets = []

    def target(name, ok, detail):
        targets.append(["met" if ok else ("MISSED" if ok is not None else "n/a"), name, detail])

    def vs(w, p, field="ns_per_op"):
        return ratio(ours(w, field), by.get((p, w), {}).get(field))

    r1, r2 = vs("yield", "java-vthreads"), vs("yield", "python-asyncio")
    target("yield ≤ 1/10 of java-vthreads and ≤ 1/100 of python-asyncio",
           None if r1 is None or r2 is None else (r1 <= 0.1 and r2 <= 0.01),
           "%s of java-vthreads, %s of python-asyncio" % (fmt_ratio(r1) or "?", fmt_ratio(r2) or "?"))
    r1, r2 = vs("spawn", "kotlin-coroutines"), vs("spawn", "java-vthreads")
    target("spawn faster per task than kotlin-coroutines and java-vthreads",
           None if r1 is None or r2 is None else (r1 < 1 and r2 < 1),
           "%s of kotlin-coroutines, %s of java-vthreads" % (fmt_ratio(r1) or "?", fmt_ratio(r2) or "?"))
    b = num(ours("sleepers", "bytes_per_task"))
    rb = vs("sleepers", "java-vthreads", "bytes_per_task")
    n_sl = by.get((US, "sleepers"), {}).get("n")
    target("sleepers ≤ 150 B/task and ≤ 1/5 of java-vthreads' bytes/task",
           None if b is None or rb is None else (b <= 150 and rb <= 0.2),
           "%s B/task, %s of java-vthreads" % (ours("sleepers", "bytes_per_task") or "?", fmt_ratio(rb) or "?"))
    peak = by.get((US, "sleepers"), {}).get("peak_heap_mb")
    target("1,000,000 concurrent sleepers run in a 512 MB heap (-Xmx512m)",
           None if n_sl is None or int(n_sl) < 1000000 else True,
           ("n=%s with -Xmx512m, peak heap %s MB" % (n_sl, peak) if n_sl else "no sleepers result")
           + ("; then the process FAILED (%s)" % failures["sleepers"] if "sleepers" in failures else ""))
    r1, r2 = vs("pingpong", "kotlin-coroutines"), vs("fib", "kotlin-coroutines")
    target("pingpong and fib faster than kotlin-coroutines",
           None if r1 is None or r2 is None else (r1 < 1 and r2 < 1),
           "pingpong %s, fib %s of kotlin-coroutines" % (fmt_ratio(r1) or "?", fmt_ratio(r2) or "?"))
    cr = num(c["ratio"]) if c else None
    target("the processor adds ≤ 30% to javac's time (500 @Async methods)",
           None if cr is None else cr <= 1.30,
           ("+%.0f%% in-process" % ((cr - 1) * 100)
            + ("; +%.0f%% as javac processes; floor +%.0f%%" % ((num(c["process_ratio"]) - 1) * 100,
                                                             (num(c["floor_ratio"]) - 1) * 100)
               if "process_ratio" in c else ""))
           if cr is not None else "not run")
    print(table(["", "target", "measured"], targets, left=3))
    if failures:
        print()
        print("asyncio4j runs that failed: " + "; ".join("%s (%s)" % kv for kv in failures.items()))

    print()
    print("peak heap MB / peak RSS MB during the measured run")
    print()
    body = []
    for p in [US] + peers:
        body.append([p] + ["%s / %s" % (by[(p, w)]["peak_heap_mb"], by[(p, w)].get("peak_rss_mb", "NA"))
                           if (p, w) in by else "-" for w in wls])
    print(table(["system"] + wls, body))
    if status:
        print()
        print(table(["peer", "status", "wall s"], [[p, st, secs] for p, st, secs in status], left=2))


if __name__ == "__main__":
    main()
