//! Each cue with its example and counter-example, one line per case, against the built-in
//! dictionaries: the name as found in the text, and the verdict and cue on it.

use std::sync::OnceLock;

use super::*;
use crate::matcher::Matcher;
use crate::segment;

fn built_ins() -> &'static (Dictionary, Matcher, Homonyms) {
    static CELL: OnceLock<(Dictionary, Matcher, Homonyms)> = OnceLock::new();
    CELL.get_or_init(|| {
        let d = Dictionary::defaults();
        let m = Matcher::new(&d);
        let h = Homonyms::new(&d);
        (d, m, h)
    })
}

/// The verdict on the first mention written `name` in `text`.
fn verdict(text: &str, name: &str) -> Option<(Verdict, Cue)> {
    let (_, matcher, homonyms) = built_ins();
    let mut mentions = Vec::new();
    matcher.find_into(text, &mut mentions);
    let mut sentences = Vec::new();
    segment::sentences_into(text, &mut sentences);
    let m = mentions.iter().find(|m| &text[m.start..m.end] == name)?;
    let sentence = sentences
        .iter()
        .find(|s| s.start <= m.start && m.end <= s.end)
        .unwrap()
        .clone();
    homonyms.explain(text, sentence, m, &mentions)
}

use Cue as C;
use Verdict::{Ambiguous, Drop, Keep};

const CASES: &[(&str, &str, Verdict, Cue)] = &[
    // A person: a title, a surname after, a first name before.
    (
        "Mr. Jordan said the economy was weak.",
        "Jordan",
        Drop,
        C::Title,
    ),
    (
        "coach Jordan praised the defence.",
        "Jordan",
        Drop,
        C::Title,
    ),
    (
        "Chad Smith, the band's drummer, said the tour was over.",
        "Chad",
        Drop,
        C::Surname,
    ),
    ("Paris Hilton arrived late.", "Paris", Drop, C::Surname),
    (
        "Israel Kamakawiwo'ole recorded the song in 1993.",
        "Israel",
        Drop,
        C::Surname,
    ),
    (
        "Georgia O'Keeffe painted flowers.",
        "Georgia",
        Drop,
        C::InName,
    ),
    (
        "Analysts cited Michael Jordan, the economist.",
        "Jordan",
        Drop,
        C::FirstName,
    ),
    (
        "a portrait of George Washington hangs there",
        "Washington",
        Drop,
        C::FirstName,
    ),
    (
        "Israel G. Grossman, 34, was charged.",
        "Israel",
        Drop,
        C::Surname,
    ),
    ("Jordan A. Smith retired.", "Jordan", Drop, C::Surname),
    // ... and the counter-cases: the country's own words and places around the name.
    ("exports to Israel G.B. and others", "Israel", Keep, C::None),
    (
        "Jordan and Israel signed a peace treaty.",
        "Jordan",
        Keep,
        C::None,
    ),
    (
        "Jordan and Israel signed a peace treaty.",
        "Israel",
        Keep,
        C::None,
    ),
    (
        "King Hussein of Jordan met the president.",
        "Jordan",
        Keep,
        C::None,
    ),
    (
        "Chad's government accused Libya of attacking its troops.",
        "Chad",
        Keep,
        C::Country,
    ),
    (
        "Israel Radio said the talks had failed.",
        "Israel",
        Keep,
        C::None,
    ),
    ("the Jordan Valley is dry", "Jordan", Keep, C::None),
    (
        "talks in Paris Haddadi Gholam-reza attended",
        "Paris",
        Keep,
        C::None,
    ),
    (
        "Israel Aircraft Industries Ltd said",
        "Israel",
        Keep,
        C::Country,
    ),
    (
        "Washington said it would impose tariffs on Japan.",
        "Washington",
        Keep,
        C::None,
    ),
    (
        "Yesterday Washington announced new tariffs.",
        "Washington",
        Keep,
        C::None,
    ),
    (
        "UNITA's Washington office said",
        "Washington",
        Keep,
        C::None,
    ),
    // Title case says nothing about names.
    (
        "Jordan Signs Trade Pact With Israel",
        "Jordan",
        Keep,
        C::None,
    ),
    // A surname that is also an English word, before another capitalised word: unsure.
    (
        "The trials will be conducted at the Beth Israel Medical Centre in New York, officials said.",
        "Israel",
        Ambiguous,
        C::Surname,
    ),
    (
        "Georgia-Pacific benefitted from cost cutting.",
        "Georgia",
        Drop,
        C::InName,
    ),
    (
        "the governor of Georgia vetoed the bill",
        "Georgia",
        Drop,
        C::StateWord,
    ),
    // A US state: "state", a city before, a list of states, a name of a US body.
    (
        "a plant in Washington state",
        "Washington",
        Drop,
        C::StateWord,
    ),
    (
        "the state of Washington sued",
        "Washington",
        Drop,
        C::StateWord,
    ),
    (
        "based in Seattle, Washington, the company",
        "Washington",
        Drop,
        C::CityBefore,
    ),
    (
        "based in Atlanta, Georgia, the company",
        "Georgia",
        Drop,
        C::CityBefore,
    ),
    (
        "a plant in Fulton County, Georgia",
        "Georgia",
        Drop,
        C::CityBefore,
    ),
    (
        "Paris, Texas, is a small town.",
        "Paris",
        Drop,
        C::StateAfter,
    ),
    (
        "Paris, Tenn. is a small town.",
        "Paris",
        Drop,
        C::StateAfter,
    ),
    (
        "Georgia Power said its costs rose.",
        "Georgia",
        Drop,
        C::InName,
    ),
    ("a Washington Redskins fan", "Washington", Drop, C::InName),
    (
        "Georgia voters went to the polls in Atlanta.",
        "Georgia",
        Drop,
        C::StateContext,
    ),
    (
        "ATLANTA, March 3 - Georgia regulators approved the rate rise.",
        "Georgia",
        Drop,
        C::StateContext,
    ),
    (
        "stores in Alabama, Florida, Georgia and Tennessee",
        "Georgia",
        Drop,
        C::StateContext,
    ),
    (
        "timberland in Washington and Oregon",
        "Washington",
        Drop,
        C::StateContext,
    ),
    // ... and the counter-cases: the country, the capital, a list of cities.
    (
        "Georgia's parliament in Tbilisi voted on the budget.",
        "Georgia",
        Keep,
        C::Country,
    ),
    (
        "Georgia's parliament voted on the budget.",
        "Georgia",
        Keep,
        C::None,
    ),
    ("Georgia and Armenia signed.", "Georgia", Keep, C::None),
    (
        "Georgian troops left Georgia's border in Atlanta talks",
        "Georgia",
        Keep,
        C::Country,
    ),
    // A US state has regulators too: the word after is no country's cue there.
    (
        "Georgia regulators met in Atlanta.",
        "Georgia",
        Drop,
        C::StateContext,
    ),
    (
        "strikes in New York, Chicago, Washington and Los Angeles",
        "Washington",
        Keep,
        C::None,
    ),
    // Sports: with a US city, a player; alone, a national side may score too.
    (
        "Jordan scored 30 points for the Chicago Bulls.",
        "Jordan",
        Drop,
        C::Sports,
    ),
    (
        "Israel scored two goals in the second half.",
        "Israel",
        Ambiguous,
        C::Sports,
    ),
    (
        "forces armed by Paris scored a major success.",
        "Paris",
        Keep,
        C::None,
    ),
    (
        "The Israeli team beat Israel's rivals; Israel scored two goals.",
        "Israel",
        Keep,
        C::Country,
    ),
];

#[test]
fn names_read_in_context() {
    let mut failed = Vec::new();
    for &(text, name, verdict_want, cue_want) in CASES {
        let got = verdict(text, name);
        if got != Some((verdict_want, cue_want)) {
            failed.push(format!(
                "{text:?} {name}: got {got:?}, want {verdict_want:?} {cue_want:?}"
            ));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// A name not in the table, or written otherwise, is left alone.
#[test]
fn other_names_and_spellings_are_not_read() {
    let (_, matcher, homonyms) = built_ins();
    for (text, name) in [
        ("Mr Kuwait said", "Kuwait"),
        ("JORDAN SCORED 30 POINTS FOR CHICAGO", "JORDAN"),
    ] {
        let mut mentions = Vec::new();
        matcher.find_into(text, &mut mentions);
        let m = mentions.iter().find(|m| &text[m.start..m.end] == name);
        if let Some(m) = m {
            assert_eq!(homonyms.explain(text, 0..text.len(), m, &mentions), None);
        }
    }
}

/// `read` drops and marks in place, and leaves the other mentions as they were.
#[test]
fn read_drops_and_marks() {
    let (dict, matcher, homonyms) = built_ins();
    let text = "Chad Smith met Israel envoys. Israel scored two goals against Chad.";
    let mut mentions = Vec::new();
    matcher.find_into(text, &mut mentions);
    let mut sentences = Vec::new();
    segment::sentences_into(text, &mut sentences);
    homonyms.read(text, &sentences, &mut mentions);
    let got: Vec<(&str, &str, bool)> = mentions
        .iter()
        .map(|m| {
            (
                &text[m.start..m.end],
                dict.entity(m.entity).id.as_str(),
                m.ambiguous,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("Israel", "ISR", false),
            ("Israel", "ISR", true),
            ("Chad", "TCD", true)
        ]
    );
}

/// Without the table's entities (`--no-default-dict` and a dictionary of one's own), the pass
/// does nothing.
#[test]
fn a_dictionary_without_the_names_is_untouched() {
    let mut b = crate::dictionary::DictionaryBuilder::new();
    b.add_str("t.tsv", "id\ttype\tname\nacme\tcompany\tAcme\n")
        .unwrap();
    let h = Homonyms::new(&b.build());
    assert!(h.names.is_empty());
}

/// One sense per story: for Jordan and Georgia the field's other undecided mentions follow a
/// decided one; a mention the sentence makes the country's, and Washington's, do not.
#[test]
fn one_sense_per_story() {
    let (dict, matcher, homonyms) = built_ins();
    for (text, want) in [
        (
            "Analysts cited Jerry Jordan, an economist. Jordan expects growth.",
            &[][..],
        ),
        (
            "Analysts cited Jerry Jordan, an economist. Jordan's government protested.",
            &["Jordan=JOR"][..],
        ),
        (
            "Georgia Power raised rates. Customers in Georgia will pay.",
            &[][..],
        ),
        (
            "Boeing is based in Seattle, Washington. Washington imposed tariffs on Japan.",
            &["Boeing=cik:12927", "Washington=USA", "Japan=JPN"][..],
        ),
    ] {
        let mut mentions = Vec::new();
        matcher.find_into(text, &mut mentions);
        let mut sentences = Vec::new();
        segment::sentences_into(text, &mut sentences);
        homonyms.read(text, &sentences, &mut mentions);
        let got: Vec<String> = mentions
            .iter()
            .map(|m| format!("{}={}", &text[m.start..m.end], dict.entity(m.entity).id))
            .collect();
        assert_eq!(got, want, "{text:?}");
    }
}

/// A run-on "sentence" is read only near the name: a city 2,000 bytes away is no cue, and
/// thousands of names in one sentence cost each the same.
#[test]
fn a_run_on_sentence_is_read_near_the_name() {
    let far = format!(
        "Georgia voters went to the polls {} in Atlanta.",
        "and then ".repeat(250)
    );
    assert_eq!(verdict(&far, "Georgia"), Some((Keep, C::None)));
    let (_, matcher, homonyms) = built_ins();
    let many = "Jordan and Georgia and ".repeat(20_000);
    let mut mentions = Vec::new();
    matcher.find_into(&many, &mut mentions);
    let before = mentions.len();
    homonyms.read(&many, std::slice::from_ref(&(0..many.len())), &mut mentions);
    assert_eq!(mentions.len(), before);
    // And where every one is dropped: one sense per story is read once per field.
    let power = "Georgia-Pacific and Georgia and ".repeat(20_000);
    let mut mentions = Vec::new();
    matcher.find_into(&power, &mut mentions);
    homonyms.read(
        &power,
        std::slice::from_ref(&(0..power.len())),
        &mut mentions,
    );
    assert!(mentions.is_empty(), "{} left", mentions.len());
}
