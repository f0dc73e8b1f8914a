//! The table tests: one line per case, built from the rule docs' examples and
//! counter-examples, run through the whole stage; and the checks that the byte-wise reading of
//! a sentence and the cheap pre-filters agree with what they replaced.

use super::items::{Kind, mention_item};
use super::*;
use crate::dictionary::DictionaryBuilder;
use crate::matcher::Matcher;

mod business;

const DICT: &str = "id\ttype\tname\taliases\tdemonyms\tcountry\tpeople\n\
    USA\tcountry\tUnited States\tU.S.|US\tAmerican\tUSA\tPresident Reagan|Bob Dole|Jimmy Carter|Vernon Walters\n\
    CHN\tcountry\tChina\t\tChinese\tCHN\n\
    RUS\tcountry\tRussia\t\tRussian|Russians\tRUS\tPresident Boris Yeltsin\n\
    DEU\tcountry\tGermany\t\tGerman|Germans\tDEU\n\
    JPN\tcountry\tJapan\t\t\tJPN\n\
    ITA\tcountry\tItaly\t\t\tITA\n\
    HUN\tcountry\tHungary\t\tHungarian\tHUN\n\
    hw\tcompany\tHuawei\t\t\tCHN\n\
    zte\tcompany\tZTE\t\t\tCHN\n\
    sam\tcompany\tSamsung\t\t\tKOR\n\
    g7\tagency\tGroup of Seven\t\t\tINT\n\
    un\tagency\tUnited Nations\tUN\t\tINT\n\
    apl\tcompany\tApple\t\t\tUSA\n";

/// Runs the relation stage on one text and renders its relations as
/// "subject predicate object [flags] rule".
fn relate(text: &str) -> Vec<String> {
    let mut b = DictionaryBuilder::new();
    b.add_str("t.tsv", DICT).unwrap();
    let d = b.build();
    let m = Matcher::new(&d);
    let r = Relater::new(Ontology::defaults());
    let mut mentions = Vec::new();
    m.find_into(text, &mut mentions);
    let mut sentences = Vec::new();
    crate::segment::sentences_into(text, &mut sentences);
    let ctx = Context {
        mentions: &mentions,
        dominant_country: d.find("USA"),
    };
    let mut out = Vec::new();
    for s in sentences {
        let inside: Vec<_> = mentions
            .iter()
            .copied()
            .filter(|x| x.start >= s.start && x.end <= s.end)
            .collect();
        r.relate_into(&d, text, s, &inside, &ctx, &mut out);
    }
    out.iter()
        .map(|x| {
            let mut flags = String::new();
            if x.negated {
                flags.push_str(" negated");
            }
            if x.modality != Modality::Asserted {
                flags.push(' ');
                flags.push_str(x.modality.as_str());
            }
            if x.subject.coreference || x.object.coreference {
                flags.push_str(" coref");
            }
            for a in [x.subject.agent, x.object.agent].into_iter().flatten() {
                flags.push_str(&format!(" ({})", &text[a.start..a.end]));
            }
            format!(
                "{} {} {}{} {}",
                d.entity(x.subject.entity).id,
                r.ontology().predicate(x.predicate).id,
                d.entity(x.object.entity).id,
                flags,
                x.rule
            )
        })
        .collect()
}

/// One line per case, built from the rule docs' examples and counter-examples.
#[test]
fn table() {
    let cases: &[(&str, &[&str])] = &[
        (
            "China is using IT hardware from its “independent” companies to spy on the U.S.",
            &["CHN spy_on USA svo"],
        ),
        (
            "There was another story about China and Russia spying on the President’s iPhone.",
            &[
                "CHN spy_on USA reported coref svo",
                "RUS spy_on USA reported coref svo",
            ],
        ),
        (
            "The US government is attempting to persuade allies to stop using Huawei equipment.",
            &["USA pressure hw attempted svo"],
        ),
        (
            "Sources claim that US officials have met with counterparts in Germany, Japan, and Italy.",
            &[
                "USA meet DEU reported svo",
                "USA meet JPN reported svo",
                "USA meet ITA reported svo",
            ],
        ),
        (
            "Huawei was banned by the United States.",
            &["USA ban hw passive-by"],
        ),
        ("Huawei was banned in May.", &[]),
        (
            "Apple sued Samsung, which was banned by the United States.",
            &["apl sue sam svo", "USA ban sam passive-by"],
        ),
        // Officials act for their state, with the person as agent; bodies of officials are
        // the state too.
        (
            "President Reagan imposed tariffs on China.",
            &["USA sanction CHN (President Reagan) svo"],
        ),
        (
            "Russian President Putin criticized Germany.",
            &["RUS criticize DEU (Russian President Putin) svo"],
        ),
        (
            "German Foreign Minister Hans-Dietrich Genscher will visit Japan.",
            &["DEU meet JPN planned (German Foreign Minister Hans-Dietrich Genscher) svo"],
        ),
        (
            "A Russian official met China's foreign minister.",
            &["RUS meet CHN (Russian official) (China's foreign minister) svo"],
        ),
        (
            "Russia's religious leader condemned the US government.",
            &["RUS criticize USA (Russia's religious leader) svo"],
        ),
        (
            "Samsung's chairman met UN Secretary-General Javier Perez de Cuellar.",
            &[
                "sam meet un (Samsung's chairman) (UN Secretary-General Javier Perez de Cuellar) svo",
            ],
        ),
        (
            "Vernon Walters, the UN special envoy, criticized China.",
            &["un criticize CHN (Vernon Walters, the UN special envoy) svo"],
        ),
        (
            "Russian President Boris Yeltsin criticized Germany.",
            &["RUS criticize DEU (Russian President Boris Yeltsin) svo"],
        ),
        (
            "China will negotiate with the new foreign minister of Japan.",
            &["CHN meet JPN planned (the new foreign minister of Japan) svo"],
        ),
        ("Japan met a former president of Samsung.", &[]),
        (
            "The US threatened retaliatory action against Japan.",
            &["USA threaten JPN svo"],
        ),
        ("The US urged action against Japan.", &[]),
        (
            "Russia pressured workers of Samsung to end the strike.",
            &[],
        ),
        (
            "Samsung said it abandoned plans to acquire Apple.",
            &["sam acquire apl negated planned coref svo"],
        ),
        // Refusing a cooperative act is rejecting it.
        ("Russia refused to meet Germany.", &["RUS reject DEU svo"]),
        // People who do not act for the state: out of office, legislators, the opposition.
        ("Sen. Bob Dole criticized China.", &[]),
        ("Former President Jimmy Carter criticized China.", &[]),
        (
            "Russian opposition leader Boris Nemtsov criticized China.",
            &[],
        ),
        ("US Senator Bob Dole criticized China.", &[]),
        (
            "Russian officials met Chinese officials.",
            &["RUS meet CHN svo"],
        ),
        ("Russian troops attacked China.", &["RUS attack CHN svo"]),
        (
            "ZTE, which the US banned, fell.",
            &["USA ban zte relative-object"],
        ),
        ("ZTE, which makes phones, fell.", &[]),
        ("Samsung and Apple reported results.", &[]),
        ("Samsung and Apple both sell phones in China.", &[]),
        ("The US did not ban Huawei.", &["USA ban hw negated svo"]),
        (
            "The US never sanctioned Huawei.",
            &["USA sanction hw negated svo"],
        ),
        (
            "The US refused to sanction China.",
            &["USA sanction CHN negated svo"],
        ),
        ("The US plans to sue Huawei.", &["USA sue hw planned svo"]),
        (
            "If China bans Apple, prices rise.",
            &["CHN ban apl hypothetical svo"],
        ),
        (
            "Apple sued Samsung while China met Russia.",
            &["apl sue sam svo", "CHN meet RUS svo"],
        ),
        (
            "Huawei said on Monday. The Chinese manufacturer sued Apple.",
            &["hw sue apl coref svo"],
        ),
        (
            "China accused the US of banning Huawei.",
            &["CHN accuse USA svo", "USA ban hw svo"],
        ),
        ("US pressure on China grew.", &["USA pressure CHN nominal"]),
        ("China's ban on Apple hurt sales.", &["CHN ban apl nominal"]),
        (
            "US sanctions against Russia and China",
            &["USA sanction RUS nominal", "USA sanction CHN nominal"],
        ),
        (
            "Japan imposed a new ban on Samsung.",
            &["JPN ban sam nominal"],
        ),
        ("Japan lifted its ban on Samsung.", &[]),
        ("A ban on Samsung was debated in Japan.", &[]),
        (
            "China and Russia met on Monday.",
            &["CHN meet RUS reciprocal"],
        ),
        (
            "Germany and Italy renewed talks.",
            &["DEU meet ITA reciprocal"],
        ),
        ("China met on Monday.", &[]),
        (
            "Russia said that Japan must return the ship.",
            &["RUS urge JPN said-must"],
        ),
        ("Russia said Japan returned the ship.", &[]),
        ("Chinese officials accused Japan.", &["CHN accuse JPN svo"]),
        ("Chinese consumers accused Japan.", &[]),
        ("Iran threatened to shell Iraqi towns.", &[]),
        // A measure on a country's goods or request is against the country, as event
        // coders code it.
        (
            "Japan sanctioned U.S. soybeans from China.",
            &["JPN sanction USA svo"],
        ),
        ("Japan rejected a U.S. request.", &["JPN reject USA svo"]),
        // A relation inside a clause is the content of the one that takes the clause.
        (
            "Russia threatened to cut ties with China.",
            &["RUS threaten CHN svo"],
        ),
        (
            "Russia demanded that Germany refuse to support Japan.",
            &["RUS urge DEU svo"],
        ),
        // Otherwise "to" ends the search for an object.
        (
            "The US would not meet demands to release prisoners in China.",
            &[],
        ),
        // A base form after a determiner, an adjective or a possessive is a noun.
        (
            "Germany rejected China's consistent demand to cut ties with Japan.",
            &["DEU reject CHN svo"],
        ),
        ("Russia funded pressure groups in Germany.", &[]),
        // The object of a preposition is not the subject.
        (
            "A missionary was arrested in Russia for collaborating with China.",
            &[],
        ),
        (
            "Germany lodged an official protest with Japan.",
            &["DEU complain JPN svo"],
        ),
        (
            "Japan is willing to support Germany.",
            &["JPN support DEU planned svo"],
        ),
        // Giving: aid to the first object, before money or aid.
        (
            "Japan will give Russia a grant.",
            &["JPN aid RUS planned give"],
        ),
        (
            "The US gave China 5 million dollars.",
            &["USA aid CHN give"],
        ),
        ("The US gave China a warning.", &[]),
        // Meeting a demand is no meeting.
        ("Germany took steps to meet U.S. demands.", &[]),
        // A company's name before the noun of a measure is its object.
        (
            "The US imposed the Huawei ban last year.",
            &["USA ban hw compound"],
        ),
        ("The US ban hurt China.", &[]),
        (
            "Germany and Japan signed a peace treaty.",
            &["DEU agree JPN reciprocal"],
        ),
        (
            "Russia withdrew its ambassador from Japan.",
            &["RUS cut_ties JPN svo"],
        ),
        // A measure's noun as the object of a judging trigger: its author is not that
        // trigger's subject.
        ("Germany condemned the attack on Japan.", &[]),
        (
            "Russia and the Germans resumed negotiations.",
            &["RUS meet DEU reciprocal"],
        ),
        (
            "Japan rejected calls by the Group of Seven for a ceasefire.",
            &["JPN reject g7 svo"],
        ),
        (
            "Japan and Germany agreed to cooperate on China.",
            &["JPN agree DEU reciprocal"],
        ),
        // A participle before "by" is passive without "be".
        (
            "ZTE, banned by the US in 2018, recovered.",
            &["USA ban zte passive-by"],
        ),
        // A direct object does not sit behind a preposition, an -ing verb or a comma.
        ("Russia evacuated the wounded from Germany.", &[]),
        ("Russia shot down a plane carrying Japanese officials.", &[]),
        (
            "Germany declined to accept the plan today, the US said.",
            &[],
        ),
        // A subject pronoun after a verb of telling: the teller, not the name told.
        (
            "Apple told the US it will acquire Samsung.",
            &["apl acquire sam planned coref svo"],
        ),
        (
            "Apple met the US and it will acquire Samsung.",
            &["apl meet USA svo"],
        ),
        // A description before a name: the name is the object, not the country modifying it.
        (
            "Huawei sued Japanese electronics group Apple.",
            &["hw sue apl svo"],
        ),
        // A place after a name locates it; the name is the subject.
        ("Huawei of China sued Apple.", &["hw sue apl svo"]),
        // An apposition describes the subject before it; a name inside it is not the subject.
        (
            "Samsung, a unit of Apple, sued China.",
            &["sam sue CHN svo", "apl owns sam owner"],
        ),
        // An acronym in parentheses glosses the name before it.
        (
            "The Group of Seven (G7) forum has criticized Russia.",
            &["g7 criticize RUS svo"],
        ),
        // A plural demonym is its people; counted, civilians.
        (
            "The Russians rejected a Chinese proposal.",
            &["RUS reject CHN svo"],
        ),
        ("Japan arrested 100 Russians.", &[]),
        // "anti-" makes a name a modifier.
        ("Russia supported anti-American rebels.", &[]),
        ("The Group of Seven meeting in Germany ended.", &[]),
        (
            "Samsung will acquire Apple.",
            &["sam acquire apl planned svo"],
        ),
        ("Japan will acquire Samsung.", &[]),
        // "agree" inflects as "agreed", a symmetric verb with a coordinated subject.
        ("Hungary and Russia agreed.", &["HUN agree RUS reciprocal"]),
        (
            "Samsung, a joint venture between Apple and Huawei, said so.",
            &["apl joint_venture hw between"],
        ),
        // A symmetric noun with its two parties after "between" (rule `between`).
        (
            "Talks between China and Japan resumed.",
            &["CHN meet JPN between"],
        ),
        ("Talks between China, Japan and Italy resumed.", &[]),
        ("The agreement of Hungary and Russia was welcome.", &[]),
        // A party after the trigger's preposition that is no entity: not each other's.
        (
            "Hungary and Russia reached agreement with commercial banks.",
            &[],
        ),
        (
            "Hungary and Russia reached agreement with each other.",
            &["HUN agree RUS reciprocal"],
        ),
        (
            "Samsung entered into a marketing agreement with Apple.",
            &["sam agree apl svo"],
        ),
        (
            "Samsung signed a supply contract with Apple.",
            &["sam agree apl svo"],
        ),
        (
            "Samsung reached agreements with Apple.",
            &["sam agree apl svo"],
        ),
        (
            "Samsung said it was unable to reach agreement with Apple.",
            &["sam agree apl negated reported coref svo"],
        ),
        (
            "Congress wants Japan to enter into talks with Germany.",
            &["JPN meet DEU nominal"],
        ),
        // The speaker of "said" is the "it" after it.
        (
            "Japan said on Tuesday it had banned Huawei.",
            &["JPN ban hw reported coref svo"],
        ),
        (
            "China and Russia said they would sue Apple.",
            &[
                "CHN sue apl planned coref svo",
                "RUS sue apl planned coref svo",
            ],
        ),
        // Counter-example: "it" is not two speakers.
        ("China and Russia said it would sue Apple.", &[]),
        // Modifiers inside a multi-word trigger.
        (
            "Japan halted economic aid to Russia.",
            &["JPN sanction RUS svo"],
        ),
        (
            "Japan broke off diplomatic relations with Russia.",
            &["JPN cut_ties RUS svo"],
        ),
        // Counter-example: a function word is never skipped, and "halted" undoes "aid to".
        ("Japan halted talks on aid to Russia.", &[]),
        // A trade measure on a country's goods is against the country.
        (
            "Japan announced tariffs on American electronic goods.",
            &["JPN sanction USA nominal"],
        ),
        (
            "Japan imposed duties on Chinese steel.",
            &["JPN sanction CHN svo"],
        ),
        // Counter-examples: goods without a trade measure; a demonym before other nouns
        // of a predicate whose object is not an owner (a meeting).
        ("Japanese consumers bought American cars.", &[]),
        ("Japan met Chinese students.", &[]),
        // "if" after the trigger conditions the threatened act, not the threat.
        (
            "Russia threatened to sue Apple if Japan banned Huawei.",
            &["RUS threaten apl svo", "JPN ban hw hypothetical svo"],
        ),
        (
            "If Japan bans Huawei, China will sue Japan.",
            &[
                "JPN ban hw hypothetical svo",
                "CHN sue JPN hypothetical svo",
            ],
        ),
        // A country's possessive before what it owns is no actor; before a state body or
        // an act of its own it is.
        ("Japan's biggest carmaker criticized China.", &[]),
        ("Germany's three largest banks sued Italy.", &[]),
        (
            "Japan's foreign ministry criticized China.",
            &["JPN criticize CHN svo"],
        ),
        (
            "Italy will support Japan's efforts to join the club.",
            &["ITA support JPN planned svo"],
        ),
        (
            "Russia condemned Japan's tight-fisted fiscal policy.",
            &["RUS criticize JPN svo"],
        ),
        // A capitalised word that is no entity before the verb is the subject the
        // dictionaries do not know; a day, an auxiliary, a legal form are not.
        ("Officials told Italy that Smith criticized Japan.", &[]),
        ("The head of ZTE John Smith criticized Japan.", &[]),
        (
            "Russia on Monday criticized Japan.",
            &["RUS criticize JPN svo"],
        ),
        ("The U.S. Has criticized Japan.", &["USA criticize JPN svo"]),
        ("Huawei Ltd criticized Japan.", &["hw criticize JPN svo"]),
        // A list that ends a leading clause ends at the comma that closes it.
        (
            "After visits to Germany, Italy and Russia, the minister will meet Japan.",
            &[],
        ),
        (
            "If Japan bans Huawei, China and Russia will sue Japan.",
            &[
                "JPN ban hw hypothetical svo",
                "CHN sue JPN hypothetical svo",
                "RUS sue JPN hypothetical svo",
            ],
        ),
        // A name modifying a nominal trigger's noun phrase is its author.
        (
            "Russian naval attacks on Japan continued.",
            &["RUS attack JPN nominal"],
        ),
        (
            "Chinese steel exports to Italy rose.",
            &["CHN supply ITA nominal"],
        ),
        (
            "The American ban on Huawei hurt sales.",
            &["USA ban hw nominal"],
        ),
        (
            "American and Hungarian grain sales to Russia fell.",
            &["USA supply RUS nominal", "HUN supply RUS nominal"],
        ),
        // Counter-examples: a preposition, people or a market between; a verb in a
        // headline in capitals; another verb's gerund before the noun; a place phrase
        // after the object's noun.
        ("The Chinese market for exports to Italy grew.", &[]),
        ("Russian rebel attacks on Japan continued.", &[]),
        ("RUSSIA BARS SANCTIONS AGAINST JAPAN", &[]),
        (
            "Germany blamed Russia for obstructing talks with Japan.",
            &["DEU accuse RUS svo"],
        ),
        ("Germany's talks with bankers in Japan stalled.", &[]),
        (
            "Russia was continuing negotiations with Japan.",
            &["RUS meet JPN nominal"],
        ),
        // A hostile act on a state's assets is against the state; not on its people, and
        // not a friendly one.
        (
            "Russian attacks on Chinese oil facilities continued.",
            &["RUS attack CHN nominal"],
        ),
        (
            "Japan announced the expulsion of Russian diplomats.",
            &["JPN expel RUS nominal"],
        ),
        ("Russia launched attacks on Chinese villages.", &[]),
        ("Japan announced support for Chinese oil facilities.", &[]),
        // A denial negates.
        (
            "Russia denied attacks on Chinese ships.",
            &["RUS attack CHN negated nominal"],
        ),
        // Fines; not the adjective, nor a word of a hyphenated compound.
        ("Japan fined Samsung.", &["JPN sanction sam svo"]),
        (
            "Japan imposed a fine on Samsung.",
            &["JPN sanction sam nominal"],
        ),
        ("The deal is fine with Japan and China.", &[]),
        ("Japan will fine-tune its policy toward China.", &[]),
        // Competitors are companies.
        (
            "Samsung is a competitor of Apple.",
            &["sam compete apl nominal"],
        ),
        ("Japan is a competitor of China.", &[]),
        ("Russia repelled Chinese troops.", &["RUS attack CHN svo"]),
        // Repelling an attack: force against the attacker, and the attacker's attack.
        (
            "Russia repelled a Chinese attack.",
            &["RUS attack CHN svo", "CHN attack RUS repelled"],
        ),
        (
            "Russia fought off an attack by China.",
            &["CHN attack RUS repelled"],
        ),
        ("Russia repelled an attack on Japan.", &[]),
        // A passive's agents: a long list, members with "the".
        (
            "Japan was supported by Russia, the Germans, Italy, Hungary and China.",
            &[
                "RUS support JPN passive-by",
                "DEU support JPN passive-by",
                "ITA support JPN passive-by",
                "HUN support JPN passive-by",
                "CHN support JPN passive-by",
            ],
        ),
        // The built-in CAMEO verbs: "press" is CAMEO's DEMAND (100), newsgraph's urge.
        (
            "The U.S. has been pressing Japan to open its markets.",
            &["USA urge JPN svo"],
        ),
        (
            "China and Russia discussed trade.",
            &["CHN meet RUS reciprocal"],
        ),
    ];
    for (text, want) in cases {
        assert_eq!(relate(text), *want, "{text:?}");
    }
}

/// "hard-pressed", "previously-agreed", "counter-offer": a word joined to the one before by a
/// hyphen is part of a compound, not a trigger (as one joined to the next already was).
#[test]
fn a_trigger_after_a_hyphen_is_part_of_a_compound() {
    for text in [
        "Japan would be hard-pressed by the Group of Seven.",
        "Russia made a counter-offer to Germany.",
    ] {
        assert_eq!(relate(text), Vec::<String>::new(), "{text:?}");
    }
    assert_eq!(
        relate("Germany was criticized by Russia."),
        ["RUS criticize DEU passive-by"]
    );
}

#[test]
fn verb_chain_keeps_the_intermediary() {
    let mut b = DictionaryBuilder::new();
    b.add_str("t.tsv", DICT).unwrap();
    let d = b.build();
    let m = Matcher::new(&d);
    let r = Relater::new(Ontology::defaults());
    let text = "The US government is attempting to persuade allies to stop using Huawei gear.";
    let mut mentions = Vec::new();
    m.find_into(text, &mut mentions);
    let ctx = Context {
        mentions: &mentions,
        dominant_country: None,
    };
    let mut out = Vec::new();
    r.relate_into(&d, text, 0..text.len(), &mentions, &ctx, &mut out);
    assert_eq!(out.len(), 1);
    assert_eq!(&text[out[0].intermediary.clone().unwrap()], "allies");
}

/// "West Germany" is one name (Germany's, as it was before 1990): the word "West" left
/// before "Germany" broke a list of agents in two.
#[test]
fn west_germany_keeps_a_list_of_agents_whole() {
    let dict = Dictionary::defaults();
    let m = Matcher::new(&dict);
    let r = Relater::new(Ontology::defaults());
    let text = "Egypt was supported by Britain, the Netherlands, West Germany, Japan, \
                Australia and New Zealand.";
    let mut mentions = Vec::new();
    m.find_into(text, &mut mentions);
    let ctx = Context {
        mentions: &mentions,
        dominant_country: None,
    };
    let mut out = Vec::new();
    r.relate_into(&dict, text, 0..text.len(), &mentions, &ctx, &mut out);
    let subjects: Vec<&str> = out
        .iter()
        .map(|x| dict.entity(x.subject.entity).id.as_str())
        .collect();
    assert_eq!(subjects, ["GBR", "NLD", "DEU", "JPN", "AUS", "NZL"]);
}

/// One line per case: a sentence, and whether `may_relate` lets it through.
#[test]
fn may_relate_table() {
    let cases: &[(&str, bool)] = &[
        ("The company sued the agency.", true),
        ("THE COMPANY SUED THE AGENCY.", true),
        ("The company said profits rose.", false),
        ("Apple said profits rose.", false),
        ("Apple sued the firm.", true),
        ("Apple sued the Chinese manufacturer.", true),
        ("Apple and Samsung rose.", true),
        ("Apple said Apple shares rose.", false),
        ("Prices rose 3.5 pct in the quarter, traders said.", false),
    ];
    let mut b = DictionaryBuilder::new();
    b.add_str("t.tsv", DICT).unwrap();
    let d = b.build();
    let m = Matcher::new(&d);
    for &(text, want) in cases {
        let mut mentions = Vec::new();
        m.find_into(text, &mut mentions);
        assert_eq!(may_relate(text, &mentions), want, "{text:?}");
    }
}

/// What [`tokens`] replaced: the sentence read through `char_indices`, as the reference.
fn reference_tokens(
    classes: &Classes,
    text: &str,
    range: Range<usize>,
    mentions: &[Mention],
) -> Vec<Item> {
    let mut out = Vec::new();
    let mut lower = String::new();
    let mut next_mention = mentions.iter().peekable();
    let mut iter = text[range.clone()].char_indices().peekable();
    let base = range.start;
    while let Some(&(off, c)) = iter.peek() {
        let pos = base + off;
        while next_mention.peek().is_some_and(|m| m.end <= pos) {
            next_mention.next();
        }
        if let Some(m) = next_mention.peek()
            && m.start <= pos
        {
            out.push(mention_item(text, m, out.last()));
            while iter.peek().is_some_and(|&(o, _)| base + o < m.end) {
                iter.next();
            }
            next_mention.next();
            continue;
        }
        if c.is_whitespace() {
            iter.next();
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = pos + c.len_utf8();
            iter.next();
            while let Some(&(o, d)) = iter.peek() {
                let p = base + o;
                if next_mention.peek().is_some_and(|m| m.start == p) {
                    break;
                }
                let inner_apostrophe = matches!(d, '\'' | '’') && {
                    let after = &text[p + d.len_utf8()..range.end];
                    after.chars().next().is_some_and(char::is_alphanumeric)
                        && !after.starts_with(['s', 'S'])
                };
                if !(d.is_alphanumeric() || inner_apostrophe) {
                    break;
                }
                end = p + d.len_utf8();
                iter.next();
            }
            out.push(Item {
                start: pos,
                end,
                kind: Kind::Word,
                class: classes.of(&text[pos..end], &mut lower),
            });
            continue;
        }
        out.push(Item {
            start: pos,
            end: pos + c.len_utf8(),
            kind: Kind::Punct(c),
            class: 0,
        });
        iter.next();
    }
    out
}

proptest::proptest! {
    /// Sentences made of mentions (names, demonyms, "U.S."), words with apostrophes inner
    /// and possessive, non-ASCII letters and spaces, punctuation: the byte-wise reading
    /// gives the items the character-wise one gave.
    #[test]
    fn tokens_agree_with_the_reading_by_characters(pieces in proptest::collection::vec(
        proptest::sample::select(vec![
            "China", "U.S.", "Huawei", "Huawei’s", "Huawei's", "Chinese", "Russians",
            "the", "didn't", "won’t", "firm's", "O'Neill", "Zürich", "Ünal", "İstanbul",
            "東京", " ", "  ", "\u{a0}", "\u{2009}", "\n", ",", ".", "-", "’", "'", "\"",
            "“", "banned", "spy", "on", "3.5", "anti-", "ZTE", "Group of Seven", "s",
        ]),
        0..30,
    ), cut in 0usize..4) {
        let mut b = DictionaryBuilder::new();
        b.add_str("t.tsv", DICT).unwrap();
        let d = b.build();
        let m = Matcher::new(&d);
        let r = Relater::new(Ontology::defaults());
        let text = pieces.concat();
        let mut mentions = Vec::new();
        m.find_into(&text, &mut mentions);
        // The whole text, or a range that starts and ends inside it.
        let mut start = cut.min(text.len());
        while !text.is_char_boundary(start) {
            start += 1;
        }
        let mut end = text.len().saturating_sub(cut).max(start);
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let inside: Vec<Mention> = mentions
            .into_iter()
            .filter(|x| x.start >= start && x.end <= end)
            .collect();
        let got = tokens(&r.classes, &text, start..end, &inside);
        let want = reference_tokens(&r.classes, &text, start..end, &inside);
        proptest::prop_assert_eq!(format!("{got:?}"), format!("{want:?}"), "{:?}", text);
    }
}

/// `may_relate` and `Context::may_relate` turn away only sentences whose items,
/// descriptions resolved, hold fewer than two entities (and so no relation): checked on
/// every sentence of the sample corpus with the built-in dictionaries, and on sentences
/// made to be resolved by description.
#[test]
fn may_relate_turns_away_only_sentences_without_two_entities() {
    let dict = Dictionary::defaults();
    let matcher = Matcher::new(&dict);
    let relater = Relater::new(Ontology::defaults());
    let mut texts: Vec<String> = include_str!("../../../corpus/articles.jsonl")
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["text"].as_str().unwrap().to_string()
        })
        .collect();
    texts.push(
        "Huawei said on Monday. The Chinese manufacturer sued the company. The firm sued \
         the government. The President met the agency. The country banned the group."
            .into(),
    );
    // Only the dominant country to refer to: no sentence can relate.
    texts.push(
        "The U.S. said the government banned the company. The President met the agency.".into(),
    );
    let (mut sentences_seen, mut turned_away) = (0, 0);
    for text in &texts {
        let mut mentions = Vec::new();
        matcher.find_into(text, &mut mentions);
        let mut sentences = Vec::new();
        crate::segment::sentences_into(text, &mut sentences);
        let ctx = Context {
            mentions: &mentions,
            dominant_country: dict.find("USA"),
        };
        let field_may_relate = ctx.may_relate();
        for s in sentences {
            let inside: Vec<Mention> = mentions
                .iter()
                .copied()
                .filter(|x| x.start >= s.start && x.end <= s.end)
                .collect();
            let mut items = items(&relater.classes, text, s.clone(), &inside);
            close_leading_clause(text, &mut items);
            mark_modifiers(relater.ontology(), &dict, text, &mut items);
            resolve_descriptions(&dict, text, &mut items, &ctx);
            sentences_seen += 1;
            if !field_may_relate || !may_relate(&text[s.clone()], &inside) {
                turned_away += 1;
                assert!(!two_entities(&items), "{:?}", &text[s]);
            }
        }
    }
    // The check must see both kinds of sentence to mean anything.
    assert!(
        turned_away > 10 && turned_away < sentences_seen,
        "{turned_away}/{sentences_seen}"
    );
}
