//! Inline marks that pulldown-cmark leaves as text: `==marked text==`,
//! `H~2~O` and `2^10^` inside words, and GitHub's `:emoji:` shortcodes
//! (names from the `emojis` crate, GitHub's gemoji list). They are read
//! inside one text run (adjacent text events are merged first): a mark
//! holds plain text, and a shortcode that is not GitHub's stays as written.

use pulldown_cmark::Event;

/// The events a text run becomes, or `None` when it has no mark, no
/// superscript or subscript pulldown-cmark left as text (`H~2~O`, `2^10^`:
/// its delimiters cannot stand inside a word) and no shortcode.
pub(crate) fn expand(text: &str) -> Option<Vec<Event<'static>>> {
    // Most runs have none of the characters that start a shortcode or a
    // mark: one pass over the bytes tells, and nothing is copied.
    let marks = [b':', b'=', b'^', b'~'].map(|m| text.as_bytes().contains(&m));
    if marks == [false; 4] {
        return None;
    }
    let emoji = if marks[0] { shortcodes(text) } else { None };
    let text = emoji.as_deref().unwrap_or(text);
    if emoji.is_none() && !marks[1..].contains(&true) {
        return None;
    }
    let mut events = vec![Event::Text(text.to_string().into())];
    let mut changed = emoji.is_some();
    for (delim, tag, spaces) in [("==", "mark", true), ("^", "sup", false), ("~", "sub", false)] {
        if !text.contains(delim) {
            continue;
        }
        let mut next = Vec::with_capacity(events.len());
        for e in events {
            match &e {
                Event::Text(t) => match split(t, delim, tag, spaces) {
                    Some(parts) => {
                        changed = true;
                        next.extend(parts);
                    }
                    None => next.push(e),
                },
                _ => next.push(e),
            }
        }
        events = next;
    }
    changed.then_some(events)
}

/// `text` with every known `:shortcode:` replaced by its emoji.
fn shortcodes(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = text;
    let mut changed = false;
    while let Some(open) = rest.find(':') {
        let after = &rest[open + 1..];
        let name_len =
            after.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-'))).unwrap_or(after.len());
        match after[name_len..].starts_with(':').then(|| emojis::get_by_shortcode(&after[..name_len])).flatten() {
            Some(e) if name_len > 0 => {
                out.push_str(&rest[..open]);
                out.push_str(e.as_str());
                rest = &after[name_len + 1..];
                changed = true;
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// `text` split at `delim`…`delim` into `<tag>` elements: the opening
/// delimiter is followed by a non-space, the closing one follows a
/// non-space, neither is part of a longer run of its character, and
/// without `spaces` the content has no white space (Pandoc's rule for
/// `^sup^` and `~sub~`, which keeps `~/a and ~/b` as text).
fn split(text: &str, delim: &str, tag: &str, spaces: bool) -> Option<Vec<Event<'static>>> {
    let c = delim.chars().next().unwrap_or('=');
    let d = delim.len();
    let mut events = Vec::new();
    let mut rest = text;
    let lone = |s: &str, i: usize| !s[..i].ends_with(c) && !s[i + d..].starts_with(c);
    'outer: while let Some(open) = find_from(rest, delim, 0) {
        if !lone(rest, open) || rest[open + d..].starts_with(char::is_whitespace) || open + d >= rest.len() {
            push_text(&mut events, &rest[..open + d]);
            rest = &rest[open + d..];
            continue;
        }
        let mut from = open + d + 1;
        while let Some(close) = find_from(rest, delim, from) {
            let inner = &rest[open + d..close];
            if !spaces && inner.contains(char::is_whitespace) {
                break;
            }
            if lone(rest, close) && !inner.ends_with(char::is_whitespace) {
                push_text(&mut events, &rest[..open]);
                // The content stays a text event: it is escaped when
                // written, and a heading's id and title keep it.
                events.push(Event::InlineHtml(format!("<{tag}>").into()));
                events.push(Event::Text(inner.to_string().into()));
                events.push(Event::InlineHtml(format!("</{tag}>").into()));
                rest = &rest[close + d..];
                continue 'outer;
            }
            from = close + 1;
        }
        push_text(&mut events, &rest[..open + d]);
        rest = &rest[open + d..];
    }
    if !events.iter().any(|e| matches!(e, Event::InlineHtml(_))) {
        return None;
    }
    push_text(&mut events, rest);
    Some(events)
}

fn find_from(s: &str, delim: &str, from: usize) -> Option<usize> {
    s.get(from..)?.find(delim).map(|i| i + from)
}

fn push_text(events: &mut Vec<Event<'static>>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(Event::Text(t)) = events.last_mut() {
        *t = format!("{t}{text}").into();
    } else {
        events.push(Event::Text(text.to_string().into()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(text: &str) -> String {
        let mut s = String::new();
        pulldown_cmark::html::push_html(
            &mut s,
            expand(text).unwrap_or_else(|| vec![Event::Text(text.into())]).into_iter(),
        );
        s
    }

    #[test]
    fn marks_and_shortcodes() {
        assert_eq!(html("a ==b c== d"), "a <mark>b c</mark> d");
        assert_eq!(html("a == b == c"), "a == b == c");
        assert_eq!(html("x === y ==="), "x === y ===");
        assert_eq!(html("==<i>=="), "<mark>&lt;i&gt;</mark>");
        assert_eq!(html("ship it :rocket: at 10:30:00"), "ship it 🚀 at 10:30:00");
        assert_eq!(html(":not_an_emoji: :+1:"), ":not_an_emoji: 👍");
        assert_eq!(html("a==b"), "a==b");
        assert_eq!(html("H~2~O and 2^10^"), "H<sub>2</sub>O and 2<sup>10</sup>");
        assert_eq!(html("~/a and ~/b, ~~x~~"), "~/a and ~/b, ~~x~~");
        assert_eq!(html("a ^b c^ d"), "a ^b c^ d");
    }
}
