#!/usr/bin/env python3
"""Fastest and median wall time of N runs of a command (output discarded).

On a shared machine the median moves with other people's load; the fastest run is the better
estimate of what the code costs. Compare two binaries by alternating them in the same minutes.

usage: python3 scripts/min_time.py N COMMAND [ARGS...]
"""
import subprocess, sys, time

n = int(sys.argv[1])
cmd = sys.argv[2:]
times = []
for _ in range(n):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    times.append(time.perf_counter() - t)
times.sort()
print(f"fastest {times[0] * 1000:.1f} ms, median {times[len(times) // 2] * 1000:.1f} ms of {n} runs: {' '.join(cmd)}")
