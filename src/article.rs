//! Articles: one JSON line or one text file becomes an [`Article`], or a [`Reject`] saying why
//! not.
//!
//! A bad record is data, not an error: it is counted, reported with its file and line, and
//! copied verbatim to the rejects file by the caller. Nothing here panics on any input.

use serde_json::{Map, Value};

use crate::input::{Raw, RawKind};

/// The field names an article is read with (`--id-field`, `--text-field`) and its size limit.
#[derive(Clone, Debug)]
pub struct ArticleOptions {
    pub id_field: String,
    pub text_field: String,
    pub title_field: String,
    /// Largest text (title plus body) accepted, in bytes.
    pub max_article_bytes: usize,
}

impl Default for ArticleOptions {
    fn default() -> Self {
        ArticleOptions {
            id_field: "id".into(),
            text_field: "text".into(),
            title_field: "title".into(),
            max_article_bytes: 8 << 20,
        }
    }
}

/// One news article. Fields other than id, title and text are carried to the output as they
/// came, in input order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Article {
    pub id: String,
    pub title: Option<String>,
    pub text: String,
    /// `date`, `source`, `url` and any other input fields, in input order.
    pub fields: Map<String, Value>,
}

impl Article {
    /// The `date` field as a string, if it is one.
    pub fn date(&self) -> Option<&str> {
        self.fields.get("date").and_then(Value::as_str)
    }

    /// The `source` field as a string, if it is one.
    pub fn source(&self) -> Option<&str> {
        self.fields.get("source").and_then(Value::as_str)
    }
}

/// A record that could not be read as an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reject {
    pub file: String,
    pub line: u64,
    pub reason: String,
}

impl std::fmt::Display for Reject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.reason)
    }
}

impl ArticleOptions {
    /// The largest raw record kept whole: room for JSON escapes and other fields around an
    /// article of the largest accepted size. A longer record is rejected unread.
    pub fn record_limit(&self) -> usize {
        self.max_article_bytes
            .saturating_mul(2)
            .saturating_add(64 << 10)
    }
}

/// Reads one raw record as an article.
pub fn parse(raw: &Raw, opts: &ArticleOptions) -> Result<Article, Reject> {
    let reject = |reason: String| Reject {
        file: raw.file.to_string(),
        line: raw.line,
        reason,
    };
    if let Some(len) = raw.oversize {
        return Err(reject(format!(
            "record of {len} bytes is over twice --max-article-bytes ({}), not read",
            opts.max_article_bytes
        )));
    }
    let text = std::str::from_utf8(&raw.bytes)
        .map_err(|e| reject(format!("invalid UTF-8 at byte {}", e.valid_up_to())))?;
    match &raw.kind {
        RawKind::TextFile { id } => {
            if text.len() > opts.max_article_bytes {
                return Err(reject(format!(
                    "text of {} bytes is over --max-article-bytes ({})",
                    text.len(),
                    opts.max_article_bytes
                )));
            }
            if text.contains('\0') {
                return Err(reject("NUL byte in a text file (binary file?)".into()));
            }
            Ok(Article {
                id: id.clone(),
                title: None,
                text: text.to_string(),
                fields: Map::new(),
            })
        }
        RawKind::JsonLine => parse_json(text, opts).map_err(reject),
    }
}

fn parse_json(line: &str, opts: &ArticleOptions) -> Result<Article, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("malformed JSON: {e}"))?;
    let Value::Object(mut map) = value else {
        return Err("not a JSON object".into());
    };
    let id = match map.shift_remove(&opts.id_field) {
        Some(Value::String(s)) if !s.is_empty() => s,
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(_)) => return Err(format!("empty \"{}\"", opts.id_field)),
        Some(_) => return Err(format!("\"{}\" is not a string or number", opts.id_field)),
        None => return Err(format!("missing \"{}\"", opts.id_field)),
    };
    let text = match map.shift_remove(&opts.text_field) {
        Some(Value::String(s)) => s,
        Some(Value::Null) | None => return Err(format!("missing \"{}\"", opts.text_field)),
        Some(_) => return Err(format!("\"{}\" is not a string", opts.text_field)),
    };
    let title = match map.shift_remove(&opts.title_field) {
        Some(Value::String(s)) => Some(s),
        Some(Value::Null) | None => None,
        Some(_) => return Err(format!("\"{}\" is not a string", opts.title_field)),
    };
    let size = text.len() + title.as_ref().map_or(0, String::len);
    if size > opts.max_article_bytes {
        return Err(format!(
            "text of {size} bytes is over --max-article-bytes ({})",
            opts.max_article_bytes
        ));
    }
    Ok(Article {
        id,
        title,
        text,
        fields: map,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn line(s: &[u8]) -> Result<Article, String> {
        let raw = Raw {
            file: Arc::from("f.jsonl"),
            line: 7,
            kind: RawKind::JsonLine,
            bytes: s.to_vec(),
            oversize: None,
        };
        parse(&raw, &ArticleOptions::default()).map_err(|r| r.to_string())
    }

    #[test]
    fn good_lines() {
        let a = line(br#"{"id":"a","text":"T","date":"2019-01-01","x":[1]}"#).unwrap();
        assert_eq!(a.id, "a");
        assert_eq!(a.text, "T");
        assert_eq!(a.date(), Some("2019-01-01"));
        assert_eq!(a.fields.keys().collect::<Vec<_>>(), ["date", "x"]);
        assert_eq!(line(br#"{"id":12,"text":""}"#).unwrap().id, "12");
    }

    /// One line per bad record: input, then the reject message.
    #[test]
    fn rejects() {
        let cases: &[(&[u8], &str)] = &[
            (
                b"{not json",
                "f.jsonl:7: malformed JSON: key must be a string at line 1 column 2",
            ),
            (b"[1,2]", "f.jsonl:7: not a JSON object"),
            (br#"{"text":"x"}"#, "f.jsonl:7: missing \"id\""),
            (br#"{"id":"a"}"#, "f.jsonl:7: missing \"text\""),
            (
                br#"{"id":"a","text":5}"#,
                "f.jsonl:7: \"text\" is not a string",
            ),
            (
                br#"{"id":"a","text":"x","title":[]}"#,
                "f.jsonl:7: \"title\" is not a string",
            ),
            (
                b"{\"id\":\"a\",\"text\":\"\xff\"}",
                "f.jsonl:7: invalid UTF-8 at byte 18",
            ),
            (
                br#"{"id":"a","text":"\ud800"}"#,
                "f.jsonl:7: malformed JSON: unexpected end of hex escape at line 1 column 25",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(line(input).unwrap_err(), *want);
        }
    }
}
