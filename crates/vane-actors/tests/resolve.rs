//! `Kb::resolve`: one table, one `check`.

use crate::common::{d, gov};
use vane_actors::Kb;

fn check(kb: &Kb, mention: &str, country: Option<&str>, on: &str, expect: Option<&str>) {
    let g = country.map(gov);
    let got = kb
        .resolve(mention, g.as_ref(), d(on))
        .map(|a| a.name.as_str());
    assert_eq!(got, expect, "resolve({mention:?}, {country:?}, {on})");
}

#[test]
fn resolve_table() {
    let kb = Kb::bundled();
    #[rustfmt::skip]
    let table: &[(&str, Option<&str>, &str, Option<&str>)] = &[
        // The president at three dates.
        ("the president", Some("USA"), "2020-06-01", Some("Donald Trump")),
        ("the president", Some("USA"), "2023-05-20", Some("Joe Biden")),
        ("the president", Some("USA"), "2025-07-10", Some("Donald Trump")),
        ("the President", Some("USA"), "2021-01-20", Some("Joe Biden")),
        ("the President", Some("USA"), "2021-01-19", Some("Donald Trump")),
        ("The President", Some("RUS"), "2023-05-20", Some("Vladimir Putin")),
        ("the Russian president", Some("USA"), "2023-05-20", Some("Vladimir Putin")),
        ("President of Ukraine", None, "2018-01-01", Some("Petro Poroshenko")),
        ("the president", None, "2023-05-20", None),
        // Titles with names, and titles alone.
        ("Secretary Rubio", None, "2025-07-10", Some("Marco Rubio")),
        ("U.S. Secretary of State Marco Rubio", None, "2025-07-10", Some("Marco Rubio")),
        ("Rubio's", Some("USA"), "2025-07-10", Some("Marco Rubio")),
        ("the Secretary of Defense", Some("USA"), "2025-07-10", Some("Pete Hegseth")),
        ("the Secretary of Defense", Some("USA"), "2023-05-20", Some("Lloyd Austin")),
        ("the defense secretary", Some("USA"), "2018-01-01", Some("Jim Mattis")),
        ("the Secretary of State", Some("USA"), "2023-05-20", Some("Antony Blinken")),
        ("the national security adviser", Some("USA"), "2023-05-20", Some("Jake Sullivan")),
        ("the national security adviser", Some("USA"), "2025-06-01", Some("Marco Rubio")),
        ("the national security adviser", Some("USA"), "2025-03-01", Some("Mike Waltz")),
        ("the Russian foreign minister", None, "2023-05-20", Some("Sergey Lavrov")),
        ("Ukraine's defense minister", None, "2022-06-01", Some("Oleksii Reznikov")),
        ("Ukraine's defense minister", None, "2024-01-01", Some("Rustem Umerov")),
        ("the Kremlin spokesman", None, "2024-01-01", Some("Dmitry Peskov")),
        ("the press secretary", Some("USA"), "2023-01-12", Some("Karine Jean-Pierre")),
        ("the press secretary", Some("USA"), "2022-01-12", Some("Jen Psaki")),
        ("Chairman of the Joint Chiefs of Staff", Some("USA"), "2023-01-20", Some("Mark Milley")),
        ("the British prime minister", None, "2023-05-20", Some("Rishi Sunak")),
        // Names and aliases.
        ("Zelensky", None, "2023-05-20", Some("Volodymyr Zelenskyy")),
        ("Jake Sullivan", None, "2023-05-20", Some("Jake Sullivan")),
        ("marco rubio", None, "2025-07-10", Some("Marco Rubio")),
        ("Government of Russia", None, "2025-07-10", Some("Government of Russia")),
        ("Russia", None, "2025-07-10", Some("Government of Russia")),
        // Transcript speaker labels.
        ("MR. KIRBY", Some("USA"), "2023-01-12", Some("John Kirby")),
        ("MR. KIRBY:", None, "2023-01-12", Some("John Kirby")),
        ("ADMIRAL KIRBY", Some("USA"), "2023-01-25", Some("John Kirby")),
        ("THE PRESIDENT", Some("USA"), "2023-01-12", Some("Joe Biden")),
        ("THE PRESIDENT", None, "2023-01-12", Some("Joe Biden")),
        ("MS. JEAN-PIERRE", Some("USA"), "2023-01-17", Some("Karine Jean-Pierre")),
        ("MS. DALTON", Some("USA"), "2023-01-19", Some("Olivia Dalton")),
        ("MR. SULLIVAN", Some("USA"), "2023-05-20", Some("Jake Sullivan")),
        ("MS. PSAKI", Some("USA"), "2022-02-01", Some("Jen Psaki")),
        ("MR. BATES", Some("USA"), "2023-01-25", Some("Andrew Bates")),
        ("ADMINISTRATOR CRISWELL", Some("USA"), "2023-01-19", Some("Deanne Criswell")),
        ("SENIOR ADMINISTRATION OFFICIAL", Some("USA"), "2023-01-25", Some("Senior Administration Official")),
        ("SENIOR ADMINISTRATION OFFICIAL", None, "2023-01-25", Some("Senior Administration Official")),
        ("MODERATOR", Some("USA"), "2023-01-25", None),
        ("Q", Some("USA"), "2023-01-25", None),
        // Unnamed officials.
        ("a senior administration official", Some("USA"), "2023-01-25", Some("Senior Administration Official")),
        ("a senior administration official", None, "2023-01-25", Some("Senior Administration Official")),
        ("U.S. officials", None, "2023-01-25", Some("Senior Administration Official")),
        ("a State Department spokesperson", None, "2023-01-25", Some("Senior Administration Official")),
        ("White House officials", None, "2023-01-25", Some("Senior Administration Official")),
        ("Russian officials", None, "2023-01-25", Some("Unnamed Russian Official")),
        ("a Kremlin official", None, "2023-01-25", Some("Unnamed Russian Official")),
        // Metonyms.
        ("Moscow", None, "2025-07-10", Some("Government of Russia")),
        ("the Kremlin", None, "2025-07-10", Some("Government of Russia")),
        ("Kyiv", None, "2025-07-10", Some("Government of Ukraine")),
        ("Kiev", None, "2015-07-10", Some("Government of Ukraine")),
        ("Beijing", None, "2025-07-10", Some("Government of China")),
        ("Downing Street", None, "2025-07-10", Some("Government of the United Kingdom")),
        ("the Élysée", None, "2025-07-10", Some("Government of France")),
        ("Washington", None, "2025-07-10", Some("Government of the United States")),
        ("the White House", None, "2025-07-10", Some("Executive Office of the President")),
        ("the Pentagon", None, "2025-07-10", Some("Department of Defense")),
        ("the State Department", None, "2025-07-10", Some("Department of State")),
        ("Foggy Bottom", None, "2025-07-10", Some("Department of State")),
        ("the Oval Office", None, "2025-07-10", Some("Donald Trump")),
        ("the Oval Office", None, "2023-05-20", Some("Joe Biden")),
        // 2025-2026 officials, with dated roles.
        ("the vice president", Some("USA"), "2025-10-01", Some("JD Vance")),
        ("J.D. Vance", None, "2025-10-01", Some("JD Vance")),
        ("the press secretary", Some("USA"), "2025-10-01", Some("Karoline Leavitt")),
        ("the War Secretary", Some("USA"), "2025-10-01", Some("Pete Hegseth")),
        ("the Treasury Secretary", Some("USA"), "2025-10-01", Some("Scott Bessent")),
        ("the Commerce Secretary", Some("USA"), "2025-10-01", Some("Howard Lutnick")),
        ("the Commerce Secretary", Some("USA"), "2023-10-01", Some("Gina Raimondo")),
        ("the U.S. Trade Representative", None, "2025-10-01", Some("Jamieson Greer")),
        ("Steve Witkoff", None, "2025-10-01", Some("Steve Witkoff")),
        ("Special Envoy for Ukraine Keith Kellogg", None, "2025-10-01", Some("Keith Kellogg")),
        ("the national security adviser", Some("USA"), "2025-03-01", Some("Mike Waltz")),
        ("the UN ambassador", Some("USA"), "2025-10-01", Some("Mike Waltz")),
        ("the State Department spokesperson", None, "2025-10-01", Some("Tammy Bruce")),
        ("the Homeland Security Secretary", Some("USA"), "2025-10-01", Some("Kristi Noem")),
        ("the Director of National Intelligence", Some("USA"), "2025-10-01", Some("Tulsi Gabbard")),
        ("the Chairman of the Joint Chiefs", Some("USA"), "2025-10-01", Some("Dan Caine")),
        ("Sergei Ryabkov", None, "2025-10-01", Some("Sergei Ryabkov")),
        ("Kirill Dmitriev", None, "2025-10-01", Some("Kirill Dmitriev")),
        ("Yuri Ushakov", None, "2025-10-01", Some("Yuri Ushakov")),
        ("Maria Zakharova", None, "2025-10-01", Some("Maria Zakharova")),
        ("Volodymyr Zelenskiy", None, "2025-10-01", Some("Volodymyr Zelenskyy")),
        ("Rustem Umerov", None, "2025-10-01", Some("Rustem Umerov")),
        ("the Chinese Vice Premier", None, "2025-10-01", Some("He Lifeng")),
        ("Mao Ning", None, "2025-10-01", Some("Mao Ning")),
        ("Guo Jiakun", None, "2025-10-01", Some("Guo Jiakun")),
        ("Gideon Saar", None, "2025-10-01", Some("Gideon Sa'ar")),
        ("Ron Dermer", None, "2025-10-01", Some("Ron Dermer")),
        ("the British deputy prime minister", None, "2025-10-01", Some("David Lammy")),
        ("the Saudi crown prince", None, "2025-10-01", Some("Mohammed bin Salman")),
        ("the Emir of Qatar", None, "2025-10-01", Some("Tamim bin Hamad Al Thani")),
        ("the Egyptian President", None, "2025-10-01", Some("Abdel Fattah el-Sisi")),
        ("King Abdullah II", None, "2025-10-01", Some("Abdullah II")),
        ("the Pakistani Prime Minister", None, "2025-10-01", Some("Shehbaz Sharif")),
        ("Nicolas Maduro", None, "2025-10-01", Some("Nicolás Maduro")),
        ("Jose Raul Mulino", None, "2025-10-01", Some("José Raúl Mulino")),
        ("the Danish Prime Minister", None, "2025-10-01", Some("Mette Frederiksen")),
        ("Greenland's Prime Minister", None, "2025-10-01", Some("Jens-Frederik Nielsen")),
        ("Greenland's Prime Minister", None, "2024-10-01", Some("Múte B. Egede")),
        // Nothing.
        ("", None, "2025-07-10", None),
        ("the weather", None, "2025-07-10", None),
    ];
    for &(m, c, on, expect) in table {
        check(&kb, m, c, on, expect);
    }
}

#[test]
fn governments_and_ranks() {
    use vane_core::{ActorId, Rank};
    let kb = Kb::bundled();
    for (code, name) in [
        ("RUS", "Government of Russia"),
        ("UKR", "Government of Ukraine"),
        ("USA", "Government of the United States"),
        ("DEU", "Government of Germany"),
        ("GBR", "Government of the United Kingdom"),
        ("EUR", "European Union"),
        ("NATO", "NATO"),
        ("UNO", "United Nations"),
    ] {
        assert_eq!(
            kb.government(&gov(code)).map(|a| a.name.as_str()),
            Some(name)
        );
    }
    let rank = |id: &str, on: &str| kb.get(&ActorId(id.into())).unwrap().rank_on(d(on));
    assert_eq!(rank("donald-trump", "2025-07-10"), Rank::Head);
    assert_eq!(rank("donald-trump", "2023-05-20"), Rank::None);
    assert_eq!(rank("marco-rubio", "2025-07-10"), Rank::Minister);
    assert_eq!(rank("pete-hegseth", "2025-07-10"), Rank::Minister);
    assert_eq!(rank("mark-milley", "2023-01-20"), Rank::Adviser);
    assert_eq!(rank("john-kirby", "2023-01-20"), Rank::Adviser);
    assert_eq!(
        rank("senior-administration-official", "2023-01-20"),
        Rank::Official
    );
    assert_eq!(rank("usa-eop", "2023-01-20"), Rank::Adviser);
    // Waltz between his two posts held neither.
    assert_eq!(rank("mike-waltz", "2025-03-01"), Rank::Adviser);
    assert_eq!(rank("mike-waltz", "2025-07-01"), Rank::None);
    assert_eq!(rank("mike-waltz", "2025-10-01"), Rank::Adviser);
    assert_eq!(rank("melanie-joly", "2025-10-01"), Rank::Minister);
    // A government as a whole speaks with its head's authority, never as an adviser.
    assert_eq!(rank("gov-rus", "2023-01-20"), Rank::Head);
    let rubio = kb.get(&ActorId("marco-rubio".into())).unwrap();
    let titles: Vec<&str> = rubio
        .roles_on(d("2025-07-10"))
        .map(|r| r.title.as_str())
        .collect();
    assert_eq!(
        titles,
        ["Secretary of State", "Acting National Security Adviser"]
    );
    assert_eq!(rubio.gov_on(d("2025-07-10")), Some(&gov("USA")));
    let main = vane_actors::primary_role(rubio, d("2025-07-10")).unwrap();
    assert_eq!(main.title, "Secretary of State");
    assert_eq!(main.office.as_deref(), Some("Department of State"));
}
