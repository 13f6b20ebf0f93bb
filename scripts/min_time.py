#!/usr/bin/env python3
"""Fastest and median wall time of N runs of a command (output discarded).

On a shared machine the median moves with other people's load; the fastest run is the better
estimate of what the code costs. To compare two builds, alternate them in the same minutes:

usage: python3 scripts/min_time.py N COMMAND [ARGS...]
       python3 scripts/min_time.py N --alternate BINARY_A BINARY_B [ARGS...]
"""
import subprocess, sys, time

n = int(sys.argv[1])
if sys.argv[2] == "--alternate":
    commands = [[sys.argv[3]] + sys.argv[5:], [sys.argv[4]] + sys.argv[5:]]
else:
    commands = [sys.argv[2:]]
times = [[] for _ in commands]
for _ in range(n):
    for cmd, t in zip(commands, times):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        t.append(time.perf_counter() - start)
for cmd, t in zip(commands, times):
    t.sort()
    print(f"fastest {t[0] * 1000:.1f} ms, median {t[len(t) // 2] * 1000:.1f} ms of {n} runs: {' '.join(cmd)}")
