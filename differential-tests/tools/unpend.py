"""Moves a pending corpus method (and its cases) from src/pending/PendingCorpus.java back into
AsyncCorpus.java and DifferentialTest.cases(), to retry it against a newer processor.

usage: python3 tools/unpend.py <method>
"""
import re, sys, pathlib
root = pathlib.Path(__file__).resolve().parent.parent
corpus = root / "src/main/java/io/asyncio4j/differential/AsyncCorpus.java"
test = root / "src/test/java/io/asyncio4j/differential/DifferentialTest.java"
pend = root / "src/pending/PendingCorpus.java"
name = sys.argv[1]
lines = pend.read_text().split("\n")
start = next(i for i, l in enumerate(lines) if l.startswith("  // ---- " + name + ": "))
end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("  // ---- ")), len(lines) - 2)
entry = lines[start:end]
del lines[start:end]
# drop the blank line left before the next entry or the closing brace
while start < len(lines) and start > 0 and lines[start - 1] == "" and lines[start] in ("", "}"):
    del lines[start - 1]
    start -= 1
pend.write_text("\n".join(lines))
ci = next(i for i, l in enumerate(entry) if l.startswith("  // cases"))
mstart = next(i for i, l in enumerate(entry) if i > 0 and l.startswith("  @") or re.match(r"^  \S", l) and i > 0 and not l.startswith("  //"))
method = entry[mstart:ci]
while method and method[-1] == "":
    method.pop()
cases = [l for l in entry[ci + 2:] if l != "  }"]
while cases and cases[-1] == "":
    cases.pop()
s = corpus.read_text().rstrip()
assert s.endswith("}")
s = s[:-1].rstrip() + "\n\n" + "\n".join(method) + "\n}\n"
corpus.write_text(s)
t = test.read_text()
t = t.replace("\n    return cs;\n", "\n" + "\n".join(cases) + "\n    return cs;\n", 1)
test.write_text(t)
print("restored", name, len(method), "method lines,", len(cases), "case lines")
