#!/usr/bin/env bash
# Assembles the runnable vae distribution (the launcher, its jars and resources) into DIR, in the
# layout ./vae expects; the container image copies exactly this. Build first: mvn -B -q -DskipTests package
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:-$root/target/dist}"
jar="$root/vae-cli/target/vae-cli-0.1.0-SNAPSHOT.jar"
[ -f "$jar" ] || { echo "dist: $jar is missing; run: mvn -B -q -DskipTests package" >&2; exit 2; }
rm -rf "$dir"
mkdir -p "$dir/vae-cli/target" "$dir/vae-cli/src/main/resources/org/vaelab/cli" "$dir/experiments"
cp "$root/vae" "$dir/vae"
cp "$jar" "$dir/vae-cli/target/"
cp -r "$root/vae-cli/target/lib" "$dir/vae-cli/target/lib"
cp "$root"/vae-cli/src/main/resources/org/vaelab/cli/{blas-env.sh,jit-directives.json} "$dir/vae-cli/src/main/resources/org/vaelab/cli/"
cp "$root"/experiments/*.yaml "$dir/experiments/"
echo "dist: $dir"
