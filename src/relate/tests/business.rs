//! The business rules and tables, one line per case as in the main table: trade, contracts
//! and credit, deals, events between companies and agencies acting on them, ownership, and
//! credit ratings.

use super::relate;

#[test]
fn business_table() {
    let cases: &[(&str, &[&str])] = &[
        // Trade: the seller is the country naming the goods, or after "from"/"to".
        (
            "China bought a total of 550,000 tonnes of U.S. corn.",
            &["USA supply CHN trade"],
        ),
        (
            "Japan bought 95,000 tonnes of soybeans from China.",
            &["CHN supply JPN trade"],
        ),
        (
            "Russia sells 180,000 tonnes of sugar to Japan.",
            &["RUS supply JPN trade"],
        ),
        (
            "Exports of U.S. corn to Russia rose.",
            &["USA supply RUS trade"],
        ),
        ("Japan bought U.S. Treasury bonds.", &[]),
        (
            "Russian purchases of U.S. corn rose.",
            &["USA supply RUS trade"],
        ),
        (
            "Japan's purchase of 2.4 mln tonnes of U.S. corn was large.",
            &["USA supply JPN trade"],
        ),
        ("Russian purchases of corn rose.", &[]),
        // A contract received: the awarding party is the subject.
        (
            "Samsung said it received a 10 mln dlr contract from Germany.",
            &["DEU contract sam reported coref contract-from"],
        ),
        (
            "Huawei was awarded a contract by the United Nations.",
            &["un contract hw contract-from"],
        ),
        ("Samsung received a letter from Germany.", &[]),
        (
            "Huawei has received a three-year United Nations contract.",
            &["un contract hw contract-from"],
        ),
        ("Huawei received a United Nations letter.", &[]),
        // Credit: aid from the lender.
        (
            "Russia received a 500 mln dlr loan from Japan.",
            &["JPN aid RUS received-from"],
        ),
        ("Huawei received support from China.", &[]),
        (
            "Japan extended a 24 billion yen loan to Russia.",
            &["JPN aid RUS nominal"],
        ),
        // A deal agreed or offered is told by its own trigger, not as an agreement between
        // the parties; an agreement to act otherwise stays one.
        ("Samsung agreed to acquire Apple.", &["sam acquire apl svo"]),
        (
            "Samsung offered to buy Apple.",
            &["sam acquire apl planned svo"],
        ),
        (
            "Japan agreed to provide aid to Hungary.",
            &["JPN agree HUN svo"],
        ),
        // Business events between companies, and agencies acting on them.
        (
            "Samsung acquired a 5.1 pct stake in Apple.",
            &["sam stake_in apl svo"],
        ),
        ("Hungary acquired a stake in Apple.", &[]),
        (
            "Samsung made a tender offer for Apple.",
            &["sam acquire apl svo"],
        ),
        (
            "Samsung sold its chip unit to Apple.",
            &["sam sell_to apl svo"],
        ),
        (
            "Samsung formed a joint venture with Apple.",
            &["sam joint_venture apl svo"],
        ),
        (
            "Samsung and Apple formed a joint venture.",
            &["sam joint_venture apl reciprocal"],
        ),
        (
            "The United States charged Huawei with fraud.",
            &["USA charge hw svo"],
        ),
        ("Apple charged Samsung five dlrs.", &[]),
        (
            "Japan blocked the merger of Samsung and Apple.",
            &["JPN block sam svo", "JPN block apl svo"],
        ),
        ("Japan approved loans to Hungary.", &["JPN aid HUN nominal"]),
        (
            "Apple said that Samsung sued China.",
            &["sam sue CHN reported svo"],
        ),
        (
            "Hungarian and Russian officials sued Apple.",
            &["HUN sue apl svo", "RUS sue apl svo"],
        ),
        // Ownership by the shape of the noun phrase (rule `owner`).
        (
            "ZTE, a unit of Huawei, said profits rose.",
            &["hw owns zte owner"],
        ),
        (
            "ZTE is a wholly owned subsidiary of Huawei.",
            &["hw owns zte owner"],
        ),
        ("Huawei's ZTE unit said sales rose.", &["hw owns zte owner"]),
        (
            "Huawei subsidiary ZTE said sales rose.",
            &["hw owns zte owner"],
        ),
        (
            "Huawei's wholly owned ZTE said sales rose.",
            &["hw owns zte owner"],
        ),
        (
            "ZTE's parent, Huawei, said sales rose.",
            &["hw owns zte owner"],
        ),
        (
            "Huawei, the parent of ZTE, said sales rose.",
            &["hw owns zte owner"],
        ),
        (
            "China's state owned ZTE said sales rose.",
            &["CHN owns zte owner"],
        ),
        (
            "ZTE, 69.65 pct held by Huawei, said sales rose.",
            &["hw owns zte owner"],
        ),
        (
            "ZTE, 45 pct owned by Huawei, said sales rose.",
            &["hw stake_in zte owner"],
        ),
        (
            "ZTE, 45 pct held by Huawei, said sales rose.",
            &["hw stake_in zte owner"],
        ),
        ("ZTE, held by Huawei, said sales rose.", &[]),
        // Wire brackets around a name, and a ticker after one, are not words between them;
        // nor are parentheses around a name that glosses nothing.
        (
            "Huawei said it acquired (ZTE) for cash.",
            &["hw acquire zte reported coref svo"],
        ),
        (
            "ZTE, a unit of China's Huawei, said sales rose.",
            &["hw owns zte owner"],
        ),
        (
            "ZTE, 50.1 pct owned by <Huawei>, said sales rose.",
            &["hw owns zte owner"],
        ),
        (
            "Huawei <HWI.HK> subsidiary ZTE said sales rose.",
            &["hw owns zte owner"],
        ),
        (
            "ZTE, the Chinese unit of Huawei, said sales rose.",
            &["hw owns zte owner"],
        ),
        ("ZTE, a former unit of Huawei, said sales rose.", &[]),
        ("Huawei owns 54.7 pct of ZTE.", &["hw owns zte owner"]),
        (
            "Huawei said it holds about 41 pct of ZTE.",
            &["hw stake_in zte reported coref owner"],
        ),
        ("Huawei owns ZTE shares.", &[]),
        // "its" before a unit is the speaker's.
        (
            "Huawei said its ZTE unit sold phones.",
            &["hw owns zte coref owner"],
        ),
        ("Huawei said Apple sold its ZTE unit.", &[]),
        // The unit named after it, in apposition; its owner before, or the "its" of the
        // speaker or of the name before "and".
        (
            "Huawei said its wholly owned subsidiary, ZTE, sold phones.",
            &["hw owns zte coref owner"],
        ),
        (
            "Huawei and its Chinese subsidiary, ZTE, sold phones.",
            &["hw owns zte owner"],
        ),
        ("Huawei's unit, ZTE, sold phones.", &["hw owns zte owner"]),
        (
            "Apple said Huawei's unit, ZTE, sold phones.",
            &["hw owns zte owner"],
        ),
        // "of" after a lowercase word is no part of a name; a description before "owned by".
        (
            "Investors bought bonds of ZTE, a unit of Huawei.",
            &["hw owns zte owner"],
        ),
        (
            "ZTE, a company owned by Huawei, said sales rose.",
            &["hw owns zte owner"],
        ),
        // The owned named past the dictionary's name: "of" and a place, or "Company".
        (
            "ZTE of Shenzhen, a unit of Huawei, said sales rose.",
            &["hw owns zte owner"],
        ),
        // A number of shares bought is a stake; the company bought is an acquisition.
        (
            "Huawei told the US it has acquired 325,000 shares of ZTE.",
            &["hw stake_in zte reported coref owner"],
        ),
        (
            "Huawei said it bought 1.3 mln ZTE common shares.",
            &["hw stake_in zte reported coref owner"],
        ),
        ("Huawei bought ZTE.", &["hw acquire zte svo"]),
        (
            "Huawei bought five mln shares or 16 pct of ZTE.",
            &["hw stake_in zte owner"],
        ),
        (
            "Huawei bought 58 mln shares or 96 pct of ZTE.",
            &["hw acquire zte svo"],
        ),
        // The party after "from" sold; it is not what was bought.
        (
            "Huawei completed the acquisition of a phone maker from ZTE.",
            &[],
        ),
        // A part of a company sold, named between the verb and "to" (rule `sale`).
        (
            "Huawei agreed to sell its ZTE unit to Samsung.",
            &["hw sell_to sam sale"],
        ),
        (
            "Huawei sold its Chinese subsidiary, ZTE, to Samsung.",
            &["hw sell_to sam sale"],
        ),
        (
            "Huawei sold 5,000 tonnes of wheat to Samsung.",
            &["hw supply sam trade"],
        ),
        ("Huawei sold its unit and Samsung gained.", &[]),
        // An approval received: the approving body approves the recipient.
        (
            "Huawei said it received United Nations approval to sell phones.",
            &["un approve hw reported coref received-from"],
        ),
        (
            "Huawei won permission from the United Nations to sell phones.",
            &["un approve hw received-from"],
        ),
        // A name after a possessive name is the object: "Britain's Dixons Group".
        ("Apple sued China's ZTE.", &["apl sue zte svo"]),
        // A possessive "its" before a nominal trigger: the speaker, or the verb's subject.
        (
            "Huawei said its offer for ZTE expired.",
            &["hw acquire zte reported coref nominal"],
        ),
        (
            "Huawei raised its takeover offer for ZTE.",
            &["hw acquire zte coref nominal"],
        ),
        (
            "Apple said it bought Samsung and its pending purchase of ZTE.",
            &["apl acquire sam reported coref svo"],
        ),
        (
            "Huawei said its purchase of 5,000 ZTE shares was done.",
            &[],
        ),
        // A nominal trigger's author after "by".
        (
            "Apple approved the takeover of ZTE by Huawei.",
            &["hw acquire zte nominal"],
        ),
        // The buyer's side: the party after "from", or the owner of the part bought.
        (
            "Huawei bought ZTE from Samsung.",
            &["hw acquire zte svo", "sam sell_to hw sale"],
        ),
        ("Huawei bought ZTE's phone unit.", &["zte sell_to hw sale"]),
        (
            "Huawei bought all of ZTE's common shares.",
            &["hw acquire zte svo"],
        ),
        // "a" in the text where the trigger says "an", and the reverse.
        (
            "Huawei signed a marketing agreement with ZTE.",
            &["hw agree zte svo"],
        ),
        ("Huawei bought 5,000 tonnes of ZTE phones.", &[]),
        (
            "Huawei owns ZTE, a maker of phones.",
            &["hw owns zte owner"],
        ),
        ("Chinese-owned ZTE said sales rose.", &[]),
        ("Huawei's unit sales rose, ZTE said.", &[]),
        ("China's ZTE unit said sales rose.", &[]),
        // A rating agency's act on a company's debt (rule `rating`).
        (
            "Apple said it may downgrade Samsung.",
            &["apl downgrade sam planned coref rating"],
        ),
        (
            "Samsung debt was upgraded by Apple.",
            &["apl upgrade sam rating"],
        ),
        (
            "Apple affirmed the ratings on Samsung.",
            &["apl rate sam rating"],
        ),
        ("Apple cut prices of phones made by Samsung.", &[]),
        ("Apple raised 50 mln dlrs of debt with Samsung.", &[]),
        (
            "Apple downgraded Huawei and upgraded Samsung.",
            &["apl downgrade hw rating", "apl upgrade sam rating"],
        ),
    ];
    for (text, want) in cases {
        assert_eq!(relate(text), *want, "{text:?}");
    }
}
