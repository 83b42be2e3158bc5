#!/bin/sh
# Builds the schedgate image FROM scratch: a jlinked Java runtime from the JDK that runs this
# script (JAVA_HOME, else the java on PATH), schedgate's classes and runtime jars, the shared
# libraries that runtime needs (ldd) and the dynamic loader.
#
#   docker/schedgate/build.sh [TAG [CLASSPATH]]
#
# TAG defaults to schedgate:local. CLASSPATH (':'-separated jars and class folders, e.g. a test
# JVM's java.class.path) defaults to target/classes plus Maven's runtime class path
# (./mvnw -o dependency:build-classpath; run ./mvnw -o compile first). Test-only entries
# (test-classes, JUnit, ArchUnit, Selenium, surefire) are left out.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tag=${1:-schedgate:local}
cp=${2:-}
if [ -z "$cp" ]; then
  out=$(mktemp)
  (cd "$root" && ./mvnw -B -q -o dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$out")
  cp="$root/target/classes:$(cat "$out")"
  rm -f "$out"
fi
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jlink" ]; then jdk=$JAVA_HOME; else
  jdk=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")"); fi
# a JRE's java.home (the test JVM's) may lack jlink: use the JDK it belongs to
[ -x "$jdk/bin/jlink" ] || { echo "no jlink under $jdk: set JAVA_HOME to a JDK 17" >&2; exit 1; }

ctx=$(mktemp -d "${TMPDIR:-/tmp}/schedgate-image-XXXXXX")
trap 'rm -rf "$ctx"' EXIT
fs=$ctx/rootfs
mkdir -p "$fs/app/lib" "$fs/app/conf" "$fs/etc" "$fs/tmp" "$fs/runs"
cp "$here/logback.xml" "$fs/app/conf/logback.xml"
chmod 1777 "$fs/tmp" "$fs/runs"

"$jdk/bin/jlink" --output "$fs/opt/java" --strip-debug --no-man-pages --no-header-files --compress=2 \
  --add-modules java.base,java.logging,java.management,jdk.management,java.naming,java.net.http,java.xml,java.sql,java.scripting,java.prefs,java.security.jgss,java.instrument,jdk.unsupported,jdk.crypto.ec,jdk.httpserver,jdk.zipfs,jdk.naming.dns,jdk.jfr

n=0
old_ifs=$IFS; IFS=:
for e in $cp; do
  IFS=$old_ifs
  case "$e" in
    */test-classes|*/test-classes/|*/org/junit/*|*/org/opentest4j/*|*/org/apiguardian/*|*/com/tngtech/*|\
    */org/seleniumhq/*|*surefire*|*/testcontainers-junit-jupiter*|"") continue ;;
  esac
  if [ -d "$e" ]; then
    n=$((n + 1))
    (cd "$e" && jar_tool="$jdk/bin/jar" && "$jar_tool" --create --file "$fs/app/lib/0-classes-$n.jar" .)
  elif [ -f "$e" ]; then
    cp "$e" "$fs/app/lib/"
  fi
done
IFS=$old_ifs
ls "$fs/app/lib" | grep -q . || { echo "nothing from the class path to put in the image" >&2; exit 1; }

# the shared libraries of every binary and .so of the runtime, with the dynamic loader
libs=$ctx/libs
find "$fs/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' -o -name jspawnhelper \) \
  -exec ldd {} \; 2>/dev/null | awk '/=> \//{print $3} /^\t\/.*ld-linux/{print $1}' | sort -u > "$libs"
ls /lib64/ld-linux-x86-64.so.2 >> "$libs"
while read -r lib; do
  mkdir -p "$fs$(dirname "$lib")"
  cp -L "$lib" "$fs$lib"
done < "$libs"

printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/tmp:/sbin/nologin\n' > "$fs/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$fs/etc/group"
cp "$here/Dockerfile" "$ctx/Dockerfile"
docker build --pull=false --label io.schedgate.built=true -t "$tag" "$ctx"
