//! Video embeds with posters, lengths and files of the site, the
//! ```` ```video ```` block, and the `videos` listing layout (fixtures
//! `videos-*`).

mod common;

use common::{Site, attrs, built, select, text_of};
use serde_json::{Value, json};
use std::time::Duration;

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

/// Nothing the page fetches on its own (sources, posters, stylesheets)
/// is outside the site (`base_url`), and there is no player in it.
fn loads_nothing_from_another_site(html: &scraper::Html, base_url: &str) {
    assert!(select(html, "iframe, object, embed").is_empty());
    for (sel, attr) in [("[src]", "src"), ("link[href]", "href"), ("[srcset]", "srcset"), ("[poster]", "poster")] {
        for v in attrs(html, sel, attr) {
            let remote = v.contains("://") || v.starts_with("//");
            assert!(!remote || v.starts_with(base_url), "{sel} loads {v} before a click");
        }
    }
}

// ---- embeds in markdown ----

#[test]
fn video_link_with_a_poster_of_the_site_shows_the_poster_in_its_placeholder() {
    let site = built("videos-embeds");
    let html = site.html("talks/index.html");
    let first = "figure.video-embed:nth-of-type(1)";
    assert_eq!(
        attrs(&html, &format!("{first} a.video-placeholder.video-has-poster > img.video-poster"), "src"),
        ["/docs/images/talk.svg"]
    );
    // The poster is decoration: the play control names the video.
    assert_eq!(attrs(&html, &format!("{first} img.video-poster"), "alt"), [""]);
    assert_eq!(
        text_of(&html, &format!("{first} .video-play-label")),
        "Play video: Getting started & \"more\" with onramp"
    );
    assert_eq!(attrs(&html, first, "data-video-title"), ["Getting started & \"more\" with onramp"]);
    assert_eq!(attrs(&html, &format!("{first} .video-placeholder .video-duration time"), "datetime"), ["PT12M34S"]);
    assert_eq!(text_of(&html, &format!("{first} .video-placeholder .video-duration")), "12:34");
    assert_eq!(
        attrs(&html, &format!("{first} figcaption a"), "href"),
        ["https://www.youtube.com/watch?v=dQw4w9WgXcQ", "/docs/transcripts/intro/"]
    );
    loads_nothing_from_another_site(&html, "https://example.org/docs/");
}

#[test]
fn video_link_without_a_poster_shows_its_title_and_length_on_the_placeholder() {
    let site = built("videos-embeds");
    let html = site.html("talks/index.html");
    let second = "figure.video-embed:nth-of-type(2)";
    assert_eq!(attrs(&html, second, "data-embed-src"), ["https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"]);
    assert!(select(&html, &format!("{second} img")).is_empty());
    assert_eq!(attrs(&html, &format!("{second} a.video-placeholder"), "class"), ["video-placeholder"]);
    assert_eq!(text_of(&html, &format!("{second} .video-placeholder-title")), "Release walkthrough");
    assert_eq!(attrs(&html, &format!("{second} .video-placeholder-title"), "aria-hidden"), ["true"]);
    assert_eq!(text_of(&html, &format!("{second} .video-duration")), "1:02:03");
    assert_eq!(attrs(&html, &format!("{second} .video-duration time"), "datetime"), ["PT1H2M3S"]);
}

#[test]
fn video_file_of_the_site_is_a_video_element_with_its_poster_and_a_link_to_the_file() {
    let site = built("videos-embeds");
    let html = site.html("talks/index.html");
    let videos = select(&html, "figure.video-embed.video-file video");
    assert_eq!(videos.len(), 2);
    let got: Vec<[Option<&str>; 4]> =
        videos.iter().map(|v| ["controls", "preload", "poster", "aria-label"].map(|a| v.value().attr(a))).collect();
    assert_eq!(
        got,
        [
            [Some(""), Some("none"), Some("/docs/media/demo-poster.svg"), Some("Demo of the search")],
            [Some(""), Some("none"), Some("/docs/images/talk.svg"), Some("Community call, March")],
        ]
    );
    assert_eq!(
        attrs(&html, "figure.video-file video > source", "src"),
        ["/docs/media/demo.webm", "/docs/videos/meeting.mp4"]
    );
    assert_eq!(attrs(&html, "figure.video-file video > source", "type"), ["video/webm", "video/mp4"]);
    assert_eq!(
        attrs(&html, "figure.video-file figcaption a", "href"),
        ["/docs/media/demo.webm", "/docs/videos/meeting.mp4", "/docs/transcripts/intro/"]
    );
    assert_eq!(
        select(&html, "figure.video-file a.video-link")
            .iter()
            .map(|a| a.text().collect::<String>())
            .collect::<Vec<_>>(),
        ["Download the video", "Download the video"]
    );
    // The `video` block: its length and its transcript in the caption.
    assert_eq!(text_of(&html, "figure.video-file:nth-of-type(4) figcaption .video-duration"), "58:00");
    assert_eq!(text_of(&html, "figure.video-file a.video-transcript"), "Transcript");
    // A self-hosted file has no third-party player, so no privacy note.
    assert!(select(&html, "figure.video-file .video-privacy").is_empty());
    // The files the embeds name were published.
    for rel in ["media/demo.webm", "videos/meeting.mp4", "media/demo-poster.svg", "images/talk.svg"] {
        assert!(site.out().join(rel).is_file(), "{rel}");
    }
}

#[test]
fn links_that_are_not_video_embeds_stay_links() {
    let site = built("videos-embeds");
    let html = site.html("talks/index.html");
    assert_eq!(select(&html, "figure.video-embed").len(), 4);
    // A video file named inside a sentence, and a linked image of another site.
    assert_eq!(attrs(&html, ".prose p > a[href='/docs/media/demo.webm']", "href").len(), 1);
    assert_eq!(attrs(&html, ".prose p > a[href='https://example.com/'] > img", "src"), ["/docs/images/talk.svg"]);
}

#[test]
fn video_embed_with_a_missing_poster_or_an_unsupported_host_is_an_error_at_its_line_and_column() {
    let supported = "onramp embeds YouTube (youtube.com, youtu.be), Vimeo (vimeo.com) and PeerTube (`https://<instance>/w/<id>`) videos, and `.mp4` or `.webm` files of the site";
    assert_eq!(
        fails("videos-err-embeds"),
        format!(
            "content/_index.md:4:2: error: poster image `/images/missing.svg` not found
  = help: `/images/missing.svg` is read from `static/images/missing.svg` or `content/images/missing.svg`; neither exists
content/_index.md:6:2: warning: poster `https://img.youtube.com/vi/dQw4w9WgXcQ/0.jpg` is not a file of the site
  = help: an image from another site would load before the reader clicks: put it under `static/` and write its path (`/images/talk.svg`)
content/_index.md:9:6: error: unsupported video host `videos.example.org`
  = help: {supported}; link other videos as ordinary links
content/_index.md:15:9: error: poster image `talk.svg` not found
  = help: it points to `content/talk.svg`, which does not exist; a path starting with `/` is read from `static/`
content/_index.md:20:1: error: unknown field `postr`
  = help: did you mean `poster`?
content/_index.md:25:11: error: `duration` must be minutes and seconds like `12:34` or `1:02:03`, found `12:75`
  = help: write the length as `M:SS` or `H:MM:SS`, in quotes in YAML: `duration: \"12:34\"`
content/_index.md:29:1: error: missing field `url`
  = help: add `url: …`"
        )
    );
}

// ---- the videos layout ----

#[test]
fn videos_listing_is_newest_first_and_every_card_loads_nothing_before_a_click() {
    let site = built("videos-listing");
    let html = site.html("videos/index.html");
    assert_eq!(
        select(&html, ".video-grid > li.video-card h2.video-card-title")
            .iter()
            .map(|h| h.text().collect::<String>())
            .collect::<Vec<_>>(),
        // Two on 2026-02-11: by title.
        ["Community call, March", "Release walkthrough", "Search in two minutes", "Getting started with onramp"]
    );
    assert_eq!(
        attrs(&html, ".video-card .video-card-meta > time:first-child", "datetime"),
        ["2026-03-05", "2026-02-11", "2026-02-11", "2026-01-20"]
    );
    assert_eq!(attrs(&html, ".video-card", "data-kind"), ["meeting", "demo", "demo", "talk"]);
    // The players: the same click-to-load embed as in markdown.
    assert_eq!(
        attrs(&html, ".video-card figure.video-embed[data-video-embed]", "data-embed-src"),
        [
            "https://framatube.org/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d?autoplay=1",
            "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1",
        ]
    );
    assert_eq!(
        attrs(&html, ".video-card a.video-placeholder[data-video-play]", "href"),
        [
            "https://framatube.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d",
            "https://vimeo.com/76979871",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        ]
    );
    // A poster of the site, or the title on the placeholder.
    assert_eq!(attrs(&html, ".video-card:nth-child(4) img.video-poster", "src"), ["/images/talk.svg"]);
    assert_eq!(text_of(&html, ".video-card:nth-child(1) .video-placeholder-title"), "Community call, March");
    assert_eq!(text_of(&html, ".video-card:nth-child(1) .video-duration"), "1:01:00");
    // A file of the site.
    assert_eq!(
        attrs(&html, ".video-card:nth-child(3) video[preload='none'][controls]", "poster"),
        ["/images/talk.svg"]
    );
    assert_eq!(attrs(&html, ".video-card:nth-child(3) video > source", "src"), ["/videos/demo.webm"]);
    // Speakers, kind, tags, description, transcript.
    let talk = ".video-card:nth-child(4)";
    assert_eq!(text_of(&html, &format!("{talk} .video-card-speakers")), "Speakers: Ada Lovelace, Grace Hopper");
    assert_eq!(text_of(&html, &format!("{talk} .video-kind")), "Talk");
    assert_eq!(
        select(&html, &format!("{talk} .video-card-tags > li")).iter().map(|t| t.inner_html()).collect::<Vec<_>>(),
        ["onboarding", "basics"]
    );
    assert_eq!(attrs(&html, &format!("{talk} a.video-transcript"), "href"), ["/transcript/"]);
    assert_eq!(text_of(&html, &format!("{talk} a.video-link")), "Watch on YouTube: Getting started with onramp");
    assert_eq!(text_of(&html, ".video-card:nth-child(3) a.video-link"), "Download the video: Search in two minutes");
    assert_eq!(text_of(&html, ".videos > p.video-privacy"), "Playing loads the player from the video's site.");
    loads_nothing_from_another_site(&html, "https://example.org/");
}

#[test]
fn videos_listing_escapes_every_data_string() {
    let site = Site::copy("videos-listing");
    let data = std::fs::read_to_string(site.root().join("data/videos.yaml")).unwrap();
    site.write(
        "data/videos.yaml",
        &data
            .replace("title: Release walkthrough", "title: \"<img src=x onerror=alert(1)> & \\\"q\\\"\"")
            .replace("tags: [onboarding, basics]", "tags: [\"<b>bold</b>\"]")
            .replace("speakers: [Ada Lovelace, Grace Hopper]", "speakers: [\"<i>Ada</i>\"]"),
    );
    let site_run = site.build(&[]);
    assert_eq!(site_run.code, 0, "{}", site_run.stderr);
    let html = site.html("videos/index.html");
    let card = ".video-card:nth-child(2)";
    assert_eq!(text_of(&html, &format!("{card} h2")), "<img src=x onerror=alert(1)> & \"q\"");
    assert_eq!(attrs(&html, &format!("{card} figure"), "data-video-title"), ["<img src=x onerror=alert(1)> & \"q\""]);
    assert!(select(&html, ".video-grid img:not(.video-poster), .video-grid b, .video-grid i").is_empty());
    assert_eq!(
        text_of(&html, ".video-card:nth-child(4) .video-card-description"),
        "A tour of the first hour with <onramp> & friends."
    );
    assert_eq!(text_of(&html, ".video-card:nth-child(4) .video-card-tags > li"), "<b>bold</b>");
    assert_eq!(text_of(&html, ".video-card:nth-child(4) .video-card-speakers"), "Speaker: <i>Ada</i>");
}

#[test]
fn videos_listing_of_one_kind_lists_only_that_kind() {
    let site = built("videos-listing");
    let html = site.html("recordings/index.html");
    assert_eq!(attrs(&html, ".video-card", "data-kind"), ["meeting"]);
    assert_eq!(text_of(&html, ".video-card h2"), "Community call, March");
}

#[test]
fn videos_listing_texts_are_in_the_page_language() {
    let site = built("videos-listing");
    let html = site.html("fr/videos/index.html");
    assert_eq!(text_of(&html, ".video-card:nth-child(1) .video-kind"), "Enregistrement de réunion");
    assert_eq!(text_of(&html, ".video-card:nth-child(1) .video-card-meta > time"), "5 mars 2026");
    assert_eq!(text_of(&html, ".video-card:nth-child(1) .video-play-label"), "Lire la vidéo: Community call, March");
    assert_eq!(attrs(&html, ".video-card:nth-child(4) a.video-transcript", "href"), ["/fr/transcript/"]);
}

#[test]
fn videos_data_with_bad_entries_is_an_error_at_each_entrys_line_and_column() {
    assert_eq!(
        fails("videos-err-listing"),
        "data/videos.yaml:9:3: error: unknown field `speaker`
  = help: did you mean `speakers`?
data/videos.yaml:11:3: error: missing field `title`
  = help: add `title: …`
data/videos.yaml:14:3: error: missing field `url`
  = help: add `url: …`
data/videos.yaml:19:9: error: `date` `2026-02-30` is not a day of the calendar
  = help: February 2026 has 28 days
data/videos.yaml:22:3: error: unsupported video host `videos.example.org`
  = help: onramp embeds YouTube (youtube.com, youtu.be), Vimeo (vimeo.com) and PeerTube (`https://<instance>/w/<id>`) videos, and `.mp4` or `.webm` files of the site; link other videos as ordinary links
data/videos.yaml:28:3: error: poster image `/images/missing.svg` not found
  = help: put the file at `static/images/missing.svg`, or fix the path
data/videos.yaml:31:3: error: video file `/videos/missing.mp4` not found
  = help: put the file at `static/videos/missing.mp4`, or fix the path"
    );
}

#[test]
fn videos_page_without_its_data_file_is_an_error_at_the_layout() {
    let site = Site::copy("videos-listing");
    std::fs::remove_file(site.root().join("data/videos.yaml")).unwrap();
    site.write("data/talks.yaml", "[]\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines[..lines.len() - 1].join("\n"),
        "content/recordings.md:4:1: error: no data file `data/videos.yaml` for this videos page
  = help: list the videos in `data/videos.yaml`, or name the file with `videos: {data: NAME}`
content/videos.fr.md:1:1: error: no data file `data/videos.yaml` for this videos page
  = help: list the videos in `data/videos.yaml`, or name the file with `videos: {data: NAME}`
content/videos.md:3:1: error: no data file `data/videos.yaml` for this videos page
  = help: list the videos in `data/videos.yaml`, or name the file with `videos: {data: NAME}`"
    );
}

// ---- in a browser ----

/// The URL of every request the page's session saw start (events queued by
/// the driver or arriving within `quiet` of each other).
fn requests(chrome: &mut common::chrome::Chrome, quiet: Duration) -> Vec<String> {
    let mut urls = Vec::new();
    while let Ok(e) = chrome.wait_event("Network.requestWillBeSent", quiet) {
        urls.push(e["params"]["request"]["url"].as_str().unwrap_or_default().to_string());
    }
    urls
}

#[test]
fn videos_listing_makes_no_request_to_another_host_until_a_play_button_is_pressed() {
    let test = "videos_listing_makes_no_request_to_another_host_until_a_play_button_is_pressed";
    let site = built("videos-listing");
    let Some(mut chrome) = common::chrome::browser_or_skip(test) else { return };
    let server = common::http::Server::start(&site.out());
    let origin = server.url("/");
    let wait = Duration::from_secs(15);
    chrome.call("Network.enable", json!({})).expect("Network.enable");
    let r = chrome.call("Page.navigate", json!({ "url": server.url("/videos/") })).expect("navigate");
    assert!(r.get("errorText").is_none(), "{r}");
    chrome.wait_for("document.readyState === 'complete'", wait).expect("page loaded");
    // Let lazy images (the posters) and anything late start.
    chrome.eval("window.scrollTo(0, document.body.scrollHeight)").unwrap();
    let before = requests(&mut chrome, Duration::from_millis(1500));
    assert!(before.iter().any(|u| u == &server.url("/videos/")), "the page's own request is seen: {before:?}");
    let foreign: Vec<&String> = before.iter().filter(|u| !u.starts_with(&origin) && !u.starts_with("data:")).collect();
    assert!(foreign.is_empty(), "requests to another host before a click: {foreign:?}");
    let timing =
        format!("performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith({origin:?}))");
    assert_eq!(chrome.eval(&timing).unwrap(), json!([]));
    assert_eq!(chrome.eval("document.querySelectorAll('iframe').length").unwrap(), json!(0));
    assert_eq!(chrome.eval("document.querySelectorAll('[data-video-play]').length").unwrap(), json!(3));

    // The YouTube card, from the keyboard.
    chrome
        .eval("document.querySelector('.video-card:nth-child(4) [data-video-play]').focus()")
        .expect("focus the play button");
    chrome.press_key("Enter").expect("Enter");
    let src = chrome
        .wait_for("(document.querySelector('.video-card:nth-child(4) iframe.video-frame') || {}).src", wait)
        .expect("the player replaces the placeholder");
    assert_eq!(src, json!("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"));
    assert_eq!(
        chrome.eval("document.activeElement.tagName + '|' + document.activeElement.title").unwrap(),
        json!("IFRAME|Getting started with onramp")
    );
    assert_eq!(chrome.eval("document.querySelectorAll('iframe').length").unwrap(), json!(1));
    // The other cards still wait for their click.
    assert_eq!(chrome.eval("document.querySelectorAll('[data-video-play]').length").unwrap(), json!(2));
    let after: Vec<Value> = requests(&mut chrome, Duration::from_millis(500)).into_iter().map(Value::from).collect();
    assert!(
        after.iter().all(|u| u.as_str().is_some_and(|u| u.starts_with(&origin) || u.contains("youtube-nocookie.com"))),
        "after the click, only the chosen player is loaded: {after:?}"
    );
}
