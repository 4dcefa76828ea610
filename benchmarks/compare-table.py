"""Renders benchmarks/compare's results as Markdown: one table of asyncio4j against the peers
(a row per workload, a column per system, our ratio to each peer), the compile-time row, the
targets of issue 18 with met/missed, and a peak heap / RSS table.

Usage: compare-table.py OURS PEER_RESULTS PEER_STATUS COMPILE_OUT [OUR_FAILURES]
OURS and PEER_RESULTS hold bench-peers result lines
(`peer=... workload=... n=... ns_per_op=... peak_heap_mb=... [bytes_per_task=...] peak_rss_mb=...`);
PEER_STATUS holds `peer<TAB>status<TAB>seconds` lines; COMPILE_OUT holds CompileTimeBench's line;
OUR_FAILURES holds `workload<TAB>what` for each of our runs that exited non-zero.
PEER_STATUS lines may also start with a workload column (`workload<TAB>peer<TAB>status<TAB>seconds`),
one per round and workload, as benchmarks/compare writes them.
A (system, workload) with several result lines (one per round) is shown as the median of each
field, with the spread of ns_per_op as ±half its range, in percent of the median.
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


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def fmt_num(x):
    if x is None:
        return "NA"
    if abs(x) >= 100:
        return "%.1f" % x
    return ("%.3g" % x) if x != int(x) else "%d" % x


def combine(rounds):
    """One row from the rounds of a (system, workload): each numeric field's median; the
    ns_per_op spread as ±half the range in percent of the median, and the number of rounds."""
    out = dict(rounds[0])
    for k in rounds[0]:
        vals = [num(r.get(k)) for r in rounds]
        if k in ("peer", "workload", "n") or any(v is None for v in vals):
            continue
        out[k] = fmt_num(median(vals))
    vals = [num(r.get("ns_per_op")) for r in rounds if num(r.get("ns_per_op")) is not None]
    out["rounds"] = len(rounds)
    if len(vals) > 1 and median(vals) > 0:
        out["spread"] = "±%.0f%%" % ((max(vals) - min(vals)) / 2 / median(vals) * 100)
    return out


def fmt_ratio(r):
    if r is None:
        return ""
    return ("%.3f×" if r < 0.1 else "%.2f×") % r


def main():
    ours_rows, peer_rows, status_path, compile_path = sys.argv[1:5]
    rows = kv_lines(ours_rows) + kv_lines(peer_rows)
    status = []
    merged = {}
    try:
        with open(status_path) as f:
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if len(cols) >= 4:
                    cols = cols[1:]
                p, st, secs = (cols + ["", ""])[:3]
                if p not in merged:
                    merged[p] = [st, 0]
                    status.append(p)
                if st != "ok" and merged[p][0] == "ok":
                    merged[p][0] = st
                merged[p][1] += int(secs) if secs.isdigit() else 0
    except FileNotFoundError:
        pass
    status = [(p, merged[p][0], str(merged[p][1])) for p in status]
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
    groups = {}
    for r in rows:
        groups.setdefault((r["peer"], r["workload"]), []).append(r)
    by = {key: combine(rs) for key, rs in groups.items()}
    rounds = max((v["rounds"] for v in by.values()), default=1)
    peers = [p for p, _, _ in status]
    for r in rows:
        if r["peer"] != US and r["peer"] not in peers:
            peers.append(r["peer"])
    wls = [w for w in WORKLOADS if any(r["workload"] == w for r in rows)]

    def ours(w, field="ns_per_op"):
        return by.get((US, OURS_FOR.get(w, w)), {}).get(field)

    print("ns per op (lower is better). Each peer cell: the peer's value (our ratio: our time ÷ the")
    print("peer's, so 0.12× means asyncio4j takes 0.12 of the peer's time). Quick sizes are a smoke test.")
    if rounds > 1:
        print("Each figure is the median of %d fresh processes per system, ours and the peers' interleaved;" % rounds)
        print("±x% is half the range of the rounds, in percent of the median.")
    print()
    header = ["workload", "n", US] + peers
    body = []
    for w in wls:
        n = next((r["n"] for r in rows if r["workload"] == w), "")
        sp = by.get((US, OURS_FOR.get(w, w)), {}).get("spread")
        line = ["%s (%s)" % (w, UNIT[w]), n, (ours(w) or "-") + (" " + sp if sp else "")]
        for p in peers:
            cell = by.get((p, PEERS_FOR.get(w, w)), {})
            v = cell.get("ns_per_op")
            r = ratio(ours(w), v)
            line.append("-" if v is None else v + (" " + cell["spread"] if cell.get("spread") else "")
                        + (" (%s)" % fmt_ratio(r) if r is not None else ""))
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

    # The targets of issue 18 (full sizes, same run as the peers).
    print()
    print("Targets (issue 18; meaningful at full sizes only):")
    print()
    targets = []

    def target(name, ok, detail):
        targets.append(["met" if ok else ("MISSED" if ok is not None else "n/a"), name, detail])

    def vs(w, p, field="ns_per_op"):
        return ratio(ours(w, field), by.get((p, w), {}).get(field))

    def check(name, r, limit, label):
        target(name, None if r is None else r <= limit, "%s of %s" % (fmt_ratio(r) or "?", label))

    check("yield ≤ 0.15× kotlin-coroutines", vs("yield", "kotlin-coroutines"), 0.15, "kotlin-coroutines")
    check("spawn 1M + gather ≤ 0.15× kotlin-coroutines", vs("spawn", "kotlin-coroutines"), 0.15,
          "kotlin-coroutines")
    check("pingpong ≤ 0.3× kotlin-coroutines", vs("pingpong", "kotlin-coroutines"), 0.3, "kotlin-coroutines")
    r1, r2 = vs("fib", "kotlin-coroutines"), vs("fib", "java-completablefuture")
    target("fib(27) ≤ 0.25× kotlin-coroutines and ≤ 0.5× java-completablefuture",
           None if r1 is None or r2 is None else (r1 <= 0.25 and r2 <= 0.5),
           "%s of kotlin-coroutines, %s of java-completablefuture" % (fmt_ratio(r1) or "?", fmt_ratio(r2) or "?"))
    b = num(ours("sleepers", "bytes_per_task"))
    target("sleepers ≤ 100 B/task", None if b is None else b <= 100,
           "%s B/task" % (ours("sleepers", "bytes_per_task") or "?"))
    peak = by.get((US, "sleepers"), {}).get("peak_heap_mb")
    n_sl = by.get((US, "sleepers"), {}).get("n")
    target("1,000,000 concurrent sleepers run in a 512 MB heap (-Xmx512m)",
           None if n_sl is None or int(n_sl) < 1000000 else "sleepers" not in failures,
           ("n=%s with -Xmx512m, peak heap %s MB" % (n_sl, peak) if n_sl else "no sleepers result")
           + ("; then the process FAILED (%s)" % failures["sleepers"] if "sleepers" in failures else ""))
    cr = num(c["ratio"]) if c else None
    fr = num(c.get("floor_ratio")) if c else None
    pr = num(c.get("process_ratio")) if c else None
    gk, sk = (num(c.get("generated_kb")), num(c.get("source_kb"))) if c else (None, None)
    target("build time in-process ≤ 1.5× the floor (javac on the corpus twice)",
           None if cr is None or fr is None else cr <= 1.5 * fr,
           "%.2f× the floor (ratio %s, floor %s)" % (cr / fr, c["ratio"], c["floor_ratio"])
           if cr is not None and fr else "not run")
    target("build time as javac processes ≤ 2.0× javac", None if pr is None else pr <= 2.0,
           "%s×" % c["process_ratio"] if pr is not None else "not run")
    target("generated source ≤ 3× the input", None if gk is None or not sk else gk <= 3 * sk,
           "%.1f× (%s KB for %s KB)" % (gk / sk, c["generated_kb"], c["source_kb"])
           if gk is not None and sk else "not run")
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
