#!/usr/bin/env bash
# Lays out the edge's files as the host gets them, under target/stage/root, then packs:
#   target/deb-payload.tar.gz                              the Debian package's data (jdeb reads it with its modes)
#   target/perimeter-edge-<version>-linux-amd64.tar.gz     the air-gapped bundle: the same tree and install.sh
# Called by Maven (exec-maven-plugin, package phase):
#   stage.sh JAVA_HOME MODULES JARS_DIR TARGET_DIR VERSION
set -euo pipefail
java_home="$1" modules="$2" jars="$3" target="$4" version="$5"
here="$(cd "$(dirname "$0")/.." && pwd)"   # src/main/package
stage="$target/stage"
root="$stage/root"
opt="$root/opt/perimeter-edge"

# The runtime: jlink once, again only when the module list or the JDK changed (jlink takes ~20 s on 2 cores).
runtime_key="$java_home $modules"
if [[ ! -x "$stage/runtime/bin/java" || "$(cat "$stage/runtime.key" 2>/dev/null)" != "$runtime_key" ]]; then
  rm -rf "$stage/runtime" "$stage/runtime.key"
  mkdir -p "$stage"
  "$java_home/bin/jlink" --add-modules "$modules" --output "$stage/runtime" \
    --strip-debug --no-header-files --no-man-pages --compress=zip-6
  echo "$runtime_key" > "$stage/runtime.key"
fi

rm -rf "$root"
# A snapshot's package name carries its build time: the previous build's must not be left beside this one.
rm -f "$target"/perimeter-edge_*_amd64.deb "$target"/*.changes
install -d -m 0755 "$opt" "$opt/bin" "$opt/lib" "$root/etc/perimeter-edge" "$root/lib/systemd/system" "$root/usr/bin"
cp -a "$stage/runtime" "$opt/runtime"
install -m 0644 "$jars"/*.jar "$opt/lib/"
install -m 0755 "$here/bin/perimeter-edge" "$opt/bin/perimeter-edge"
install -m 0644 "$here/etc/edge.conf" "$root/etc/perimeter-edge/edge.conf"
install -m 0644 "$here/systemd/perimeter-edge.service" "$root/lib/systemd/system/perimeter-edge.service"
echo "$version" > "$opt/VERSION"
ln -s /opt/perimeter-edge/bin/perimeter-edge "$root/usr/bin/perimeter-edge"

# Both archives list the files as root's, whoever builds them.
pack() { # OUTPUT DIR ENTRIES...
  local out="$1" dir="$2"; shift 2
  tar --create --gzip --file "$out" --directory "$dir" --owner=0 --group=0 --numeric-owner --sort=name "$@"
}
pack "$target/deb-payload.tar.gz" "$root" ./opt ./etc ./lib ./usr

bundle="perimeter-edge-$version-linux-amd64"
rm -rf "$stage/$bundle"
install -d -m 0755 "$stage/$bundle"
cp -a "$root" "$stage/$bundle/root"
install -m 0755 "$here/install.sh" "$stage/$bundle/install.sh"
pack "$target/$bundle.tar.gz" "$stage" "$bundle"
echo "edge package staged: $target/deb-payload.tar.gz, $target/$bundle.tar.gz"
