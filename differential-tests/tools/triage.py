"""Compiles the corpus with the installed processor snapshot and maps every error and warning to
the corpus method it belongs to (in AsyncCorpus.java or in the generated AsyncCorpusAsync.java).

usage: python3 tools/triage.py      (needs runtime/processor snapshots in ~/.m2)
"""
import glob, os, re, subprocess, sys, pathlib, collections
root = pathlib.Path(__file__).resolve().parent.parent
m2 = pathlib.Path.home() / ".m2/repository"
runtime = m2 / "io/asyncio4j/asyncio4j-runtime/0.1.0-SNAPSHOT/asyncio4j-runtime-0.1.0-SNAPSHOT.jar"
proc = os.environ.get("PROC_JAR") or (m2 / "io/asyncio4j/asyncio4j-processor/0.1.0-SNAPSHOT/asyncio4j-processor-0.1.0-SNAPSHOT.jar")
javapoet = sorted(glob.glob(str(m2 / "com/palantir/javapoet/javapoet/*/javapoet-*.jar")))[-1]
out = pathlib.Path("/tmp/dt-triage")
subprocess.run(["rm", "-rf", str(out)])
(out / "gen").mkdir(parents=True)
(out / "classes").mkdir()
srcs = sorted(glob.glob(str(root / "src/main/java/io/asyncio4j/differential/*.java")))
javac = os.environ.get("JAVAC", "javac")
r = subprocess.run([javac, "--release", "17", "-Xlint:all,-processing", "-Xmaxerrs", "100000",
                    "-Xmaxwarns", "100000", "-processorpath", f"{proc}:{javapoet}", "-cp", str(runtime),
                    "-d", str(out / "classes"), "-s", str(out / "gen")] + srcs,
                   capture_output=True, text=True)
text = r.stdout + r.stderr
gen = out / "gen/io/asyncio4j/differential/AsyncCorpusAsync.java"
gen_lines = gen.read_text().split("\n") if gen.exists() else []
src_lines = (root / "src/main/java/io/asyncio4j/differential/AsyncCorpus.java").read_text().split("\n")

def gen_owner(line):
    for i in range(line - 1, -1, -1):
        m = re.match(r"  (?:private )?static final class (\w+)(?:<.*>)? extends AsyncStateMachine", gen_lines[i])
        if m:
            name = re.sub(r"\d+$", "", m.group(1))
            return name[0].lower() + name[1:]
    return "?companion"

def src_owner(line):
    for i in range(line - 1, -1, -1):
        m = re.match(r"  (?:@\w+ )*(?:(?:public|private|static|final) )*(?:<.*?> )?[\w<>\[\], ?.]+ (\w+)\(", src_lines[i])
        if m and not src_lines[i].startswith("   "):
            return m.group(1)
    return "?"

per = collections.defaultdict(list)
for m in re.finditer(r"^(\S+\.java):(\d+): (error|warning): (.*)$", text, re.M):
    path, line, kind, msg = m.group(1), int(m.group(2)), m.group(3), m.group(4)
    if path.endswith("AsyncCorpusAsync.java"):
        owner = gen_owner(line); where = f"gen:{line}"
        msg += " | " + gen_lines[line - 1].strip()[:160]
    elif path.endswith("AsyncCorpus.java"):
        owner = src_owner(line); where = f"src:{line}"
    else:
        owner = os.path.basename(path); where = f"{path}:{line}"
    per[owner].append(f"{kind} {where}: {msg}")
for owner, msgs in sorted(per.items()):
    print(f"== {owner} ({len(msgs)})")
    for x in msgs[:6]:
        print("   ", x)
print("javac rc", r.returncode)
if not per:
    print(text[-3000:])
