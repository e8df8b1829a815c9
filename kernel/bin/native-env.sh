# Environment for ND4J's native code, sourced by the kernel launcher and by the
# kit's scripts (scripts/common.sh), so that notebooks, tests and benchmarks run
# the arithmetic the same way. Each value is a default: one already set wins.

# ND4J's OpenMP threads spin while they wait unless told otherwise; on shared or
# oversubscribed cores (a laptop, Binder, CI) that made training steps 10-20x slower.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"

# glibc's malloc, told to serve every allocation from one heap that it keeps (no
# mmap: glibc maps every block over 32 MB afresh, so each large activation of a
# training step came as new pages the kernel had to fault in and zero, every
# step) and to give free memory back to the system only when JavaCPP asks for it
# with malloc_trim (it does at ND4J's maxphysicalbytes limit, after a GC).
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-1}"
export MALLOC_MMAP_MAX_="${MALLOC_MMAP_MAX_:-0}"
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-268435456}"
