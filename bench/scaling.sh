#!/usr/bin/env bash
# How training cost grows with the hidden width, the batch and the latent size: `vae bench --case 10`
# (vaelab, then bench/train_step.py in PyTorch on the same shape) over a grid, as a markdown table.
# PyTorch's GFLOP/s are vaelab's counted products scaled by the samples/s ratio (the same work a sample).
# Usage: bench/scaling.sh [extra vae bench options]   (run from the repository root; about 10 minutes)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
echo "| varied | model, batch | vaelab samples/s | PyTorch samples/s | ratio | vaelab GFLOP/s | PyTorch GFLOP/s |"
echo "|---|---|---|---|---|---|---|"
row() {
  local what=$1 h=$2 l=$3 b=$4
  local line
  line=$(./vae bench --case 10 --hidden "$h" --latent "$l" --batch "$b" --epoch-steps 200 "${@:5}" | grep '^10\.')
  awk -v what="$what" -v h="$h" -v l="$l" -v b="$b" '{
    ours = $8; gf = $10;
    match($0, /PyTorch [0-9]+ samples/); theirs = substr($0, RSTART + 8, RLENGTH - 16) + 0;
    if (theirs == 0) { printf "| %s | 784-%s-%s, %s | %.0f | not run | | %.1f | |\n", what, h, l, b, ours, gf; exit }
    printf "| %s | 784-%s-%s, %s | %.0f | %.0f | %.2fx | %.1f | %.1f |\n", what, h, l, b, ours, theirs, ours / theirs, gf, gf * theirs / ours
  }' <<< "$line"
}
row "case 1" 400 20 128 "$@"
for h in 256 512 1024 2048; do row width "$h" 20 128 "$@"; done
for b in 32 64 256 512; do row batch 400 20 "$b" "$@"; done
for l in 2 64 256; do row latent 400 "$l" 128 "$@"; done
