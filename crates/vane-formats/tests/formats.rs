use vane_core::Date;
use vane_formats::{
    dedup, feed, gunzip, html, jsonl, sniff, DateSource, FieldMap, Format, FormatError, Limits,
    Options,
};
use vane_ingest::UndatedPolicy;

fn data(name: &str) -> Vec<u8> {
    // The directory at run time: a test binary built in another checkout
    // that shares the target directory still reads this one's data.
    let dir = std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into()),
    );
    std::fs::read(dir.join("tests/data").join(name)).unwrap()
}

fn keep() -> Options {
    Options {
        ingest: vane_ingest::Options {
            published: None,
            undated: UndatedPolicy::Keep,
        },
        limits: Limits::default(),
    }
}

fn reject() -> Options {
    Options {
        ingest: vane_ingest::Options {
            published: None,
            undated: UndatedPolicy::Reject,
        },
        limits: Limits::default(),
    }
}

fn date(s: &str) -> Option<Date> {
    vane_ingest::parse_date(s)
}

#[test]
fn html_main_text_and_metadata() {
    let p = html("article.html", &data("article.html"), &reject()).unwrap();
    let d = &p.doc;
    assert_eq!(d.id, vane_ingest::doc_id(&d.text));
    assert_eq!(d.name, "article.html");
    assert_eq!(
        d.title.as_deref(),
        Some("US pauses artillery deliveries pending review")
    );
    // The local date as written (22:30 -05:00), not the UTC day.
    assert_eq!(d.published, date("2023-01-25"));
    assert_eq!(p.date_source, Some(DateSource::JsonLd));
    assert_eq!(p.author.as_deref(), Some("Jane Doe"));
    assert_eq!(
        d.url.as_deref(),
        Some("https://news.example.com/2023/01/25/pause")
    );
    assert_eq!(d.source.as_deref(), Some("Example News"));
    assert!(
        d.text.contains("pause deliveries of artillery shells"),
        "{}",
        d.text
    );
    assert!(
        d.text.contains("\n\n“We are not walking away"),
        "{}",
        d.text
    );
    for chrome in [
        "Share on Facebook",
        "All rights reserved",
        "Markets rally",
        "Privacy",
    ] {
        assert!(!d.text.contains(chrome), "{chrome} in {}", d.text);
    }

    let p = html("syndicated.html", &data("syndicated.html"), &reject()).unwrap();
    assert_eq!(p.date_source, Some(DateSource::OpenGraph));
    assert_eq!(p.doc.published, date("2023-01-26"));
    assert_eq!(p.site_name.as_deref(), Some("Wire Service"));
}

#[test]
fn undated_page_stays_undated() {
    let p = html("undated.html", &data("undated.html"), &keep()).unwrap();
    assert_eq!(p.doc.published, None);
    assert_eq!(p.date_source, None);
    let e = html("undated.html", &data("undated.html"), &reject()).unwrap_err();
    assert_eq!(
        e,
        FormatError::Undated {
            name: "undated.html".into()
        }
    );
    let mut fallback = reject();
    fallback.ingest.published = date("2024-05-06");
    let p = html("undated.html", &data("undated.html"), &fallback).unwrap();
    assert_eq!(p.doc.published, date("2024-05-06"));
    assert_eq!(p.date_source, Some(DateSource::Fallback));
}

#[test]
fn rss_items_summary_flags_and_duplicate_pages() {
    let items = feed("feed.rss", &data("feed.rss"), &reject()).unwrap();
    assert_eq!(items.len(), 3);
    let first = items[0].doc.as_ref().unwrap();
    assert_eq!(items[0].name, "feed.rss#1");
    assert_eq!(first.published, date("2023-01-25"), "local date kept");
    assert_eq!(items[0].date_source, Some(DateSource::Feed));
    assert_eq!(items[0].needs_fetch, None);
    assert_eq!(items[0].author.as_deref(), Some("John Roe"));
    assert_eq!(first.source.as_deref(), Some("Example World Desk"));
    assert!(first.text.starts_with("BRUSSELS — Officials"));
    assert!(first.text.contains("\n\nThe proposal"));
    // Summary-only items ask for their page.
    assert_eq!(
        items[1].needs_fetch.as_deref(),
        Some("https://news.example.com/2023/01/25/pause")
    );
    assert_eq!(
        items[2].needs_fetch.as_deref(),
        Some("https://wire.example.org/pause-123")
    );
    assert!(items[1]
        .doc
        .as_ref()
        .unwrap()
        .text
        .contains("shells & more"));
    assert_eq!(
        items[2].doc.as_ref().unwrap().text,
        "The United States will pause deliveries of artillery shells, the Secretary of State said."
    );

    // The CLI fetches the pages; here they are fixtures. The second page is
    // a syndicated copy of the first.
    let pages = [
        html("feed.rss#2", &data("article.html"), &reject()).unwrap(),
        html("feed.rss#3", &data("syndicated.html"), &reject()).unwrap(),
    ];
    let mut ix = dedup::Index::default();
    assert_eq!(ix.check(&first.id, &first.text), None);
    assert_eq!(ix.check(&pages[0].doc.id, &pages[0].doc.text), None);
    let dup = ix
        .check(&pages[1].doc.id, &pages[1].doc.text)
        .expect("a near duplicate");
    assert_eq!(dup.of, pages[0].doc.id);
    assert!(
        dup.similarity > 0.8 && dup.similarity < 1.0,
        "{}",
        dup.similarity
    );
}

#[test]
fn atom_and_json_feed() {
    let items = feed("feed.atom", &data("feed.atom"), &reject()).unwrap();
    assert_eq!(items.len(), 1);
    let d = items[0].doc.as_ref().unwrap();
    assert_eq!(d.title.as_deref(), Some("Ministers meet again"));
    assert_eq!(d.published, date("2023-01-27"));
    assert_eq!(
        items[0].needs_fetch.as_deref(),
        Some("https://atom.example.com/1")
    );
    assert_eq!(items[0].author.as_deref(), Some("Ann Example"));

    let items = feed("feed.json", &data("feed.json"), &reject()).unwrap();
    assert_eq!(items.len(), 1);
    let d = items[0].doc.as_ref().unwrap();
    assert_eq!(d.published, date("2023-02-01"));
    assert_eq!(items[0].needs_fetch, None);
    assert!(d.text.starts_with("Negotiators resumed talks"));
    assert_eq!(d.url.as_deref(), Some("https://json.example.com/1"));
}

#[test]
fn jsonl_items_and_line_errors() {
    let map = FieldMap::parse("text=maintext,published=date_publish,title=title,url=url").unwrap();
    let items = jsonl("export.jsonl", &data("export.jsonl"), &map, &reject()).unwrap();
    assert_eq!(items.len(), 6);
    let d = items[0].doc.as_ref().unwrap();
    assert_eq!(items[0].name, "export.jsonl:1");
    assert_eq!(d.text, "Negotiators resumed talks on Wednesday in Geneva.");
    assert_eq!(d.published, date("2023-02-01"));
    assert_eq!(d.source.as_deref(), Some("np.example.com"));
    assert_eq!(items[0].author.as_deref(), Some("Pat Writer, Sam Other"));
    assert_eq!(items[0].date_source, Some(DateSource::Field));
    assert!(
        matches!(&items[1].doc, Err(FormatError::BadJson { line: 2, .. })),
        "{:?}",
        items[1].doc
    );
    assert!(items[1]
        .doc
        .as_ref()
        .unwrap_err()
        .to_string()
        .starts_with("export.jsonl:2: bad JSON"));
    assert!(matches!(
        &items[2].doc,
        Err(FormatError::MissingField { .. })
    ));
    assert_eq!(items[3].name, "export.jsonl:5");
    assert!(matches!(&items[3].doc, Err(FormatError::BadDate { .. })));
    assert_eq!(items[4].doc.as_ref().unwrap().published, date("2023-02-03"));
    assert!(matches!(
        &items[5].doc,
        Err(FormatError::BadJson { line: 7, .. })
    ));

    assert!(FieldMap::parse("text").is_err());
    assert!(FieldMap::parse("colour=x").is_err());
    assert!(FieldMap::parse("text=").is_err());
}

#[test]
fn sniffing() {
    assert_eq!(sniff("a.html", b""), Format::Html);
    assert_eq!(sniff("a.html.gz", b""), Format::Html);
    assert_eq!(sniff("a.md", b""), Format::Text);
    assert_eq!(sniff("a.jsonl", b""), Format::Jsonl);
    assert_eq!(sniff("feed", &data("feed.rss")), Format::Feed);
    assert_eq!(sniff("feed.xml", &data("feed.atom")), Format::Feed);
    assert_eq!(sniff("feed", &data("feed.json")), Format::Feed);
    assert_eq!(sniff("page", &data("article.html")), Format::Html);
    assert_eq!(sniff("x", b"{\"maintext\": \"a\"}\n"), Format::Jsonl);
    assert_eq!(sniff("x", b"WARC/1.0\r\n"), Format::Warc);
    assert_eq!(sniff("x", b"Just some words."), Format::Text);
    let gz = gz(&data("feed.rss"));
    assert_eq!(sniff("download", &gz), Format::Feed);
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

#[test]
fn hostile_inputs_are_named_errors() {
    let o = keep();
    // Binary data
    let e = html("img.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0", &o).unwrap_err();
    assert_eq!(e.to_string(), "img.png: binary data, not text");
    // Truncated HTML still yields text
    let page = String::from_utf8(data("article.html")).unwrap();
    let cut = &page[..page.find("Lawmakers").unwrap() + 20];
    let p = html("cut.html", cut.as_bytes(), &o).unwrap();
    assert!(p.doc.text.contains("pause deliveries"));
    // Empty and content-free pages
    assert!(matches!(
        html("e.html", b"", &o),
        Err(FormatError::NoContent { .. })
    ));
    assert!(matches!(
        html("e.html", b"<html><body></body></html>", &o),
        Err(FormatError::NoContent { .. })
    ));
    // Invalid UTF-8 is decoded, not rejected
    let p = html("w.html", b"<html><body><article><p>Caf\xe9 owners said the new rules would hurt business in the old town, where many shops have already closed this year.</p></article></body></html>", &o).unwrap();
    assert!(p.doc.text.contains("Café owners"), "{}", p.doc.text);
    // Size cap
    let small = Options {
        limits: Limits {
            max_bytes: 100,
            ..Limits::default()
        },
        ..keep()
    };
    assert!(matches!(
        html("big.html", &data("article.html"), &small),
        Err(FormatError::TooLarge { .. })
    ));
    // Gzip bomb: 50 MB of zeros compresses to ~50 KB; capped at 1 MB
    let bomb = gz(&vec![b' '; 50 << 20]);
    let capped = Options {
        limits: Limits {
            max_bytes: 1 << 20,
            ..Limits::default()
        },
        ..keep()
    };
    assert!(matches!(
        html("bomb.html.gz", &bomb, &capped),
        Err(FormatError::TooLarge { .. })
    ));
    assert!(matches!(
        gunzip("x.gz", &bomb, 1000),
        Err(FormatError::TooLarge { .. })
    ));
    assert!(matches!(
        gunzip("x.gz", &bomb[..100], 1 << 30),
        Err(FormatError::Gzip { .. })
    ));
    // Gzipped page is read through
    let p = html("a.html.gz", &gz(&data("article.html")), &o).unwrap();
    assert!(p.doc.text.contains("pause deliveries"));
    // Too many elements
    let many = format!("<html><body>{}</body></html>", "<p>x</p>".repeat(5000));
    let few = Options {
        limits: Limits {
            max_elements: 1000,
            ..Limits::default()
        },
        ..keep()
    };
    assert!(matches!(
        html("many.html", many.as_bytes(), &few),
        Err(FormatError::TooComplex { .. })
    ));
    // Deep nesting does not overflow the stack
    let deep = format!(
        "<html><body>{}<p>Deep text here.</p></body></html>",
        "<div>".repeat(20_000)
    );
    let t = std::time::Instant::now();
    let e = html("deep.html", deep.as_bytes(), &o).unwrap_err();
    assert!(matches!(e, FormatError::TooComplex { .. }), "{e}");
    assert!(t.elapsed().as_secs() < 5);

    // Invalid XML feeds
    assert!(matches!(
        feed("bad.rss", b"<rss><channel><item><title>x</item>", &o),
        Err(FormatError::BadFeed { .. }) | Ok(_)
    ));
    assert!(matches!(
        feed("bad.rss", b"not a feed at all", &o),
        Err(FormatError::BadFeed { .. })
    ));
    assert!(matches!(
        feed("bin.rss", b"\0\0\0\x01\x02", &o),
        Err(FormatError::Binary { .. })
    ));
    // Billion laughs: entities are never expanded
    let mut lol = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        lol.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">\n",
            format!(
                "&lol{};",
                if i == 1 {
                    String::new()
                } else {
                    (i - 1).to_string()
                }
            )
            .repeat(10)
        ));
    }
    lol.push_str("]>\n<rss version=\"2.0\"><channel><title>t</title><item><title>&lol9;</title><link>https://x.example/1</link><description>&lol9;</description></item></channel></rss>");
    let t = std::time::Instant::now();
    match feed("lol.rss", lol.as_bytes(), &o) {
        Ok(items) => {
            for i in items {
                if let Ok(d) = i.doc {
                    assert!(d.text.len() < 1000, "expanded");
                }
            }
        }
        Err(e) => assert!(matches!(e, FormatError::BadFeed { .. })),
    }
    assert!(t.elapsed().as_secs() < 5);
    // JSONL with invalid UTF-8 and binary junk lines
    let items = jsonl(
        "j.jsonl",
        b"\xff\xfe{\"maintext\":\"a\"}\n\0\0\0\n",
        &FieldMap::default(),
        &o,
    )
    .unwrap();
    assert!(items.iter().all(|i| i.doc.is_err()));
}

#[test]
fn no_panics_on_prefixes_and_noise() {
    let o = keep();
    let map = FieldMap::default();
    let mut inputs: Vec<Vec<u8>> = Vec::new();
    for f in [
        "article.html",
        "feed.rss",
        "feed.atom",
        "feed.json",
        "export.jsonl",
    ] {
        let b = data(f);
        let step = (b.len() / 12).max(1);
        for cut in (0..b.len()).step_by(step) {
            inputs.push(b[..cut].to_vec());
        }
    }
    // Deterministic noise.
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    for len in [1usize, 7, 64, 500, 3000] {
        let mut v = Vec::with_capacity(len);
        for _ in 0..len {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            v.push((x >> 24) as u8);
        }
        inputs.push(v.clone());
        v.insert(0, b'<');
        inputs.push(v);
    }
    inputs.push(
        b"<rss><channel><item><title>&#xFFFFFFFF;&#0;</title></item></channel></rss>".to_vec(),
    );
    inputs.push(b"{\"version\":\"https://jsonfeed.org/version/1\",\"items\":[{\"date_published\":\"9999999999999999999\"}]}".to_vec());
    inputs.push(b"<html><head><script type=\"application/ld+json\">[[[[[[[[[[{\"datePublished\":\"2023-13-45\"}]]]]]]]]]]</script></head><body><p>x</p></body></html>".to_vec());
    for b in &inputs {
        let _ = sniff("x", b);
        let _ = vane_formats::decode(b, Some("charset=\u{e9}"));
        let _ = html("x.html", b, &o);
        let _ = feed("x.rss", b, &o);
        let _ = jsonl("x.jsonl", b, &map, &o);
        let _ = vane_formats::parse_date_lenient(&String::from_utf8_lossy(b));
        let mut ix = dedup::Index::default();
        let _ = ix.check(&vane_ingest::doc_id("x"), &String::from_utf8_lossy(b));
    }
}
