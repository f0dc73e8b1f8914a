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
    let Fields {
        id,
        text,
        title,
        rest: map,
    } = if line
        .trim_start_matches([' ', '\t', '\n', '\r'])
        .starts_with('{')
    {
        fields(line, opts).map_err(|e| format!("malformed JSON: {e}"))?
    } else {
        // Not an object, or not JSON: read as any JSON value first, so that the message is
        // the same as for an object (malformed JSON before "not a JSON object").
        serde_json::from_str::<Value>(line).map_err(|e| format!("malformed JSON: {e}"))?;
        return Err("not a JSON object".into());
    };
    let id = match id {
        Some(Value::String(s)) if !s.is_empty() => s,
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(_)) => return Err(format!("empty \"{}\"", opts.id_field)),
        Some(_) => return Err(format!("\"{}\" is not a string or number", opts.id_field)),
        None => return Err(format!("missing \"{}\"", opts.id_field)),
    };
    let text = match text {
        Some(Value::String(s)) => s,
        Some(Value::Null) | None => return Err(format!("missing \"{}\"", opts.text_field)),
        Some(_) => return Err(format!("\"{}\" is not a string", opts.text_field)),
    };
    let title = match title {
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

/// An object's id, text and title fields (the last of each, as a JSON object read into a map
/// keeps), and the others in input order.
struct Fields {
    id: Option<Value>,
    text: Option<Value>,
    title: Option<Value>,
    rest: Map<String, Value>,
}

/// Reads a JSON object's fields straight into [`Fields`]. Reading it into a `Value` map first
/// and taking the three fields out of it (hashing every key, shifting the map's entries) made
/// reading 8.8% of a 1-thread run, 6.4% this way (the rest is mostly unescaping the text). The
/// line must start with `{`, so that every error is one of JSON syntax, as reading a `Value`
/// gives.
fn fields(line: &str, opts: &ArticleOptions) -> Result<Fields, serde_json::Error> {
    use serde::de::{DeserializeSeed, Deserializer, MapAccess, Visitor};

    struct Seed<'o>(&'o ArticleOptions);

    impl<'de> Visitor<'de> for Seed<'_> {
        type Value = Fields;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON object")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
            let opts = self.0;
            let mut out = Fields {
                id: None,
                text: None,
                title: None,
                rest: Map::new(),
            };
            while let Some(key) = map.next_key::<Key<'de>>()? {
                let value: Value = map.next_value()?;
                let key = key.0;
                if *key == *opts.id_field {
                    out.id = Some(value);
                } else if *key == *opts.text_field {
                    out.text = Some(value);
                } else if *key == *opts.title_field {
                    out.title = Some(value);
                } else {
                    out.rest.insert(key.into_owned(), value);
                }
            }
            Ok(out)
        }
    }

    impl<'de> DeserializeSeed<'de> for Seed<'_> {
        type Value = Fields;

        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Fields, D::Error> {
            d.deserialize_map(self)
        }
    }

    /// A key, borrowed from the line unless it has escapes.
    struct Key<'de>(std::borrow::Cow<'de, str>);

    impl<'de> serde::Deserialize<'de> for Key<'de> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key<'de>, D::Error> {
            struct KeyVisitor;
            impl<'de> Visitor<'de> for KeyVisitor {
                type Value = Key<'de>;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a string")
                }
                fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Key<'de>, E> {
                    Ok(Key(s.into()))
                }
                fn visit_str<E>(self, s: &str) -> Result<Key<'de>, E> {
                    Ok(Key(s.to_owned().into()))
                }
                fn visit_string<E>(self, s: String) -> Result<Key<'de>, E> {
                    Ok(Key(s.into()))
                }
            }
            d.deserialize_str(KeyVisitor)
        }
    }

    let mut de = serde_json::Deserializer::from_str(line);
    let fields = Seed(opts).deserialize(&mut de)?;
    de.end()?;
    Ok(fields)
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
            bytes: s.to_vec().into(),
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

    /// The fields as reading the line into a `Value` map and taking id, text and title out of
    /// it gives (how they were read before [`fields`]): the same for duplicate and escaped
    /// keys, other field names, and nested values.
    #[test]
    fn fields_as_a_value_map_gives() {
        fn reference(line: &str, opts: &ArticleOptions) -> Option<Article> {
            let Ok(Value::Object(mut map)) = serde_json::from_str::<Value>(line) else {
                return None;
            };
            let text = |v: Option<Value>| v.and_then(|v| v.as_str().map(str::to_string));
            Some(Article {
                id: text(map.shift_remove(&opts.id_field))?,
                text: text(map.shift_remove(&opts.text_field))?,
                title: text(map.shift_remove(&opts.title_field)),
                fields: map,
            })
        }
        let renamed = ArticleOptions {
            id_field: "key".into(),
            text_field: "body".into(),
            title_field: "headline".into(),
            ..ArticleOptions::default()
        };
        let lines = [
            r#"{"id":"a","text":"T","date":"2019-01-01","x":[1,{"y":null}]}"#,
            r#" {"x":1,"id":"a","title":"H","text":"T\nU","x":2,"z":3}"#,
            r#"{"id":"a","id":"b","text":"one","text":"two","title":"1","title":"2"}"#,
            r#"{"i\u0064":"a","te\u0078t":"T","d\u00e9":"\u00e9","source":"S"}"#,
            r#"{"key":"k","body":"B","headline":"H","id":"x","text":"y","title":"z"}"#,
        ];
        for opts in [ArticleOptions::default(), renamed] {
            for l in lines {
                let got = parse_json(l, &opts).ok();
                assert_eq!(got, reference(l, &opts), "{l}");
                if let Some(a) = got {
                    assert_eq!(
                        serde_json::to_string(&a.fields).unwrap(),
                        serde_json::to_string(&reference(l, &opts).unwrap().fields).unwrap()
                    );
                }
            }
        }
        assert_eq!(
            parse_json(lines[2], &ArticleOptions::default())
                .unwrap()
                .text,
            "two"
        );
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
        let more: &[(&[u8], &str)] = &[
            (
                b"[1,2] x",
                "f.jsonl:7: malformed JSON: trailing characters at line 1 column 7",
            ),
            (
                br#"{"id":"a","text":"x"} x"#,
                "f.jsonl:7: malformed JSON: trailing characters at line 1 column 23",
            ),
            (b"  \"s\"", "f.jsonl:7: not a JSON object"),
            (
                br#"{"id":"a","text":"x","#,
                "f.jsonl:7: malformed JSON: EOF while parsing a value at line 1 column 21",
            ),
        ];
        for (input, want) in cases.iter().chain(more) {
            assert_eq!(line(input).unwrap_err(), *want);
        }
    }
}
