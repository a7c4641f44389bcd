//! Parquet, partitioned by date the Hive way (`events/date=2020-02-27/part-0.parquet`, undated
//! events under `date=__HIVE_DEFAULT_PARTITION__`), as Spark, DuckDB and BigQuery read it. The
//! columns are the flat record's (see `flat`), Snappy-compressed; `date` is the partition.
//! An export replaces the `part-*.parquet` files of an earlier one in the same folder.

use super::flat::{cells, Cell};
use super::{io_at, ExportOptions, ExportReport, ExportRow};
use crate::{Result, Store};
use parquet::basic::Compression;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const NULL_PARTITION: &str = "__HIVE_DEFAULT_PARTITION__";

pub fn export(store: &Store, opts: &ExportOptions) -> Result<ExportReport> {
    let root = opts.out_dir.join("events");
    remove_old_parts(&root)?;
    let mut report = ExportReport::default();
    let mut day: Option<Option<String>> = None;
    let mut rows: Vec<ExportRow> = Vec::new();
    store.each_row(opts.from, opts.to, &mut |r| {
        report.events += 1;
        if day.as_ref().is_some_and(|d| *d != r.date) {
            report.files.push(write_partition(&root, &rows)?);
            rows.clear();
        }
        day = Some(r.date.clone());
        rows.push(r);
        Ok(())
    })?;
    if !rows.is_empty() {
        report.files.push(write_partition(&root, &rows)?);
    }
    Ok(report)
}

/// `date=*/part-*.parquet` from an earlier export (and the folders they leave empty).
fn remove_old_parts(root: &Path) -> Result<()> {
    let Ok(dirs) = std::fs::read_dir(root) else {
        return Ok(());
    };
    for dir in dirs.flatten() {
        let dir = dir.path();
        let is_partition = dir
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("date="));
        if !is_partition || !dir.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&dir)
            .map_err(|e| io_at(&dir, e))?
            .flatten()
        {
            let path = file.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.starts_with("part-") && name.ends_with(".parquet") {
                std::fs::remove_file(&path).map_err(|e| io_at(&path, e))?;
            }
        }
        // Only succeeds when nothing else is in it.
        let _ = std::fs::remove_dir(&dir);
    }
    Ok(())
}

fn write_partition(root: &Path, rows: &[ExportRow]) -> Result<PathBuf> {
    let date = rows[0].date.as_deref().unwrap_or(NULL_PARTITION);
    let dir = root.join(format!("date={date}"));
    std::fs::create_dir_all(&dir).map_err(|e| io_at(&dir, e))?;
    let path = dir.join("part-0.parquet");
    let file = std::fs::File::create(&path).map_err(|e| io_at(&path, e))?;
    let schema = Arc::new(parse_message_type(&schema())?);
    let props = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build(),
    );
    let mut writer = SerializedFileWriter::new(file, schema, props)?;
    let table: Vec<Vec<(&'static str, Cell)>> = rows.iter().map(cells).collect();
    let mut group = writer.next_row_group()?;
    let mut index = 0;
    while let Some(mut column) = group.next_column()? {
        let values = table.iter().map(|row| &row[index].1);
        match &table[0][index].1 {
            Cell::Int(_) => {
                let (v, def) = optional(values, |c| match c {
                    Cell::Int(x) => *x,
                    _ => None,
                });
                column
                    .typed::<Int64Type>()
                    .write_batch(&v, Some(&def), None)?;
            }
            Cell::Real(_) => {
                let (v, def) = optional(values, |c| match c {
                    Cell::Real(x) => *x,
                    _ => None,
                });
                column
                    .typed::<DoubleType>()
                    .write_batch(&v, Some(&def), None)?;
            }
            Cell::Text(_) => {
                let (v, def) = optional(values, |c| match c {
                    Cell::Text(x) => x.as_deref().map(|s| ByteArray::from(s.as_bytes().to_vec())),
                    _ => None,
                });
                column
                    .typed::<ByteArrayType>()
                    .write_batch(&v, Some(&def), None)?;
            }
            Cell::Bool(_) => {
                let v: Vec<bool> = values.map(|c| matches!(c, Cell::Bool(true))).collect();
                column.typed::<BoolType>().write_batch(&v, None, None)?;
            }
        }
        column.close()?;
        index += 1;
    }
    group.close()?;
    writer.close()?;
    Ok(path)
}

/// The present values and the definition levels (1 present, 0 null) of an optional column.
fn optional<'a, T>(
    cells: impl Iterator<Item = &'a Cell>,
    get: impl Fn(&Cell) -> Option<T>,
) -> (Vec<T>, Vec<i16>) {
    let mut values = Vec::new();
    let mut levels = Vec::new();
    for c in cells {
        match get(c) {
            Some(v) => {
                values.push(v);
                levels.push(1);
            }
            None => levels.push(0),
        }
    }
    (values, levels)
}

/// The Parquet schema of the flat record: booleans required, everything else optional.
fn schema() -> String {
    let fields: Vec<String> = cells(&ExportRow::default())
        .into_iter()
        .map(|(name, cell)| match cell {
            Cell::Int(_) => format!("OPTIONAL INT64 {name};"),
            Cell::Real(_) => format!("OPTIONAL DOUBLE {name};"),
            Cell::Text(_) => format!("OPTIONAL BYTE_ARRAY {name} (UTF8);"),
            Cell::Bool(_) => format!("REQUIRED BOOLEAN {name};"),
        })
        .collect();
    format!("message event {{ {} }}", fields.join(" "))
}
