#!/usr/bin/env bash
# The long runs behind docs/results.md, one after another on one core, each started once and resumed
# from its checkpoint whenever this script runs again (after a lost session, a reboot, a kill).
# Usage: bench/results-runs.sh STORE [CORE] [ROW ...]   (rows: protocol-vae protocol-vamp t21-elbo t21-planar
#        t21-iaf t21-iwae5 t21-hvae t21-hvae-vamp; default: all). Logs go to STORE/<row>.log.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
store="$(realpath -m "${1:?usage: bench/results-runs.sh STORE [CORE] [ROW ...]}")"
core="${2:-1}"
shift $(( $# >= 2 ? 2 : $# ))
mkdir -p "$store"
export VAE_JAVA_OPTS="${VAE_JAVA_OPTS:-} -Dvaelab.gemmThreads=1"
P300=(--config experiments/fmnist-protocol-gaussian.yaml --set training.epochs=300 --set training.earlyStopping.metric=none)
HVAE=(--set encoder.latentDim=80 --set "posterior={type: two-level, topDim: 40, hiddenDims: [300]}")
declare -A ARGS=(
  [protocol-vae]="--config experiments/fmnist-protocol-gaussian.yaml"
  [protocol-vamp]="--config experiments/fmnist-protocol-vamp.yaml"
)
args_for() {
  case "$1" in
    protocol-vae|protocol-vamp) read -r -a a <<< "${ARGS[$1]}"; printf '%s\n' "${a[@]}" ;;
    t21-elbo) printf '%s\n' "${P300[@]}" ;;
    t21-planar) printf '%s\n' "${P300[@]}" --set "posterior={type: planar, flows: 8}" ;;
    t21-iaf) printf '%s\n' "${P300[@]}" --set "posterior={type: iaf, flows: 2, hidden: 64}" ;;
    t21-iwae5) printf '%s\n' "${P300[@]}" --set "objective={type: iwae, samples: 5}" ;;
    t21-hvae) printf '%s\n' "${P300[@]}" "${HVAE[@]}" \
      --set "prior={type: hierarchical, topDim: 40, top: standard-normal, hiddenDims: [300, 300]}" ;;
    t21-hvae-vamp) printf '%s\n' "${P300[@]}" "${HVAE[@]}" \
      --set "prior={type: hierarchical, topDim: 40, top: vamp, components: 500, bounded: true, hiddenDims: [300, 300]}" ;;
    *) echo "results-runs: unknown row '$1'" >&2; return 2 ;;
  esac
}
# the run directory of this row in the store, by its runName tag
find_run() {
  grep -lx -- "$1" "$store"/*/*/tags/mlflow.runName 2>/dev/null | head -1 | xargs -r dirname | xargs -r dirname
}
rows=("$@")
[ ${#rows[@]} -eq 0 ] && rows=(protocol-vae protocol-vamp t21-elbo t21-planar t21-iaf t21-iwae5 t21-hvae t21-hvae-vamp)
for row in "${rows[@]}"; do args_for "$row" > /dev/null || exit 2; done
cd "$here"
for row in "${rows[@]}"; do
  mapfile -t a < <(args_for "$row")
  run="$(find_run "$row")"
  # done once the final evaluation has logged (a resume finishes one that a kill cut short)
  if [ -n "$run" ] && [ -f "$run/metrics/eval/seconds" ]; then echo "$row: finished ($(basename "$run"))"; continue; fi
  if [ -n "$run" ]; then
    echo "$row: resuming $(basename "$run")"
    nice -n 10 taskset -c "$core" ./vae train --resume "$(basename "$run")" --tracking-dir "$store" >> "$store/$row.log" 2>&1
  else
    echo "$row: starting"
    nice -n 10 taskset -c "$core" ./vae train "${a[@]}" --set "name=$row" --tracking-dir "$store" >> "$store/$row.log" 2>&1
  fi
done
