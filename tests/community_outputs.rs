//! What an onboarding site publishes besides its pages: the markdown copies
//! and `llms.txt` files of `outputs:` (fixtures `community-machine`,
//! `community-err-*`).

mod common;

use common::Site;
use pulldown_cmark::{Event, Parser, Tag};
use std::collections::BTreeSet;
use std::path::Path;

/// Builds a fixture that must fail; its stderr without the summary line.
fn fails(name: &str) -> String {
    let site = Site::copy(name);
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{name} should fail:\n{}", run.stderr);
    assert!(!site.out().exists(), "{name}: a failed build must not create the output folder");
    let mut lines: Vec<&str> = run.stderr.lines().collect();
    let summary = lines.pop().unwrap_or_default();
    assert!(summary.starts_with("build failed: "), "{name}: {summary}");
    lines.join("\n")
}

/// Every link and image destination of a markdown text.
fn destinations(md: &str) -> Vec<String> {
    Parser::new(md)
        .filter_map(|ev| match ev {
            Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
                Some(dest_url.to_string())
            }
            _ => None,
        })
        .collect()
}

/// The `(text, url)` of each `- [text](url)` line of an `llms.txt`.
fn llms_entries(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| {
            let rest = l.strip_prefix("- [")?;
            let (title, rest) = rest.split_once("](")?;
            let (url, _) = rest.split_once(')')?;
            Some((title.to_string(), url.to_string()))
        })
        .collect()
}

/// Output paths (`docs/a/`) of every page written in the language whose
/// URLs start with `prefix`, found by their `index.html`.
fn html_pages(out: &Path, prefix: &str, other_prefixes: &[&str]) -> BTreeSet<String> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_name() == "index.html")
        .map(|e| {
            let rel = e.path().strip_prefix(out).unwrap().to_str().unwrap().replace('\\', "/");
            rel.strip_suffix("index.html").unwrap().to_string()
        })
        .filter(|p| p.starts_with(prefix) && !other_prefixes.iter().any(|o| p.starts_with(o)))
        .collect()
}

#[test]
fn llms_txt_lists_every_page_of_its_language_and_each_linked_markdown_copy_exists() {
    let site = Site::copy("community-machine");
    site.build(&[]).ok();
    let out = site.out();
    for (prefix, others) in [("", &["fr/"][..]), ("fr/", &[][..])] {
        let llms = site.read(&format!("{prefix}llms.txt"));
        let entries = llms_entries(&llms);
        let base = format!("https://example.org/sub/{prefix}");
        let listed: BTreeSet<String> = entries
            .iter()
            .map(|(_, url)| {
                let rel = url.strip_prefix("https://example.org/sub/").unwrap_or_else(|| panic!("{url} not absolute"));
                assert!(url.starts_with(&base), "{url} is not in the language of {prefix}llms.txt");
                let page = rel.strip_suffix("index.md").unwrap_or_else(|| panic!("{url} is not a markdown copy"));
                assert!(out.join(rel).is_file(), "{url} is linked from {prefix}llms.txt but {rel} was not written");
                page.to_string()
            })
            .collect();
        assert_eq!(listed.len(), entries.len(), "a page is listed twice in {prefix}llms.txt:\n{llms}");
        assert_eq!(listed, html_pages(&out, prefix, others), "{prefix}llms.txt:\n{llms}");
    }
}

#[test]
fn llms_txt_has_title_description_and_a_group_per_top_level_section() {
    let site = Site::copy("community-machine");
    site.build(&[]).ok();
    assert_eq!(
        site.read("llms.txt"),
        "# Machines

> A site read by people and by programs.

- [Home](https://example.org/sub/index.md): Where it starts.
- [About us](https://example.org/sub/about/index.md)

## Docs

- [Docs](https://example.org/sub/docs/index.md)
- [Alpha](https://example.org/sub/docs/alpha/index.md): The first page.
- [Beta](https://example.org/sub/docs/beta/index.md)

## Guides

- [Guides](https://example.org/sub/guides/index.md)
- [A walk](https://example.org/sub/guides/walk/index.md)
"
    );
    let fr = site.read("fr/llms.txt");
    assert!(fr.starts_with("# Machines FR\n\n> Un site lu par des gens et des programmes.\n"), "{fr}");
    assert!(
        fr.lines().any(|l| l == "- [Alpha FR](https://example.org/sub/fr/docs/alpha/index.md): La première page."),
        "{fr}"
    );
}

#[test]
fn markdown_copy_has_the_title_line_and_only_absolute_links() {
    let site = Site::copy("community-machine");
    site.build(&[]).ok();
    let md = site.read("docs/alpha/index.md");
    assert!(md.starts_with("# Alpha\n\nSee "), "the front matter becomes the title line:\n{md}");
    assert!(!md.contains("Alpha heading"), "the page's own `# heading` is replaced by its title:\n{md}");
    assert_eq!(
        destinations(&md),
        [
            "https://example.org/sub/docs/beta/#setup",
            "https://example.org/sub/docs/alpha/#usage",
            "https://example.org/sub/logo.svg",
            "https://example.org/sub/files/notes.txt",
            "https://www.rust-lang.org/",
            "mailto:team@example.org",
            "https://example.org/sub/docs/beta/",
            "https://example.org/sub/logo.svg",
        ]
    );
    assert!(md.contains("and a bad one."), "a script link keeps its text only:\n{md}");
    assert!(!md.contains("javascript:"), "{md}");
    assert!(md.contains("> [!NOTE]\n > Notes keep their kind."), "{md}");
    for page in ["index.md", "about/index.md", "docs/index.md", "guides/walk/index.md", "fr/docs/alpha/index.md"] {
        for dest in destinations(&site.read(page)) {
            assert!(
                dest.starts_with("https://") || dest.starts_with("mailto:"),
                "{page}: `{dest}` is not an absolute URL"
            );
        }
    }
}

#[test]
fn markdown_copy_of_a_fallback_page_links_in_its_own_language() {
    let site = Site::copy("community-machine");
    site.build(&[]).ok();
    assert_eq!(
        site.read("fr/docs/beta/index.md"),
        "# Beta\n\n## Setup\n\nBack to [Alpha](https://example.org/sub/fr/docs/alpha/#usage).\n"
    );
    assert_eq!(
        destinations(&site.read("fr/docs/alpha/index.md")),
        ["https://example.org/sub/fr/docs/beta/#setup", "https://example.org/sub/fr/docs/alpha/#usage"]
    );
    // A folder without `_index.md` lists its children, as its page does.
    assert_eq!(site.read("fr/guides/index.md"), "# Guides\n\n- [A walk](https://example.org/sub/fr/guides/walk/)\n");
}

#[test]
fn llms_full_txt_holds_every_page_markdown_in_reading_order() {
    let site = Site::copy("community-machine");
    site.build(&[]).ok();
    let full = site.read("llms-full.txt");
    let titles: Vec<&str> = full.lines().filter(|l| l.starts_with("# ")).collect();
    assert_eq!(titles, ["# Home", "# Docs", "# Alpha", "# Beta", "# About us", "# Guides", "# A walk"]);
    assert!(full.contains(&site.read("docs/beta/index.md")), "{full}");
    assert!(!full.contains("][ref]"), "reference links are written inline so that pages cannot share labels");
}

#[test]
fn raw_html_left_out_of_the_page_is_left_out_of_its_markdown_copy() {
    let site = Site::copy("community-machine");
    site.build(&[]).ok();
    assert!(site.read("docs/alpha/index.md").contains("<div class=\"raw\">raw HTML</div>"));
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{yaml}markdown:\n  raw_html: false\n"));
    site.build(&[]).ok();
    let md = site.read("docs/alpha/index.md");
    assert!(!md.contains("raw HTML"), "{md}");
}

#[test]
fn no_outputs_key_writes_no_markdown_copies() {
    let site = Site::copy("community-machine");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", yaml.split("outputs:").next().unwrap());
    site.build(&[]).ok();
    assert!(site.out().join("docs/alpha/index.html").is_file());
    for f in ["docs/alpha/index.md", "index.md", "llms.txt", "llms-full.txt", "fr/llms.txt"] {
        assert!(!site.out().join(f).exists(), "{f} written without `outputs:`");
    }
}

#[test]
fn outputs_without_base_url_is_an_error() {
    assert_eq!(
        fails("community-err-outputs-base"),
        "site.yaml:4:1: error: `outputs` needs `base_url`: the markdown copies and `llms.txt` link pages by absolute URL\n  = help: set `base_url` to the address the site is published at, such as `https://docs.example.org/`"
    );
}

#[test]
fn page_at_the_path_of_a_markdown_copy_is_an_error() {
    assert_eq!(
        fails("community-err-markdown-copy"),
        "content/docs/index.md.md: error: this page would be written to `/docs/index.md/`, where the build writes the markdown copy of a page (`/docs/index.md`)\n  = help: rename the file or give it a `slug`"
    );
}

// ---- meetings ----

use jiff::ToSpan;
use jiff::civil::{Date, DateTime};

/// The `community-meetings` fixture with its data file written relative to
/// today: a weekly call in Europe/Paris that started two weeks ago, one
/// occurrence cancelled and one moved, listed 240 days ahead (so across at
/// least one daylight-saving change).
fn meetings_site() -> (Site, Date, Date) {
    let site = Site::copy("community-meetings");
    let today = jiff::ZonedDateTime::now().with_time_zone(jiff::tz::TimeZone::UTC).date();
    let start = today.checked_sub(14.days()).unwrap();
    let cancelled = start.checked_add(35.days()).unwrap();
    let moved = start.checked_add(70.days()).unwrap();
    let moved_to = moved.checked_add(1.days()).unwrap();
    site.write(
        "data/meetings.yaml",
        &format!(
            "- title: Community call\n  timezone: Europe/Paris\n  date: {start}\n  time: \"17:00\"\n  duration: 60\n  repeat: {{ weeks: 1 }}\n  join: https://meet.example/community\n  notes: https://notes.example/community\n  language: en\n  cancelled: [{cancelled}]\n  moved:\n    - {{ from: {moved}, to: {moved_to}T18:30 }}\n"
        ),
    );
    (site, cancelled, moved)
}

fn prop<'a>(props: &'a [ical::property::Property], name: &str) -> Option<&'a ical::property::Property> {
    props.iter().find(|p| p.name == name)
}

fn civil(value: &str) -> DateTime {
    DateTime::strptime("%Y%m%dT%H%M%S", value).unwrap_or_else(|e| panic!("{value}: {e}"))
}

#[test]
fn meetings_ics_parses_and_its_occurrences_match_the_page_across_daylight_saving() {
    let (site, cancelled, moved) = meetings_site();
    site.build(&[]).ok();
    // The page: every occurrence's start, and which ones are cancelled.
    let html = site.html("meetings/index.html");
    let sel = scraper::Selector::parse("li.meeting").unwrap();
    let time = scraper::Selector::parse("time[datetime]").unwrap();
    let mut page: Vec<jiff::Timestamp> = Vec::new();
    let mut offsets = BTreeSet::new();
    let mut page_cancelled = Vec::new();
    for li in html.select(&sel) {
        let dt = li.select(&time).next().unwrap().value().attr("datetime").unwrap().to_string();
        offsets.insert(dt[dt.len() - 6..].to_string());
        let ts: jiff::Timestamp = dt.parse().unwrap();
        if li.value().classes().any(|c| c == "meeting-cancelled") {
            page_cancelled.push(ts);
        } else {
            page.push(ts);
        }
    }
    assert!(page.len() >= 30, "{} occurrences listed", page.len());
    assert_eq!(
        offsets,
        BTreeSet::from(["+01:00".to_string(), "+02:00".to_string()]),
        "a daylight-saving change is crossed"
    );

    // The feed, through a real iCalendar parser.
    let bytes = std::fs::read(site.out().join("meetings/meetings.ics")).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line longer than 75 octets: {line:?}");
        assert!(!line.contains('\n'), "bare LF in {line:?}");
    }
    let cal = ical::IcalParser::new(std::io::BufReader::new(&bytes[..])).next().unwrap().unwrap();
    // The zone's observances: (local start on the previous clock, offset after), by time.
    assert_eq!(cal.timezones.len(), 1);
    let tz = &cal.timezones[0];
    assert_eq!(prop(&tz.properties, "TZID").unwrap().value.as_deref(), Some("Europe/Paris"));
    let offset_secs = |v: &str| {
        let sign = if v.starts_with('-') { -1 } else { 1 };
        sign * (v[1..3].parse::<i64>().unwrap() * 3600 + v[3..5].parse::<i64>().unwrap() * 60)
    };
    let mut observances: Vec<(DateTime, i64)> = tz
        .transitions
        .iter()
        .map(|t| {
            let start = civil(prop(&t.properties, "DTSTART").unwrap().value.as_deref().unwrap());
            (start, offset_secs(prop(&t.properties, "TZOFFSETTO").unwrap().value.as_deref().unwrap()))
        })
        .collect();
    observances.sort();
    let to_utc = |local: DateTime| {
        let (_, off) = observances.iter().rev().find(|(s, _)| *s <= local).expect("an observance in force");
        jiff::tz::Offset::UTC.to_timestamp(local).unwrap().checked_sub(off.seconds()).unwrap()
    };
    let master = cal.events.iter().find(|e| prop(&e.properties, "RECURRENCE-ID").is_none()).unwrap();
    let uid = prop(&master.properties, "UID").unwrap().value.clone().unwrap();
    assert!(prop(&master.properties, "DTSTAMP").is_some());
    let dtstart = prop(&master.properties, "DTSTART").unwrap();
    assert_eq!(dtstart.params.as_ref().unwrap()[0], ("TZID".to_string(), vec!["Europe/Paris".to_string()]));
    assert_eq!(prop(&master.properties, "RRULE").unwrap().value.as_deref(), Some("FREQ=WEEKLY;INTERVAL=1"));
    assert_eq!(prop(&master.properties, "DURATION").unwrap().value.as_deref(), Some("PT60M"));
    let exdates: Vec<DateTime> =
        master.properties.iter().filter(|p| p.name == "EXDATE").map(|p| civil(p.value.as_deref().unwrap())).collect();
    assert_eq!(exdates, [cancelled.to_datetime(jiff::civil::time(17, 0, 0, 0))]);
    let overrides: Vec<(DateTime, DateTime)> = cal
        .events
        .iter()
        .filter_map(|e| {
            let rid = prop(&e.properties, "RECURRENCE-ID")?;
            assert_eq!(prop(&e.properties, "UID").unwrap().value.as_ref(), Some(&uid));
            Some((
                civil(rid.value.as_deref().unwrap()),
                civil(prop(&e.properties, "DTSTART").unwrap().value.as_deref().unwrap()),
            ))
        })
        .collect();
    assert_eq!(overrides.len(), 1);
    assert_eq!(overrides[0].0.date(), moved);

    // Expand the rule as a calendar would, and keep what the page's window holds.
    let first = page.first().copied().unwrap();
    let last = page.last().copied().unwrap();
    let mut expanded = Vec::new();
    let mut local = civil(dtstart.value.as_deref().unwrap());
    while to_utc(local) <= last.checked_add(48.hours()).unwrap() {
        if !exdates.contains(&local) {
            let start = overrides.iter().find(|(rid, _)| *rid == local).map_or(local, |(_, to)| *to);
            let ts = to_utc(start);
            if ts >= first && ts <= last {
                expanded.push(ts);
            }
        }
        local = local.checked_add(7.days()).unwrap();
    }
    expanded.sort();
    assert_eq!(expanded, page, "the feed's occurrences are the page's");
    assert!(page_cancelled.iter().all(|c| !expanded.contains(c)));
}

#[test]
fn meetings_page_shows_each_start_in_the_meeting_zone_with_its_links() {
    let (site, _, moved) = meetings_site();
    site.build(&[]).ok();
    let html = site.html("meetings/index.html");
    let sel = scraper::Selector::parse("li.meeting").unwrap();
    let first = html.select(&sel).next().unwrap();
    let time = first.select(&scraper::Selector::parse("time").unwrap()).next().unwrap();
    let dt = time.value().attr("datetime").unwrap();
    assert!(dt.contains("T17:00:00+0"), "{dt}");
    let text: String = time.text().collect();
    assert!(text.ends_with(" 17:00 CET (Europe/Paris)") || text.ends_with(" 17:00 CEST (Europe/Paris)"), "{text}");
    let links: Vec<&str> = first
        .select(&scraper::Selector::parse(".meeting-links a").unwrap())
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert_eq!(links, ["https://meet.example/community", "https://notes.example/community"]);
    let moved_to = moved.checked_add(1.days()).unwrap();
    let moved_li = html
        .select(&sel)
        .find(|li| {
            li.select(&scraper::Selector::parse("time").unwrap())
                .next()
                .unwrap()
                .value()
                .attr("datetime")
                .unwrap()
                .starts_with(&format!("{moved_to}T18:30:00"))
        })
        .expect("the moved occurrence at its new time");
    assert_eq!(
        moved_li
            .select(&scraper::Selector::parse(".meeting-status").unwrap())
            .map(|e| e.text().collect::<String>())
            .collect::<Vec<_>>(),
        ["Moved"]
    );
    assert_eq!(common::attrs(&html, "link[rel=alternate][type='text/calendar']", "href"), ["/meetings/meetings.ics"]);
}

#[test]
fn bad_meetings_report_unknown_zone_impossible_day_and_end_before_start() {
    assert_eq!(
        fails("community-err-meetings"),
        "data/meetings.yaml:2:13: error: unknown time zone `Europe/Pariss`
  = help: did you mean `Europe/Paris`? Time zones are IANA names such as `Europe/Paris` or `America/New_York`
data/meetings.yaml:14:7: error: there is no day 32 in a month
  = help: `day` is 1 to 31; months without that day (31, or 29 to 31 in February) are skipped
data/meetings.yaml:18:3: error: `until` (2026-04-01) is before `date` (2026-05-01): the meeting would never take place
  = help: `until` is the last day the meeting can take place"
    );
}

// ---- video embeds ----

#[test]
fn video_link_alone_becomes_a_placeholder_and_nothing_loads_from_the_video_site() {
    let site = Site::copy("community-video");
    site.build(&[]).ok();
    let html = site.html("talks/index.html");
    assert_eq!(
        common::attrs(&html, "figure.video-embed", "data-embed-src"),
        [
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1",
            "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1",
            "https://framatube.org/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d?autoplay=1",
        ]
    );
    // The placeholder is a link to the video (focusable, works without script).
    assert_eq!(
        common::attrs(&html, "figure.video-embed a.video-placeholder[data-video-play]", "href"),
        [
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://vimeo.com/76979871",
            "https://framatube.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d",
        ]
    );
    assert_eq!(
        common::text_of(&html, "figure.video-embed:first-of-type .video-play-label"),
        "Play video: Getting started with onramp"
    );
    assert_eq!(
        common::attrs(&html, "figure.video-embed:first-of-type figcaption a", "href"),
        ["https://www.youtube.com/watch?v=dQw4w9WgXcQ", "/transcripts/intro/"]
    );
    assert_eq!(common::text_of(&html, "figure.video-embed:first-of-type .video-link"), "Watch on YouTube");
    // Nothing the browser fetches on its own points outside the site.
    assert!(common::select(&html, "iframe, video, object, embed").is_empty());
    for (sel, attr) in [("[src]", "src"), ("link[href]", "href"), ("[srcset]", "srcset"), ("[poster]", "poster")] {
        for v in common::attrs(&html, sel, attr) {
            assert!(!v.contains("://") || v.starts_with("https://example.org/"), "{sel} loads {v} before a click");
        }
    }
    // A video link inside a sentence stays a link.
    assert_eq!(common::select(&html, ".prose > p a[href='https://youtu.be/dQw4w9WgXcQ']").len(), 1);
}

#[test]
fn video_placeholder_texts_are_in_the_content_language() {
    let site = Site::copy("community-video");
    site.build(&[]).ok();
    let html = site.html("fr/talks/index.html");
    assert_eq!(common::text_of(&html, ".video-play-label"), "Lire la vidéo: Premiers pas");
    assert_eq!(common::text_of(&html, ".video-link"), "Voir sur YouTube");
}

#[test]
fn video_player_loads_only_after_the_placeholder_is_activated_from_the_keyboard() {
    let test = "video_player_loads_only_after_the_placeholder_is_activated_from_the_keyboard";
    let site = Site::copy("community-video");
    site.build(&[]).ok();
    let Some(mut chrome) = common::chrome::browser_or_skip(test) else { return };
    let server = common::http::Server::start(&site.out());
    let wait = std::time::Duration::from_secs(15);
    chrome.navigate(&server.url("/talks/")).expect("navigate");
    chrome.wait_for("document.readyState === 'complete'", wait).expect("page loaded");
    let origin = server.url("/");
    let foreign =
        format!("performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith({origin:?}))");
    assert_eq!(chrome.eval(&foreign).unwrap(), serde_json::json!([]), "requests before a click");
    assert_eq!(chrome.eval("document.querySelectorAll('iframe').length").unwrap(), serde_json::json!(0));
    chrome.eval("document.querySelector('[data-video-play]').focus()").unwrap();
    chrome.press_key("Enter").expect("Enter");
    let src = chrome
        .wait_for("(document.querySelector('iframe.video-frame') || {}).src", wait)
        .expect("the player replaces the placeholder");
    assert_eq!(src, serde_json::json!("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"));
    assert_eq!(
        chrome.eval("document.activeElement.tagName + '|' + document.activeElement.title").unwrap(),
        serde_json::json!("IFRAME|Getting started with onramp")
    );
    // The other two videos still wait for their click.
    assert_eq!(chrome.eval("document.querySelectorAll('[data-video-play]').length").unwrap(), serde_json::json!(2));
}

#[test]
fn meetings_with_huge_weeks_or_days_is_an_error_not_a_panic() {
    let site = Site::copy("community-meetings");
    let page = std::fs::read_to_string(site.root().join("content/meetings.md")).unwrap();
    site.write("content/meetings.md", &page.replace("days: 240", "days: 4000000000"));
    site.write(
        "data/meetings.yaml",
        "- title: Call\n  timezone: UTC\n  date: 2026-01-01\n  time: \"10:00\"\n  duration: 4000000000\n  repeat: { weeks: 4000000000 }\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines[..lines.len() - 1].join("\n"),
        "content/meetings.md:5:3: error: `days` is 4000000000, more than 3660 (ten years)
  = help: the page lists the meetings of the next `days` days; the feed holds them all
data/meetings.yaml:6:3: error: `repeat: {weeks: N}` is at most 520 (ten years)"
    );
}
