#!/usr/bin/env python3
"""Throughput of the coder on one process and through the Spark job in local[N] mode, on the same
input: the sample corpus repeated (each copy with fresh article ids).

    python3 integrations/spark/measure.py [--copies 100] [--cores 2]

Run it with a Python that has pyspark (e.g. target/spark-venv/bin/python after the Spark test has
run once) and an idle machine. It prints articles/s for

  - `flashpoint code FEED` on one process (wall clock, and per CPU-second of the process),
  - the Spark job in local[cores] mode, end to end (spark-submit start to finish, JVM start-up
    and all seven table writes included),
  - the same job's marginal rate: (big feed - small feed) articles / (big - small) seconds, which
    takes the fixed start-up cost out, in wall seconds and in CPU seconds (the coder processes and
    the rest of Spark apart); the CPU figure is the one to size a cluster with.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
import test_spark_job  # noqa: E402  (its spark-submit runner and corpus list)


def feed(path, copies):
    rows = [json.loads(l) for p in test_spark_job.CORPUS for l in p.read_text().splitlines()]
    with open(path, "w") as out:
        for n in range(copies):
            for row in rows:
                out.write(json.dumps(dict(row, id=f"{row['id']}-{n}")) + "\n")
    return len(rows) * copies


def single_process(binary, path):
    """Wall and CPU seconds of one `flashpoint code` run (the child is waited for, so getrusage
    sees all of its CPU)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    subprocess.run([binary, "code", path], stdout=subprocess.DEVNULL, check=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def spark(binary, path, out, cores):
    """Wall seconds, and CPU seconds of the coder processes and of the rest of the job (JVM,
    Python workers). The JVM never waits for its Python workers, so getrusage would miss them
    and the coders under them: the process tree is sampled from /proc instead."""
    command, env = test_spark_job.job_command(
        ["--files", binary],
        ["--input", path, "--output", out, "--overwrite"],
        master=f"local[{cores}]",
    )
    cpu = {}  # (pid, start time) -> (name, CPU ticks at the last sample)
    start = time.monotonic()
    job = subprocess.Popen(command, env=env)
    while job.poll() is None:
        sample_tree(job.pid, cpu)
        time.sleep(0.2)
    wall = time.monotonic() - start
    if job.returncode:
        sys.exit(f"spark job failed ({job.returncode})")
    tick = os.sysconf("SC_CLK_TCK")
    coder = sum(t for name, t in cpu.values() if name == "flashpoint") / tick
    return wall, coder, sum(t for _, t in cpu.values()) / tick - coder


def sample_tree(root, cpu):
    parent, stats = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue  # ended since the listing
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        pid = int(entry)
        parent[pid] = int(fields[1])
        stats[pid] = (name, int(fields[11]) + int(fields[12]), fields[19])
    for pid, (name, ticks, started) in stats.items():
        p = pid
        while p in parent and p != root:
            p = parent[p]
        if p == root:
            cpu[(pid, started)] = (name, ticks)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--copies", type=int, default=100, help="corpus copies in the big feed")
    p.add_argument("--cores", type=int, default=2)
    args = p.parse_args()
    binary = test_spark_job.build()
    version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    print(f"coder: {version.strip()} (release build, commit {commit})")
    with tempfile.TemporaryDirectory(prefix="flashpoint-measure-") as tmp:
        tmp = Path(tmp)
        small, big = tmp / "small.jsonl", tmp / "big.jsonl"
        n_small, n_big = feed(small, 1), feed(big, args.copies)
        wall, cpu = single_process(binary, big)
        print(f"single process: {n_big} articles in {wall:.1f} s = {n_big / wall:,.0f} articles/s "
              f"wall; {n_big / cpu:,.0f} articles per CPU-second "
              f"({n_big / cpu * 3600:,.0f} per core-hour)")
        t_small, coder_small, rest_small = spark(binary, small, tmp / "out-small", args.cores)
        t_big, coder_big, rest_big = spark(binary, big, tmp / "out-big", args.cores)
        n = n_big - n_small
        print(f"spark local[{args.cores}]: {n_big} articles in {t_big:.1f} s = "
              f"{n_big / t_big:,.0f} articles/s end to end; {n_small} articles in {t_small:.1f} s; "
              f"marginal {n / (t_big - t_small):,.0f} articles/s")
        coder, rest = coder_big - coder_small, rest_big - rest_small
        print(f"spark CPU, big feed minus small: coder processes {coder:.1f} s, "
              f"Spark itself {rest:.1f} s ({rest / n * 1000:.2f} ms per article); "
              f"{n / (coder + rest):,.0f} articles per CPU-second, "
              f"{n / (coder + rest) * 3600:,.0f} per core-hour")
    load = Path("/proc/loadavg").read_text().split()[:3]
    print(f"load average at the end: {' '.join(load)}")


if __name__ == "__main__":
    main()
