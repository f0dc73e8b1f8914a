//! The grammar's cases, one line each, and the scan held to a byte-by-byte loop.

use super::*;

/// The names found in `text`, given the dictionary's mentions: `(text, organisation)`, each
/// at its first occurrence.
fn names(text: &str, known: &[(&str, bool)]) -> Vec<String> {
    let mut k: Vec<Known> = known
        .iter()
        .map(|&(t, organisation)| {
            let start = text.find(t).expect("known text in the case");
            Known {
                start,
                end: start + t.len(),
                organisation,
            }
        })
        .collect();
    k.sort_by_key(|k| k.start);
    let g = Grammar::builtin();
    let mut found = Vec::new();
    g.find(text, &k, &mut found);
    g.short_forms(text, &k, &mut found);
    found
        .iter()
        .map(|n| format!("{}={}", &text[n.span.clone()], key(&text[n.core.clone()])))
        .collect()
}

const COUNTRY: bool = false;
const COMPANY: bool = true;

/// A case: the text, the dictionary's mentions, the names (as written = id).
type Case<'a> = (&'a str, &'a [(&'a str, bool)], &'a [&'a str]);

/// One case a line.
#[test]
fn names_by_their_form() {
    let cases: &[Case] = &[
        // The start: capitalised words before the form, not a verb or a sentence word.
        (
            "The SEC said Allied Stores Corp broke the rules.",
            &[],
            &["Allied Stores Corp=name:allied-stores"],
        ),
        (
            "The Boeing Co said it would.",
            &[],
            &["Boeing Co=name:boeing"],
        ),
        (
            "Shares of Pennzoil Co rose.",
            &[],
            &["Pennzoil Co=name:pennzoil"],
        ),
        (
            "In March Chrysler Corp said so.",
            &[],
            &["Chrysler Corp=name:chrysler"],
        ),
        // A sentence's full stop after a form that has no dotted spelling of its own.
        (
            "It was acquired by Dixons Group PLC.",
            &[],
            &["Dixons Group PLC=name:dixons-group"],
        ),
        (
            "It bought S. and A. Truck Tire Corp.",
            &[],
            &["S. and A. Truck Tire Corp.=name:s-and-a-truck-tire"],
        ),
        // Inner words and joining words stay.
        (
            "He bought Black and Decker Inc stock.",
            &[],
            &["Black and Decker Inc=name:black-and-decker"],
        ),
        (
            "It sold Texas Eastern Corp units.",
            &[],
            &["Texas Eastern Corp=name:texas-eastern"],
        ),
        (
            "E.I. du Pont de Nemours and Co rose.",
            &[],
            &["E.I. du Pont de Nemours and Co=name:ei-du-pont-de-nemours"],
        ),
        (
            "It hired Smith & Co as adviser.",
            &[],
            &["Smith & Co=name:smith"],
        ),
        (
            "A unit of Kidder, Peabody and Co Inc said.",
            &[],
            &["Kidder, Peabody and Co Inc=name:kidder-peabody"],
        ),
        (
            "Matsushita Electric Industrial Co Ltd makes sets.",
            &[],
            &["Matsushita Electric Industrial Co Ltd=name:matsushita-electric-industrial"],
        ),
        (
            "Bank of Tokyo Ltd lent it.",
            &[],
            &["Bank of Tokyo Ltd=name:bank-of-tokyo"],
        ),
        (
            "Aluminum Co of America said.",
            &[("America", COUNTRY)],
            &["Aluminum Co of America=name:aluminum-co-of-america"],
        ),
        (
            "Cigra Inc of Chicago won it.",
            &[],
            &["Cigra Inc=name:cigra"],
        ),
        // A country inside the name is the name's.
        (
            "American Motors Corp said.",
            &[("American", COUNTRY)],
            &["American Motors Corp=name:american-motors"],
        ),
        (
            "Hong Kong Ltd said.",
            &[("Hong Kong", COUNTRY)],
            &["Hong Kong Ltd=name:hong-kong"],
        ),
        // A possessive before the name ends it; one in the name stays.
        (
            "Japan's Nissan Motor Co Ltd said.",
            &[("Japan", COUNTRY)],
            &["Nissan Motor Co Ltd=name:nissan-motor"],
        ),
        (
            "McDonald's Corp opened.",
            &[],
            &["McDonald's Corp=name:mcdonalds"],
        ),
        (
            "Southmark Corp's National Heritage Inc said.",
            &[],
            &[
                "Southmark Corp=name:southmark",
                "National Heritage Inc=name:national-heritage",
            ],
        ),
        // Tickers and brackets.
        ("Citicorp <CCI> said.", &[], &["Citicorp=name:citicorp"]),
        (
            "Del E. Webb Corp's <DWP> debt.",
            &[],
            &["Del E. Webb Corp=name:del-e-webb"],
        ),
        (
            "It sold <Drexel Burnham Lambert Inc> a stake.",
            &[],
            &["Drexel Burnham Lambert Inc=name:drexel-burnham-lambert"],
        ),
        (
            "Acme Rockets (NYSE: ACME) fell.",
            &[],
            &["Acme Rockets=name:acme-rockets"],
        ),
        (
            "Public Service of New Mexico <PNM> rose.",
            &[],
            &["Public Service of New Mexico=name:public-service-of-new-mexico"],
        ),
        // The dictionary wins.
        ("Chevron Corp said.", &[("Chevron", COMPANY)], &[]),
        ("Chevron Corp <CHV> said.", &[("Chevron", COMPANY)], &[]),
        (
            "The Bank of England said.",
            &[("Bank of England", COMPANY)],
            &[],
        ),
        // Not companies.
        ("The Corp said.", &[], &[]),
        ("Corp and Inc are forms.", &[], &[]),
        ("JOHN SMITH JR WAS HERE", &[], &[]),
        ("TEXACO INC SAYS IT WILL APPEAL THE RULING", &[], &[]),
        ("The Group of Seven met.", &[], &[]),
        ("The Central Bank said.", &[], &[]),
        (
            "Troops entered the Israeli-occupied West Bank.",
            &[("Israeli", COUNTRY)],
            &[],
        ),
        ("A U.S. Bank manager said.", &[("U.S.", COUNTRY)], &[]),
        (
            "Boston-based FMR Corp told it.",
            &[],
            &["FMR Corp=name:fmr"],
        ),
        ("He owns an IBM PC and a Ford.", &[], &[]),
        // Short forms after the full name.
        (
            "Pennzoil Co sued. Pennzoil said it won, and Pennzoil's lawyers agreed.",
            &[],
            &[
                "Pennzoil Co=name:pennzoil",
                "Pennzoil=name:pennzoil",
                "Pennzoil=name:pennzoil",
            ],
        ),
        (
            "Olsten Corp said chairman William Olsten resigned.",
            &[],
            &["Olsten Corp=name:olsten"],
        ),
        (
            "Time Inc said it had no time.",
            &[],
            &["Time Inc=name:time"],
        ),
        (
            "Pennzoil Co grew. Pennzoil Exploration did not.",
            &[],
            &["Pennzoil Co=name:pennzoil"],
        ),
        ("NWA Inc <NWA> rose.", &[], &["NWA Inc=name:nwa"]),
        (
            "Atlas Copco <ASTS ST> fell.",
            &[],
            &["Atlas Copco=name:atlas-copco"],
        ),
        ("Nova, An Alberta Corp said.", &[], &[]),
        (
            "The SEC barred Seemala and Boesky and Co from it.",
            &[],
            &["Boesky and Co=name:boesky"],
        ),
        (
            "It hired Goldman, Sachs and Co.",
            &[("Goldman", COMPANY)],
            &[],
        ),
        (
            "LSI Logic Corp of Canada Inc said.",
            &[("LSI Logic Corp", COMPANY)],
            &[],
        ),
        (
            "IBM and Apple Computer Inc said.",
            &[("IBM", COMPANY)],
            &["Apple Computer Inc=name:apple-computer"],
        ),
        (
            "Privately-held Joe Franklin Productions Inc said.",
            &[],
            &["Joe Franklin Productions Inc=name:joe-franklin-productions"],
        ),
    ];
    for (text, known, want) in cases {
        assert_eq!(names(text, known), *want, "{text}");
    }
}

#[test]
fn capitals_after_space_as_a_byte_loop_finds_them() {
    let mut state = 7u64;
    for len in 0..200 {
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                b" \n(A\"Zaz\xc3\x80[@)"[(state % 13) as usize]
            })
            .collect();
        let mut got = Vec::new();
        capitals_after_space(&bytes, |i| got.push(i));
        let want: Vec<usize> = (1..bytes.len())
            .filter(|&i| {
                bytes[i].is_ascii_uppercase() && matches!(bytes[i - 1], b' ' | b'\n' | b'(')
            })
            .collect();
        assert_eq!(got, want, "{bytes:?}");
    }
}

#[test]
fn grammar_errors_name_the_line() {
    let err = Grammar::parse("word\tkind\nCorp\tlegal\nInc\tnonsense\n").unwrap_err();
    assert_eq!(err.line, 3);
    assert!(err.message.contains("nonsense"), "{err}");
    assert!(
        Grammar::parse("Corp\tlegal\n")
            .unwrap_err()
            .message
            .contains("header")
    );
}

#[test]
fn keys_drop_forms_and_case() {
    assert_eq!(key("Pennzoil"), "name:pennzoil");
    assert_eq!(key("The Black & Decker"), "name:black-and-decker");
    assert_eq!(key("E.I. du Pont"), "name:ei-du-pont");
    assert_eq!(key("Hewlett-Packard"), "name:hewlett-packard");
}
