#!/bin/sh
# Formats this module's Java sources with google-java-format 1.28.0 from ~/.m2 (needs guava there).
cd "$(dirname "$0")/.." || exit 1
G=$(find ~/.m2/repository/com/google/guava/guava -name 'guava-3*.jar' | sort | tail -1)
J=~/.m2/repository/com/google/googlejavaformat/google-java-format/1.28.0/google-java-format-1.28.0.jar
exec java $(for p in api code file parser tree util; do printf -- '--add-exports=jdk.compiler/com.sun.tools.javac.%s=ALL-UNNAMED ' $p; done) \
  -cp "$J:$G" com.google.googlejavaformat.java.Main --replace $(find src/main src/test -name '*.java')
