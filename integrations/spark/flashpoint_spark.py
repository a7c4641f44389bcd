"""Code news articles with Flashpoint on an Apache Spark cluster and write the results as Parquet.

The coder is not rewritten for Spark: each partition's articles are piped, one JSON line each,
through the `flashpoint` binary (`flashpoint code --errors-as-lines -`, which answers every line
with exactly one line, in order), and its output lines become tables:

    OUT/events/date=YYYY-MM-DD/   one row per event, the output contract's fields flattened
    OUT/quotes/ OUT/quantities/ OUT/places/ OUT/actors/   one row per item, with its article
    OUT/articles/                 one row per coded article (counts and warnings)
    OUT/errors/                   one row per input line that could not be coded

Usage (see README.md beside this file):

    spark-submit --files target/release/flashpoint integrations/spark/flashpoint_spark.py \\
        --input articles/ --format jsonl --output coded/
"""

import argparse
import os
import shlex
import stat
import sys

from pyspark import SparkFiles, StorageLevel
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

# --- the output contract (/work/shared/DESIGN.md section 3) as a Spark schema -----------------

STR, INT, LONG, DBL, BOOL = (
    T.StringType(),
    T.IntegerType(),
    T.LongType(),
    T.DoubleType(),
    T.BooleanType(),
)
SPAN = T.ArrayType(INT)  # [start, end) byte offsets into the article text


def struct(**fields):
    return T.StructType([T.StructField(name, kind) for name, kind in fields.items()])


def array(element):
    return T.ArrayType(element)


# `kind` ("crossing", "air base", "sea"…) is written only for places named by a kind word.
PLACE = dict(
    name=STR,
    country=STR,
    admin1=STR,
    lat=DBL,
    lon=DBL,
    geonameid=LONG,
    precision=STR,
    kind=STR,
)
# `entity` is the model's entity label of the mention a party or actor was read from.
ACTOR = struct(text=STR, code=STR, country=STR, role=STR, name=STR, entity=STR)
EVENT = struct(
    id=STR,
    sentence_index=INT,
    span=SPAN,
    sentence_text=STR,
    source=ACTOR,
    target=ACTOR,
    cameo=STR,
    cameo_name=STR,
    goldstein=DBL,
    quad_class=INT,
    plover=struct(event=STR, mode=STR, context=STR),
    trigger=struct(text=STR, span=SPAN),
    negated=BOOL,
    modality=STR,
    date=STR,
    date_precision=STR,
    historical=BOOL,
    place=struct(**PLACE),
    quote_id=INT,
    confidence=DBL,
)
ITEMS = {
    "quotes": struct(
        id=INT, text=STR, span=SPAN, speaker=struct(name=STR, code=STR, span=SPAN)
    ),
    "quantities": struct(
        text=STR, kind=STR, value=LONG, qualifier=STR, unit=STR, span=SPAN, actor=STR
    ),
    "places": struct(text=STR, span=SPAN, **PLACE),
    "actors": struct(text=STR, span=SPAN, code=STR, country=STR, name=STR, entity=STR),
}
# One output line is either a coded article or an error line (`error`, `id`, `input`, `line`);
# one schema reads both.
LINE = struct(
    id=STR,
    url=STR,
    published=STR,
    source_name=STR,
    title=STR,
    sentences=INT,
    events=array(EVENT),
    **{name: array(kind) for name, kind in ITEMS.items()},
    warnings=array(STR),
    error=STR,
    line=LONG,
    # Filled by the JSON reader with any line that is not JSON (a coder bug, never expected).
    unreadable=STR,
)
ARTICLE = ["id", "url", "published", "source_name"]


def flat(column, kind, name):
    """A contract field as flat columns: a struct's fields become `name_field`, a span
    `name_start` and `name_end`; everything else keeps its name."""
    if isinstance(kind, T.StructType):
        return [
            c
            for f in kind.fields
            for c in flat(column[f.name], f.dataType, f"{name}_{f.name}" if name else f.name)
        ]
    if kind == SPAN:
        return [column[0].alias(f"{name}_start"), column[1].alias(f"{name}_end")]
    return [column.alias(name)]


# --- reading articles ----------------------------------------------------------------------------


def article_lines(spark, paths, fmt, partitions):
    """The input as an RDD of JSONL strings, one article each, in at least `partitions` parts."""
    if fmt == "jsonl":
        # The lines go to the coder as they are, so a malformed one is judged (and reported with
        # its line number) by the coder itself, exactly as on one machine.
        return spark.sparkContext.textFile(",".join(paths), minPartitions=partitions)
    df = spark.read.parquet(*paths)
    wanted = ["id", "text", "published", "url", "source_name", "title"]
    columns = [as_json_value(df, name) for name in wanted if name in df.columns]
    if df.rdd.getNumPartitions() < partitions:
        df = df.repartition(partitions)
    return df.select(F.to_json(F.struct(*columns)).alias("line")).rdd.map(lambda r: r.line)


def as_json_value(df, name):
    """Dates and timestamps as YYYY-MM-DD (in UTC, the session's zone), what the coder reads."""
    kind = df.schema[name].dataType
    if isinstance(kind, (T.DateType, T.TimestampType, T.TimestampNTZType)):
        return F.date_format(F.col(name), "yyyy-MM-dd").alias(name)
    return F.col(name)


# --- the coder on the executors ----------------------------------------------------------------


def coder_path(spark, shipped_name, executor_binary):
    """Where executors find the binary. RDD.pipe's command is fixed on the driver, so the path is
    worked out here: files shipped with --files / addFile land in an executor's working directory
    on a cluster (standalone, YARN, Kubernetes) and in the driver's SparkFiles directory in local
    mode; a binary installed on every node is named by --executor-binary."""
    if executor_binary:
        return executor_binary
    if spark.sparkContext.master.startswith("local"):
        return SparkFiles.get(shipped_name)
    return os.path.join(".", shipped_name)


def make_executable(path):
    """Runs in each task before the pipe starts (a plain function, not a generator, so it runs
    eagerly): some cluster managers localise shipped files without their execute bit."""

    def prepare(partition):
        if not os.access(path, os.X_OK):
            os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        return partition

    return prepare


def code(lines, binary, coder_args):
    """Pipe each partition through the coder: an RDD of its output lines, partition for partition."""
    command = " ".join(
        [shlex.quote(binary), "code", "--errors-as-lines", *map(shlex.quote, coder_args), "-"]
    )
    # checkCode: a crashed coder fails the task (Spark retries it) instead of losing its lines.
    return lines.mapPartitions(make_executable(binary)).pipe(command, checkCode=True)


# --- tables --------------------------------------------------------------------------------------


def tables(spark, coded):
    """Parse the coder's lines once (cached: every table reads them) and derive the tables."""
    # The JSON reader takes the RDD of strings straight into the JVM; going through Python rows
    # (createDataFrame) cost several times the coding itself.
    docs = (
        spark.read.schema(LINE)
        .option("columnNameOfCorruptRecord", "unreadable")
        .json(coded)
        # Still the pipe's partitioning here (no shuffle yet): with `line`, it locates an error.
        .withColumn("partition", F.spark_partition_id())
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    ok = docs.where(F.col("error").isNull() & F.col("unreadable").isNull())
    article = [F.col(name).alias(f"article_{name}") for name in ARTICLE]

    def items(field, kind):
        rows = ok.select(*article, F.explode(field).alias("item"))
        return rows.select(*[f"article_{n}" for n in ARTICLE], *flat(F.col("item"), kind, ""))

    out = {"events": items("events", EVENT)}
    out.update({name: items(name, kind) for name, kind in ITEMS.items()})
    out["articles"] = ok.select(
        *ARTICLE,
        "title",
        "sentences",
        "warnings",
        *[F.size(n).alias(f"n_{n}") for n in ["events", *ITEMS]],
    )
    unreadable = F.concat(
        F.lit("coder output is not a coded article: "), F.substring("unreadable", 1, 200)
    )
    out["errors"] = docs.where(F.col("error").isNotNull() | F.col("unreadable").isNotNull()).select(
        "partition",
        "line",
        F.col("id").alias("article_id"),
        F.coalesce(F.col("error"), unreadable).alias("reason"),
    )
    return docs, out


def write(out, dest, mode):
    events = out.pop("events")
    # One task per event date, so each date directory gets one file, not one per input partition.
    events.repartition("date").write.mode(mode).partitionBy("date").parquet(f"{dest}/events")
    for name, df in out.items():
        df.write.mode(mode).parquet(f"{dest}/{name}")


def main(argv=None):
    args = parse_args(argv)
    spark = (
        SparkSession.builder.appName("flashpoint")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    if args.binary:
        spark.sparkContext.addFile(args.binary)
    binary = coder_path(spark, os.path.basename(args.binary or "flashpoint"), args.executor_binary)
    partitions = args.partitions or spark.sparkContext.defaultParallelism
    lines = article_lines(spark, args.input, args.format, partitions)
    docs, out = tables(spark, code(lines, binary, args.coder_arg))
    write(out, args.output.rstrip("/"), "overwrite" if args.overwrite else "errorifexists")
    docs.unpersist()
    spark.stop()


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--input", nargs="+", required=True, help="article files or directories")
    p.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl")
    p.add_argument("--output", required=True, help="directory for the tables")
    p.add_argument(
        "--binary",
        help="the flashpoint binary on the driver, shipped to executors with addFile "
        "(default: shipped by spark-submit --files under the name `flashpoint`)",
    )
    p.add_argument(
        "--executor-binary", help="path of a flashpoint binary already installed on every node"
    )
    p.add_argument(
        "--partitions", type=int, help="at least this many tasks (default: the cluster's cores)"
    )
    p.add_argument(
        "--coder-arg",
        action="append",
        default=[],
        help="an extra option for `flashpoint code`, e.g. --coder-arg=--include-hypothetical",
    )
    p.add_argument("--overwrite", action="store_true", help="replace existing tables")
    return p.parse_args(argv)


if __name__ == "__main__":
    main(sys.argv[1:])
