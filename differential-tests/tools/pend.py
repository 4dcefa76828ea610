"""Moves one @Async corpus method and its DifferentialTest cases into src/pending/.

usage: python3 tools/pend.py <method> "<reason>"
The method is cut from AsyncCorpus.java (from its '@Async' line to the closing brace at two
spaces of indentation); the cases are every top-level statement of DifferentialTest.cases()
that mentions 'AsyncCorpusAsync.<method>('.
"""
import re, sys, pathlib
root = pathlib.Path(__file__).resolve().parent.parent
corpus = root / "src/main/java/io/asyncio4j/differential/AsyncCorpus.java"
test = root / "src/test/java/io/asyncio4j/differential/DifferentialTest.java"
pend = root / "src/pending/PendingCorpus.java"
name, reason = sys.argv[1], sys.argv[2]

HEAD = """// Corpus methods whose @Async twin the current processor rejects or miscompiles. Not a source
// root: each entry is the method to put back into AsyncCorpus.java (tools/unpend.py does it) and
// the cases to put back into DifferentialTest.cases(), after a comment with the exact symptom.
// The plain twins stay in PlainCorpus.java.
"""


def header(name, reason):
    import textwrap
    lines = textwrap.wrap(name + ": " + reason, width=100 - len("  // ---- "),
                          break_long_words=False, break_on_hyphens=False)
    return ["  // ---- " + lines[0]] + ["  //      " + l for l in lines[1:]]


lines = corpus.read_text().split("\n")
sig = re.compile(r"^  (<[^>]*(<[^>]*>)?[^>]*> )?[\w<>, ?\[\]]+ " + re.escape(name) + r"\(")
idx = next(i for i, l in enumerate(lines) if sig.match(l))
start = idx
while lines[start - 1].startswith("  @"):
    start -= 1
if lines[start - 1].startswith("  /**"):
    start -= 1
elif lines[start - 1] == "   */":
    while not lines[start - 1].startswith("  /**"):
        start -= 1
    start -= 1
end = next(i for i in range(idx, len(lines)) if lines[i] == "  }")
method = lines[start:end + 1]
del lines[start:end + 2 if lines[end + 1] == "" else end + 1]
corpus.write_text("\n".join(lines))

tl = test.read_text().split("\n")
needle = "AsyncCorpusAsync." + name + "("


def split_adds(block):
    """Splits a block into (kept, moved): its cs.add(...) statements that call the method go to
    moved, the others to kept; the surrounding loop lines go to both."""
    kept, moved, k = [], [], 0
    while k < len(block):
        if block[k].strip().startswith("cs.add("):
            stmt, depth = [], 0
            while True:
                stmt.append(block[k])
                depth += block[k].count("(") - block[k].count(")")
                k += 1
                if depth <= 0:
                    break
            (moved if any(needle in x for x in stmt) else kept).extend(stmt)
        else:
            kept.append(block[k])
            moved.append(block[k])
            k += 1
    return kept, moved


out, cases, i = [], [], 0
while i < len(tl):
    l = tl[i]
    if l.startswith("    ") and not l.startswith("     ") and l.strip() and not l.strip().startswith("//") \
            and not l.strip().startswith("return"):
        j = i
        depth = 0
        block = []
        while True:
            block.append(tl[j])
            depth += tl[j].count("(") - tl[j].count(")") + tl[j].count("{") - tl[j].count("}")
            if depth <= 0 and (tl[j].rstrip().endswith(";") or tl[j].rstrip().endswith("}")):
                break
            j += 1
        if any(needle in b for b in block):
            kept, moved = split_adds(block)
            cases.extend(moved)
            if any("cs.add(" in x for x in kept):
                out.extend(kept)
        else:
            out.extend(block)
        i = j + 1
    else:
        out.append(l)
        i += 1
test.write_text("\n".join(out))

text = pend.read_text() if pend.exists() else ""
entry = [""] + header(name, reason) + [""] + method + [
    "", "  // cases (DifferentialTest.cases()):", "  static void " + name + "Cases(List<Case> cs) {"] + \
    cases + ["  }"]
marker = "\n}\n"
if not text:
    text = HEAD + "class PendingCorpus {\n}\n"
text = text[: text.rindex(marker)] + "\n" + "\n".join(entry) + marker
pend.write_text(text)
print("moved", name, "method lines", len(method), "case lines", len(cases))
