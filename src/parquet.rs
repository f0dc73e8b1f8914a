//! Extract output as a Parquet file (docs/output.md, "Parquet"), for DuckDB, Spark and pandas.
//!
//! [`ParquetWriter`] is a `Write` sink for the JSON lines that `record` writes: it reads them
//! back with serde_json, builds Arrow arrays from them down a schema declared here
//! ([`array_of`]), and writes each batch of rows as one row group. (No `arrow-json`: it and the
//! casting and sorting crates it pulls in doubled the crate's build time.) Going through the JSON lines keeps `record` the one place that knows the output
//! format (offsets, optional fields, names): the Parquet columns are the JSON fields, so the
//! two cannot drift apart without the declared schema failing to read a line. Memory stays
//! bounded by one row group ([`RELATION_ROWS`] or [`ARTICLE_ROWS`] rows), and since rows
//! arrive in input order and a row group holds a fixed number of them, the file's bytes are
//! the same at any thread count.
//!
//! Relations (`--emit relations`) are flat rows: each span becomes its text, `_start` and
//! `_end` columns. Articles keep the JSON's nesting (lists of structs). Both get a `day`
//! column, the `date` field read as a calendar day (ISO or Reuters' `26-FEB-1987 15:01:11.79`),
//! beside `date` as it came.
//!
//! The `parquet` crate is named `::parquet` here, since this module has its name.

use std::io::{self, Write};
use std::sync::Arc;

use ::parquet::arrow::ArrowWriter;
use ::parquet::basic::{Compression, ZstdLevel};
use ::parquet::file::properties::WriterProperties;
use arrow_array::builder::StringBuilder;
use arrow_array::{
    ArrayRef, BooleanArray, Date32Array, Float64Array, Int32Array, Int64Array, ListArray,
    RecordBatch, StructArray,
};
use arrow_buffer::{NullBuffer, OffsetBuffer};
use arrow_schema::{ArrowError, DataType, Field, Fields, Schema, SchemaRef};
use serde_json::Value;

use crate::dictionary::Day;
use crate::pipeline::Emit;

/// Rows per row group with `--emit relations`: a relation row is about 0.5 KB of JSON, so a
/// group is a few MB in memory while it is built.
pub const RELATION_ROWS: usize = 8192;

/// Rows per row group with `--emit articles`: an article record is a few KB (a Reuters story
/// with its sentences, mentions and relations about 5 KB).
pub const ARTICLE_ROWS: usize = 1024;

/// One column of the file: where its values come from in a decoded JSON record.
#[derive(Clone, Copy)]
enum Column {
    /// The value at a path of field names, as it is.
    Path(&'static str, &'static [&'static str]),
    /// A boolean at a path that the JSON leaves out when false: false instead of null.
    Flag(&'static str, &'static [&'static str]),
    /// The `date` field read as a day: null when absent or unreadable.
    Day,
}

use Column::{Day as DayColumn, Flag, Path};

/// The flat relation rows: the relation line's fields, each span as text, start and end.
const RELATION_COLUMNS: &[Column] = &[
    Path("article", &["article"]),
    Path("date", &["date"]),
    DayColumn,
    Path("source", &["source"]),
    Path("subject", &["subject"]),
    Path("subject_name", &["subject_name"]),
    Path("subject_type", &["subject_type"]),
    Path("predicate", &["predicate"]),
    Path("cameo", &["cameo"]),
    Path("plover", &["plover"]),
    Path("object", &["object"]),
    Path("object_name", &["object_name"]),
    Path("object_type", &["object_type"]),
    Path("modality", &["modality"]),
    Path("negated", &["negated"]),
    Path("confidence", &["confidence"]),
    Path("rule", &["rule"]),
    Path("field", &["field"]),
    Path("sentence", &["sentence", "text"]),
    Path("sentence_start", &["sentence", "start"]),
    Path("sentence_end", &["sentence", "end"]),
    Path("trigger", &["trigger", "text"]),
    Path("trigger_start", &["trigger", "start"]),
    Path("trigger_end", &["trigger", "end"]),
    Path("subject_text", &["subject_span", "text"]),
    Path("subject_start", &["subject_span", "start"]),
    Path("subject_end", &["subject_span", "end"]),
    Flag("subject_coreference", &["subject_span", "coreference"]),
    Path("subject_agent", &["subject_span", "agent", "text"]),
    Path("subject_agent_start", &["subject_span", "agent", "start"]),
    Path("subject_agent_end", &["subject_span", "agent", "end"]),
    Path("object_text", &["object_span", "text"]),
    Path("object_start", &["object_span", "start"]),
    Path("object_end", &["object_span", "end"]),
    Flag("object_coreference", &["object_span", "coreference"]),
    Path("object_agent", &["object_span", "agent", "text"]),
    Path("object_agent_start", &["object_span", "agent", "start"]),
    Path("object_agent_end", &["object_span", "agent", "end"]),
    Path("intermediary", &["intermediary", "text"]),
    Path("intermediary_start", &["intermediary", "start"]),
    Path("intermediary_end", &["intermediary", "end"]),
];

/// The article rows: the record's fields, nested as in the JSON (`extra` is left out: its
/// fields differ from input to input, and a Parquet file has one schema).
const ARTICLE_COLUMNS: &[Column] = &[
    Path("id", &["id"]),
    Path("title", &["title"]),
    Path("date", &["date"]),
    DayColumn,
    Path("source", &["source"]),
    Path("url", &["url"]),
    Path("sentences", &["sentences"]),
    Path("entities", &["entities"]),
    Path("relations", &["relations"]),
];

fn field(name: &str, data_type: DataType, nullable: bool) -> Field {
    Field::new(name, data_type, nullable)
}

fn text(name: &str, nullable: bool) -> Field {
    field(name, DataType::Utf8, nullable)
}

fn offset(name: &str, nullable: bool) -> Field {
    field(name, DataType::Int64, nullable)
}

fn list_of(name: &str, item: DataType, nullable: bool) -> Field {
    let item = Arc::new(Field::new("item", item, false));
    field(name, DataType::List(item), nullable)
}

/// A span object (`{start, end, text}`); a struct that may be absent has nullable members,
/// as they are null where it is.
fn span(name: &str, nullable: bool) -> Field {
    let fields = Fields::from(vec![
        offset("start", nullable),
        offset("end", nullable),
        text("text", nullable),
    ]);
    field(name, DataType::Struct(fields), nullable)
}

/// A relation's argument span: a span with `coreference` and `agent`.
fn argument(name: &str) -> Field {
    let fields = Fields::from(vec![
        offset("start", false),
        offset("end", false),
        text("text", false),
        field("coreference", DataType::Boolean, true),
        span("agent", true),
    ]);
    field(name, DataType::Struct(fields), false)
}

/// A relation's fields, as in an article record.
fn relation_fields() -> Vec<Field> {
    vec![
        text("predicate", false),
        text("cameo", true),
        text("plover", true),
        text("subject", false),
        text("object", false),
        field("negated", DataType::Boolean, false),
        text("modality", false),
        text("rule", false),
        field("confidence", DataType::Float64, false),
        text("field", false),
        span("sentence", false),
        span("trigger", false),
        span("intermediary", true),
        argument("subject_span"),
        argument("object_span"),
    ]
}

/// The JSON relation line, as read (schema/relation.schema.json).
fn relation_line_schema() -> Schema {
    let mut fields = vec![
        text("article", false),
        text("date", true),
        text("source", true),
        text("subject_name", false),
        text("subject_type", false),
        text("object_name", false),
        text("object_type", false),
    ];
    fields.extend(relation_fields());
    Schema::new(fields)
}

/// The JSON article record, as read (schema/article.schema.json), without `extra`.
fn article_schema() -> Schema {
    let sentence = Fields::from(vec![
        text("field", false),
        offset("start", false),
        offset("end", false),
    ]);
    let mention = Fields::from(vec![
        text("field", false),
        offset("start", false),
        offset("end", false),
        text("text", false),
        text("form", false),
        field("sentence", DataType::Int32, false),
        text("role", true),
        list_of("alternatives", DataType::Utf8, true),
        field("ambiguous", DataType::Boolean, true),
    ]);
    let entity = Fields::from(vec![
        text("id", false),
        text("type", false),
        text("name", false),
        text("country", true),
        text("wikidata", true),
        list_of("refs", DataType::Utf8, true),
        list_of("mentions", DataType::Struct(mention), false),
    ]);
    Schema::new(vec![
        text("id", false),
        text("title", true),
        text("date", true),
        text("source", true),
        text("url", true),
        list_of("sentences", DataType::Struct(sentence), false),
        list_of("entities", DataType::Struct(entity), false),
        list_of(
            "relations",
            DataType::Struct(Fields::from(relation_fields())),
            false,
        ),
    ])
}

/// The field at `path` in `fields`, and whether it can be null (it or a struct on the way).
fn lookup(fields: &Fields, path: &[&str]) -> (DataType, bool) {
    let (name, rest) = path.split_first().expect("a path names a field");
    let f = fields
        .iter()
        .find(|f| f.name() == name)
        .unwrap_or_else(|| panic!("no field {name} in the declared schema"));
    match (rest.is_empty(), f.data_type()) {
        (true, t) => (t.clone(), f.is_nullable()),
        (false, DataType::Struct(inner)) => {
            let (t, nullable) = lookup(inner, rest);
            (t, nullable || f.is_nullable())
        }
        _ => panic!("{name} is not a struct"),
    }
}

/// The file's schema: each column's type from the JSON schema it is read with.
fn output_schema(json: &Schema, columns: &[Column]) -> Schema {
    let fields: Vec<Field> = columns
        .iter()
        .map(|c| match *c {
            Path(name, path) => {
                let (t, nullable) = lookup(json.fields(), path);
                field(name, t, nullable)
            }
            Flag(name, _) => field(name, DataType::Boolean, false),
            DayColumn => field("day", DataType::Date32, true),
        })
        .collect();
    Schema::new(fields)
}

/// The value at `path` in a JSON record: `None` when it or an object on the way is absent.
fn at<'v>(record: &'v Value, path: &[&str]) -> Option<&'v Value> {
    path.iter().try_fold(record, |v, name| v.get(name))
}

fn mismatch(what: &str, value: &Value) -> ArrowError {
    ArrowError::JsonError(format!("expected {what}, got {value}"))
}

/// The nulls of an array of `n` values where `valid` says which are not null: none when all
/// are, so a column without nulls is written as before.
fn null_buffer(valid: Vec<bool>) -> Option<NullBuffer> {
    valid.contains(&false).then(|| NullBuffer::from(valid))
}

/// An array of `data_type` of the values at one place in each record (`None` where absent),
/// as the JSON has them: JSON `null` and absence are null; a string column takes a
/// number or boolean as its text and an object or array as null (docs/output.md, "Dates");
/// a struct's members and a list's items are read the same way, down the declared schema.
/// Nulls in a column declared non-nullable are left for `StructArray`, `ListArray` and
/// `RecordBatch` to refuse.
fn array_of(data_type: &DataType, values: &[Option<&Value>]) -> Result<ArrayRef, ArrowError> {
    fn present<'v>(v: &Option<&'v Value>) -> Option<&'v Value> {
        v.filter(|v| !v.is_null())
    }
    Ok(match data_type {
        DataType::Utf8 => {
            let mut b = StringBuilder::with_capacity(values.len(), values.len() * 16);
            for v in values {
                match present(v) {
                    Some(Value::String(s)) => b.append_value(s),
                    Some(Value::Number(n)) => b.append_value(n.to_string()),
                    Some(Value::Bool(f)) => b.append_value(if *f { "true" } else { "false" }),
                    _ => b.append_null(),
                }
            }
            Arc::new(b.finish())
        }
        DataType::Int64 => {
            let ints = values.iter().map(|v| match present(v) {
                Some(v) => v
                    .as_i64()
                    .map(Some)
                    .ok_or_else(|| mismatch("an integer", v)),
                None => Ok(None),
            });
            Arc::new(ints.collect::<Result<Int64Array, _>>()?)
        }
        DataType::Int32 => {
            let ints = values.iter().map(|v| match present(v) {
                Some(v) => v
                    .as_i64()
                    .and_then(|i| i32::try_from(i).ok())
                    .map(Some)
                    .ok_or_else(|| mismatch("a 32-bit integer", v)),
                None => Ok(None),
            });
            Arc::new(ints.collect::<Result<Int32Array, _>>()?)
        }
        DataType::Float64 => {
            let floats = values.iter().map(|v| match present(v) {
                Some(v) => v.as_f64().map(Some).ok_or_else(|| mismatch("a number", v)),
                None => Ok(None),
            });
            Arc::new(floats.collect::<Result<Float64Array, _>>()?)
        }
        DataType::Boolean => {
            let flags = values.iter().map(|v| match present(v) {
                Some(v) => v
                    .as_bool()
                    .map(Some)
                    .ok_or_else(|| mismatch("a boolean", v)),
                None => Ok(None),
            });
            Arc::new(flags.collect::<Result<BooleanArray, _>>()?)
        }
        DataType::Struct(fields) => {
            let objects: Vec<Option<&Value>> = values
                .iter()
                .map(|v| match present(v) {
                    Some(o @ Value::Object(_)) => Ok(Some(o)),
                    Some(v) => Err(mismatch("an object", v)),
                    None => Ok(None),
                })
                .collect::<Result<_, _>>()?;
            let children = fields
                .iter()
                .map(|f| {
                    let members: Vec<Option<&Value>> = objects
                        .iter()
                        .map(|o| o.and_then(|o| o.get(f.name())))
                        .collect();
                    array_of(f.data_type(), &members)
                })
                .collect::<Result<Vec<_>, _>>()?;
            let nulls = null_buffer(objects.iter().map(Option::is_some).collect());
            Arc::new(StructArray::try_new(fields.clone(), children, nulls)?)
        }
        DataType::List(item) => {
            let mut items: Vec<Option<&Value>> = Vec::new();
            let mut lengths = Vec::with_capacity(values.len());
            let mut valid = Vec::with_capacity(values.len());
            for v in values {
                match present(v) {
                    Some(Value::Array(a)) => {
                        items.extend(a.iter().map(Some));
                        lengths.push(a.len());
                        valid.push(true);
                    }
                    Some(v) => return Err(mismatch("an array", v)),
                    None => {
                        lengths.push(0);
                        valid.push(false);
                    }
                }
            }
            let items = array_of(item.data_type(), &items)?;
            let offsets = OffsetBuffer::from_lengths(lengths);
            let nulls = null_buffer(valid);
            Arc::new(ListArray::try_new(item.clone(), offsets, items, nulls)?)
        }
        other => unreachable!("no column of type {other} is declared"),
    })
}

/// Days since 1970-01-01 (Arrow's `Date32`) of a civil date: Howard Hinnant's
/// `days_from_civil`.
fn epoch_days(day: Day) -> i32 {
    let (y, m, d) = (
        (day.0 / 10_000) as i32,
        (day.0 / 100 % 100) as i32,
        (day.0 % 100) as i32,
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Writes extract's JSON lines, given through `Write`, as a Parquet file to `W`; see the
/// module doc. [`ParquetWriter::finish`] writes the footer: a file without it is unreadable.
pub struct ParquetWriter<W: Write + Send> {
    /// The bytes of a line not yet complete.
    line: Vec<u8>,
    /// The records of the row group being gathered.
    records: Vec<Value>,
    writer: ArrowWriter<W>,
    schema: SchemaRef,
    columns: &'static [Column],
    rows: usize,
}

impl<W: Write + Send> ParquetWriter<W> {
    /// A writer of `emit`'s records (articles or relations) to `out`.
    pub fn new(out: W, emit: Emit) -> Result<ParquetWriter<W>, ArrowError> {
        let (json, columns, rows) = match emit {
            Emit::Relations => (relation_line_schema(), RELATION_COLUMNS, RELATION_ROWS),
            Emit::Articles => (article_schema(), ARTICLE_COLUMNS, ARTICLE_ROWS),
        };
        let schema = Arc::new(output_schema(&json, columns));
        let properties = WriterProperties::builder()
            .set_max_row_group_row_count(Some(rows))
            .set_compression(Compression::ZSTD(ZstdLevel::try_new(3)?))
            .build();
        let writer = ArrowWriter::try_new(out, schema.clone(), Some(properties))?;
        Ok(ParquetWriter {
            line: Vec::new(),
            records: Vec::with_capacity(rows),
            writer,
            schema,
            columns,
            rows,
        })
    }

    /// Reads one line (a JSON record, or blank); writes a row group when it has its rows.
    fn read_line(&mut self, line: &[u8]) -> Result<(), ArrowError> {
        if line.iter().all(u8::is_ascii_whitespace) {
            return Ok(());
        }
        let record: Value = serde_json::from_slice(line)
            .map_err(|e| ArrowError::JsonError(format!("reading a record back: {e}")))?;
        self.records.push(record);
        if self.records.len() >= self.rows {
            self.write_rows()?;
        }
        Ok(())
    }

    /// Writes the rows read so far as a row group.
    fn write_rows(&mut self) -> Result<(), ArrowError> {
        if self.records.is_empty() {
            return Ok(());
        }
        let records = std::mem::take(&mut self.records);
        let columns = self
            .columns
            .iter()
            .zip(self.schema.fields())
            .map(|(c, f)| match *c {
                Path(_, path) => {
                    let values: Vec<Option<&Value>> = records.iter().map(|r| at(r, path)).collect();
                    array_of(f.data_type(), &values)
                }
                Flag(_, path) => {
                    let flags = records.iter().map(|r| match at(r, path) {
                        None | Some(Value::Null) => Ok(Some(false)),
                        Some(v) => v
                            .as_bool()
                            .map(Some)
                            .ok_or_else(|| mismatch("a boolean", v)),
                    });
                    Ok(Arc::new(flags.collect::<Result<BooleanArray, _>>()?) as ArrayRef)
                }
                DayColumn => {
                    let days: Date32Array = records
                        .iter()
                        .map(|r| {
                            at(r, &["date"])
                                .and_then(Value::as_str)
                                .and_then(Day::parse_article)
                                .map(epoch_days)
                        })
                        .collect();
                    Ok(Arc::new(days) as ArrayRef)
                }
            })
            .collect::<Result<Vec<_>, ArrowError>>()?;
        let batch = RecordBatch::try_new(self.schema.clone(), columns)?;
        self.writer.write(&batch)?;
        // The next row group's records go in the same allocation.
        self.records = records;
        self.records.clear();
        Ok(())
    }

    /// Writes the last row group and the file's footer; gives back the output.
    pub fn finish(mut self) -> io::Result<W> {
        if !self.line.iter().all(u8::is_ascii_whitespace) {
            return Err(io::Error::other("the last record is not complete"));
        }
        self.write_rows().map_err(io::Error::other)?;
        self.writer.into_inner().map_err(io::Error::other)
    }
}

impl<W: Write + Send> Write for ParquetWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(end) = memchr::memchr(b'\n', rest) {
            let result = if self.line.is_empty() {
                self.read_line(&rest[..end])
            } else {
                let mut line = std::mem::take(&mut self.line);
                line.extend_from_slice(&rest[..end]);
                let result = self.read_line(&line);
                line.clear();
                self.line = line;
                result
            };
            result.map_err(io::Error::other)?;
            rest = &rest[end + 1..];
        }
        self.line.extend_from_slice(rest);
        Ok(buf.len())
    }

    /// Does nothing: a row group is written when it is full, so that its size and the file's
    /// bytes do not depend on when the caller flushes (after each batch of the pipeline).
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_days_of_known_dates() {
        for (day, days) in [
            (19700101, 0),
            (19870226, 6265),
            (20000301, 11017),
            (19691231, -1),
        ] {
            assert_eq!(epoch_days(Day(day)), days, "{day}");
        }
    }

    #[test]
    fn both_schemas_are_declared_whole() {
        // Every column path exists in the JSON schema it is read with (lookup panics if not).
        let relations = output_schema(&relation_line_schema(), RELATION_COLUMNS);
        assert_eq!(relations.fields().len(), RELATION_COLUMNS.len());
        let articles = output_schema(&article_schema(), ARTICLE_COLUMNS);
        assert_eq!(articles.field(3).name(), "day");
    }

    /// The article rows of `lines`, written in pieces of 7 bytes (a line split across
    /// writes), read back.
    fn read_back(lines: &str) -> RecordBatch {
        use ::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
        let mut w = ParquetWriter::new(Vec::new(), Emit::Articles).unwrap();
        for piece in lines.as_bytes().chunks(7) {
            w.write_all(piece).unwrap();
        }
        let file = bytes::Bytes::from(w.finish().unwrap());
        let mut reader = ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap();
        let batch = reader.next().unwrap().unwrap();
        assert!(reader.next().is_none());
        batch
    }

    #[test]
    fn date_source_url_as_docs_say() {
        use arrow_array::Array;
        use arrow_array::cast::AsArray;
        // docs/output.md, "Dates": a number or boolean is its text, an object or array null.
        let empty = r#""sentences": [], "entities": [], "relations": []"#;
        let lines = [
            format!(r#"{{"id": "a", "date": {{"y": 1987}}, "source": ["x"], "url": 7, {empty}}}"#),
            format!(r#"{{"id": "b", "date": true, "source": 1.5, "url": "u", {empty}}}"#),
            format!(r#"{{"id": "c", "date": "26-FEB-1987 15:01:11.79", {empty}}}"#),
        ];
        let batch = read_back(&(lines.join("\n") + "\n"));
        let text = |name: &str| -> Vec<Option<String>> {
            let column = batch.column_by_name(name).unwrap().as_string::<i32>();
            column.iter().map(|v| v.map(str::to_owned)).collect()
        };
        let s = |v: &str| Some(v.to_owned());
        assert_eq!(text("id"), [s("a"), s("b"), s("c")]);
        assert_eq!(
            text("date"),
            [None, s("true"), s("26-FEB-1987 15:01:11.79")]
        );
        assert_eq!(text("source"), [None, s("1.5"), None]);
        assert_eq!(text("url"), [s("7"), s("u"), None]);
        let day = batch.column_by_name("day").unwrap();
        let day = day.as_primitive::<arrow_array::types::Date32Type>();
        assert_eq!(day.iter().collect::<Vec<_>>(), [None, None, Some(6265)]);
        assert_eq!(batch.column_by_name("entities").unwrap().null_count(), 0);
    }

    #[test]
    fn refuses_a_cut_record_and_a_missing_field() {
        let mut w = ParquetWriter::new(Vec::new(), Emit::Articles).unwrap();
        w.write_all(b"{\"id\": \"a\"").unwrap();
        assert!(w.finish().is_err());
        // `sentences` and the other lists are not nullable.
        let mut w = ParquetWriter::new(Vec::new(), Emit::Articles).unwrap();
        assert!(w.write_all(b"{\"id\": \"a\"}\n").is_ok());
        assert!(w.finish().is_err());
    }
}
