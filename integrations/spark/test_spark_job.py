#!/usr/bin/env python3
"""The Spark job against a single-process run: `.ci/run` calls this after `cargo test`.

It runs flashpoint_spark.py with spark-submit in local[2] mode on the sample corpus, twice (JSONL
input with the binary shipped by --files, then Parquet input with it shipped by --binary), and
checks that the tables hold exactly what `flashpoint code corpus/` prints on one machine: the same
events (count, ids, every field, each under its date's directory), quotes, quantities, places,
actors and articles; and that bad input lines become error rows while the job succeeds.

pyspark and pyarrow come from this Python if it has them, else from a venv in target/spark-venv
that pip fills from PyPI (about a minute, once). The test skips, saying so, only when pip cannot
reach PyPI. Java 17 must be installed.
"""

import collections
import json
import os
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
VENV = ROOT / "target" / "spark-venv"
CORPUS = sorted((ROOT / "corpus").glob("*.jsonl"))
ITEM_TABLES = ["quotes", "quantities", "places", "actors"]
ARTICLE = ["id", "url", "published", "source_name"]

# Input lines the coder cannot code; each must come back as an error row, not fail the job.
NO_TEXT = {"id": "no-text-1", "published": "2021-05-06", "source_name": "Test Desk"}
MALFORMED = '{"id": "cut-off", "text": "The line ends before'


def has_modules(python):
    probe = [str(python), "-c", "import pyspark, pyarrow"]
    return subprocess.run(probe, capture_output=True).returncode == 0


def ensure_pyspark():
    """Carry on under a Python with pyspark and pyarrow: this one, or the venv (filled if need be)."""
    if has_modules(sys.executable):
        return
    python = VENV / "bin" / "python"
    if not python.exists():
        venv.create(VENV, with_pip=True)
    if not has_modules(python):
        probe = subprocess.run(
            [python, "-m", "pip", "index", "versions", "pyspark"], capture_output=True, text=True
        )
        # A pip without the (experimental) `index` command gets to try the install itself.
        unreachable = probe.returncode != 0 and "unknown command" not in probe.stderr
        if unreachable:
            print("SKIPPED integrations/spark test: pip cannot reach PyPI to install pyspark:")
            print((probe.stderr or probe.stdout).strip()[-800:])
            sys.exit(0)
        print("integrations/spark: installing pyspark and pyarrow into", VENV, flush=True)
        install = [python, "-m", "pip", "install", "-q", "-r", HERE / "requirements.txt"]
        subprocess.run(install, check=True)
        if not has_modules(python):
            sys.exit("pyspark or pyarrow still missing after pip install")
    os.execv(python, [str(python), __file__, *sys.argv[1:]])


def build():
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "flashpoint"], cwd=ROOT, check=True)
    return ROOT / "target" / "release" / "flashpoint"


def single_process(binary):
    """The reference: one `flashpoint code` run over the corpus files."""
    out = subprocess.run(
        [binary, "code", *CORPUS], capture_output=True, text=True, check=True
    ).stdout
    return [json.loads(line) for line in out.splitlines()]


def flatten(value, name=""):
    """The job's flattening, written again here: struct fields joined by `_`, spans as
    `_start`/`_end`. A null struct gives no columns (the table has nulls there)."""
    if isinstance(value, dict):
        out = {}
        for key, v in value.items():
            out.update(flatten(v, f"{name}_{key}" if name else key))
        return out
    if name.endswith("span") and value is not None:
        return {f"{name}_start": value[0], f"{name}_end": value[1]}
    return {name: value}


def expected_rows(docs, field):
    rows = []
    for doc in docs:
        article = {f"article_{k}": doc[k] for k in ARTICLE}
        rows += [{**article, **flatten(item)} for item in doc[field]]
    return rows


def read_table(out, name):
    import pyarrow.dataset as ds

    table = ds.dataset(out / name, format="parquet", partitioning="hive").to_table()
    return table.to_pylist()


def same_rows(got, want, what):
    """Every expected value is in its column (null structs: all their columns null), no column
    holds anything else, and the rows match as a multiset."""
    assert len(got) == len(want), f"{what}: {len(got)} rows, expected {len(want)}"
    columns = set(got[0]) if got else set()
    for row in want:
        for name in set(row) - columns:
            # A null struct (no target, no place) has its columns in the table, not its name.
            is_null_struct = row[name] is None and any(c.startswith(name + "_") for c in columns)
            assert is_null_struct, f"{what}: column {name} missing from the table"
    key = lambda row: json.dumps({c: row.get(c) for c in sorted(columns)}, sort_keys=True)
    got_keys = collections.Counter(key(r) for r in got)
    want_keys = collections.Counter(key(r) for r in want)
    if got_keys != want_keys:
        extra = list((got_keys - want_keys).elements())[:2]
        lost = list((want_keys - got_keys).elements())[:2]
        raise AssertionError(f"{what} differ:\n  only in Spark: {extra}\n  only in the reference: {lost}")


def check(out, reference, expected_errors):
    events = read_table(out, "events")
    want = expected_rows(reference, "events")
    ids = [e["id"] for e in events]
    assert len(ids) == len(set(ids)), "an event was written twice"
    assert set(ids) == {e["id"] for e in want}, "event ids differ"
    same_rows(events, want, "events")
    dates = {p.name for p in (out / "events").iterdir() if p.is_dir()}
    assert dates == {f"date={e['date']}" for e in want}, "events not partitioned by their date"
    for table in ITEM_TABLES:
        same_rows(read_table(out, table), expected_rows(reference, table), table)
    articles = {a["id"]: a for a in read_table(out, "articles")}
    assert set(articles) == {d["id"] for d in reference}, "articles differ"
    for doc in reference:
        assert articles[doc["id"]]["n_events"] == len(doc["events"]), doc["id"]
    errors = read_table(out, "errors")
    got = sorted((e["article_id"] or "", e["reason"].split(":")[0]) for e in errors)
    assert got == sorted(expected_errors), f"error rows: {errors}"
    assert all(e["line"] >= 1 and e["partition"] >= 0 for e in errors), errors
    return len(events), len(errors)


def job_command(spark_args, job_args, master="local[2]"):
    """The spark-submit command line and environment for the job (also used by measure.py)."""
    import pyspark

    submit = Path(pyspark.__file__).parent / "bin" / "spark-submit"
    env = dict(
        os.environ,
        PYSPARK_PYTHON=sys.executable,
        PYSPARK_DRIVER_PYTHON=sys.executable,
        SPARK_LOCAL_IP="127.0.0.1",
    )
    command = [
        submit,
        "--master", master,
        "--driver-memory", "1g",
        "--conf", "spark.ui.enabled=false",
        "--conf", "spark.log.level=WARN",
        "--conf", "spark.sql.shuffle.partitions=4",
        *spark_args,
        HERE / "flashpoint_spark.py",
        *job_args,
    ]
    return [str(c) for c in command], env


def run_job(spark_args, job_args):
    command, env = job_command(spark_args, job_args)
    start = time.monotonic()
    subprocess.run(command, env=env, check=True)
    return time.monotonic() - start


def jsonl_feed(tmp):
    lines = [line for path in CORPUS for line in path.read_text().splitlines() if line.strip()]
    # The bad lines go in the middle, among good ones, so the job must keep going after them.
    half = len(lines) // 2
    lines[half:half] = [json.dumps(NO_TEXT), MALFORMED]
    feed = tmp / "feed"
    feed.mkdir()
    (feed / "articles.jsonl").write_text("\n".join(lines) + "\n")
    return feed


def parquet_feed(tmp):
    import datetime

    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [json.loads(line) for path in CORPUS for line in path.read_text().splitlines()]
    rows.append(dict(NO_TEXT, text=None))
    columns = {k: [r.get(k) for r in rows] for k in ["id", "text", "url", "source_name", "title"]}
    # A real date column (not a string), as an archive would store it.
    columns["published"] = [datetime.date.fromisoformat(r["published"]) for r in rows]
    table = pa.table(columns, schema=pa.schema([
        ("id", pa.string()), ("text", pa.string()), ("url", pa.string()),
        ("source_name", pa.string()), ("title", pa.string()), ("published", pa.date32()),
    ]))
    path = tmp / "articles.parquet"
    pq.write_table(table, path)
    return path


def main():
    ensure_pyspark()
    binary = build()
    reference = single_process(binary)
    with tempfile.TemporaryDirectory(prefix="flashpoint-spark-") as tmp:
        tmp = Path(tmp)
        out = tmp / "from-jsonl"
        seconds = run_job(
            ["--files", binary],
            ["--input", jsonl_feed(tmp), "--format", "jsonl", "--output", out],
        )
        events, errors = check(
            out, reference, [("", "invalid JSON"), (NO_TEXT["id"], "missing field `text`")]
        )
        print(f"spark JSONL: {len(reference)} articles, {events} events, {errors} error rows, "
              f"identical to the single-process run ({seconds:.0f} s)")
        out = tmp / "from-parquet"
        seconds = run_job(
            [],
            ["--binary", binary, "--input", parquet_feed(tmp), "--format", "parquet",
             "--output", out],
        )
        events, errors = check(out, reference, [(NO_TEXT["id"], "missing field `text`")])
        print(f"spark Parquet: {len(reference)} articles, {events} events, {errors} error row, "
              f"identical to the single-process run ({seconds:.0f} s)")


if __name__ == "__main__":
    main()
