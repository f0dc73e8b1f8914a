//! Extract output as a Parquet file (docs/output.md, "Parquet"), for DuckDB, Spark and pandas.
//!
//! [`ParquetWriter`] is a `Write` sink for the JSON lines that `record` writes: it reads them
//! back with `arrow_json` against a schema declared here, and writes each batch of rows as one
//! row group. Going through the JSON lines keeps `record` the one place that knows the output
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
use arrow_array::cast::AsArray;
use arrow_array::{ArrayRef, BooleanArray, Date32Array, RecordBatch, StructArray};
use arrow_json::reader::{Decoder, ReaderBuilder};
use arrow_schema::{ArrowError, DataType, Field, Fields, Schema, SchemaRef};

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
/// as the JSON reader fills them with nulls there.
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

/// The array at `path` in a decoded batch.
fn column_at(batch: &RecordBatch, path: &[&str]) -> ArrayRef {
    let (first, rest) = path.split_first().expect("a path names a field");
    let mut array = batch
        .column_by_name(first)
        .expect("the batch has the declared schema")
        .clone();
    for name in rest {
        let parent: &StructArray = array.as_struct();
        array = parent
            .column_by_name(name)
            .expect("the batch has the declared schema")
            .clone();
    }
    array
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
    decoder: Decoder,
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
        // A date, source or url that came as a number or boolean is written as its text:
        // those fields are copied from the input as they came.
        let decoder = ReaderBuilder::new(Arc::new(json))
            .with_batch_size(rows)
            .with_coerce_primitive(true)
            .build_decoder()?;
        let properties = WriterProperties::builder()
            .set_max_row_group_row_count(Some(rows))
            .set_compression(Compression::ZSTD(ZstdLevel::try_new(3)?))
            .build();
        let writer = ArrowWriter::try_new(out, schema.clone(), Some(properties))?;
        Ok(ParquetWriter {
            decoder,
            writer,
            schema,
            columns,
            rows,
        })
    }

    /// Writes the rows read so far as a row group.
    fn write_rows(&mut self) -> Result<(), ArrowError> {
        let Some(batch) = self.decoder.flush()? else {
            return Ok(());
        };
        let columns: Vec<ArrayRef> = self
            .columns
            .iter()
            .map(|c| match *c {
                Path(_, path) => column_at(&batch, path),
                Flag(_, path) => {
                    let flags = column_at(&batch, path);
                    let flags: BooleanArray = flags
                        .as_boolean()
                        .iter()
                        .map(|f| Some(f.unwrap_or(false)))
                        .collect();
                    Arc::new(flags)
                }
                DayColumn => {
                    let dates = column_at(&batch, &["date"]);
                    let days: Date32Array = dates
                        .as_string::<i32>()
                        .iter()
                        .map(|d| d.and_then(Day::parse_article).map(epoch_days))
                        .collect();
                    Arc::new(days)
                }
            })
            .collect();
        let batch = RecordBatch::try_new(self.schema.clone(), columns)?;
        self.writer.write(&batch)?;
        Ok(())
    }

    /// Writes the last row group and the file's footer; gives back the output.
    pub fn finish(mut self) -> io::Result<W> {
        if self.decoder.has_partial_record() {
            return Err(io::Error::other("the last record is not complete"));
        }
        self.write_rows().map_err(io::Error::other)?;
        self.writer.into_inner().map_err(io::Error::other)
    }
}

impl<W: Write + Send> Write for ParquetWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while !rest.is_empty() {
            let read = self.decoder.decode(rest).map_err(io::Error::other)?;
            rest = &rest[read..];
            // The decoder stops reading when it holds a row group's rows.
            if self.decoder.len() >= self.rows {
                self.write_rows().map_err(io::Error::other)?;
            } else if read == 0 {
                return Err(io::Error::other("the JSON reader read nothing"));
            }
        }
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
}
