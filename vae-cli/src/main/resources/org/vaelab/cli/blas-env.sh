# BLAS settings, sourced by ./vae and by Slurm job scripts; a value the user set is kept.
# 1. MKL (cpu-vector's products on Intel CPUs) waits 1 ms, not 200, for the next parallel product
#    before its worker thread sleeps: the spinning worker took the core that the Adam helper, the
#    convolution halves and the JIT need (2 cores: 784-512-512-32 at 21.0k samples/s vs 19.5k).
export KMP_BLOCKTIME="${KMP_BLOCKTIME:-1}"
# 2. ND4J's OpenBLAS kernels from this CPU's features unless the user set OPENBLAS_CORETYPE.
#    OpenBLAS 0.3.19 does not recognise CPUs newer than 2021 and falls back to its SSE3 kernels
#    ("Prescott"): gemm ran 2.5x slower on a 2023 Xeon. A choice made on the submitting machine is
#    made again on the node.
if [ -n "${VAE_OPENBLAS_CHOSEN:-}" ]; then unset OPENBLAS_CORETYPE VAE_OPENBLAS_CHOSEN; fi
if [ -z "${OPENBLAS_CORETYPE:-}" ] && [ -r /proc/cpuinfo ]; then
  vae_cpu_flags=" $(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2 || true) "
  vae_has() { for f in "$@"; do [[ "$vae_cpu_flags" == *" $f "* ]] || return 1; done; }
  if vae_has avx512f avx512cd avx512bw avx512dq avx512vl; then
    export OPENBLAS_CORETYPE=SKYLAKEX VAE_OPENBLAS_CHOSEN=1
  elif vae_has avx2 fma && grep -qm1 GenuineIntel /proc/cpuinfo; then
    export OPENBLAS_CORETYPE=HASWELL VAE_OPENBLAS_CHOSEN=1
  fi
  unset vae_cpu_flags
  unset -f vae_has
fi
