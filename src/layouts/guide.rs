//! `guide`: a long contributor guide with a sticky table of contents, a
//! "good first issues" block and a "get in touch" block, both from data
//! files named in front matter.
//!
//! ```yaml
//! layout: guide
//! guide:
//!   issues: good-first-issues    # data/good-first-issues.yaml
//!   contact: contact             # data/contact.yaml
//! ```
//!
//! ```yaml
//! # data/good-first-issues.yaml: a list
//! - title: Translate the theme into Korean
//!   url: https://forge.example/project/issues/12
//!   labels: [translation, good first issue]
//!   difficulty: easy              # easy | medium | hard
//! # data/contact.yaml: three optional lists
//! meetings: [{title: Contributor call, when: "Tuesdays, 16:00 UTC", url: https://…}]
//! chat: [{name: Matrix, url: https://…}]
//! forum: [{name: Discussions, url: https://…}]
//! ```

use super::common::{key_error, safe_link, site_url};
use crate::content::Doc;
use crate::diagnostics::{Diagnostic, closest};
use crate::render::RenderEnv;
pub use crate::schema::guide::{ChannelFm, ContactFm, Difficulty, GuideFm, IssueFm, MeetingFm};
use crate::yaml_path;
use serde::Serialize;
use std::path::PathBuf;

/// `layout_data.guide`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct GuideCtx {
    /// Good first issues, in file order.
    pub issues: Vec<IssueCtx>,
    /// Meetings.
    pub meetings: Vec<ContactCtx>,
    /// Chat rooms.
    pub chat: Vec<ContactCtx>,
    /// Forums.
    pub forum: Vec<ContactCtx>,
}

/// An issue, ready for the template.
#[derive(Debug, Clone, Serialize)]
pub struct IssueCtx {
    /// Title.
    pub title: String,
    /// Link (safe).
    pub url: String,
    /// Labels.
    pub labels: Vec<String>,
    /// `easy`, `medium` or `hard`.
    pub difficulty: Option<Difficulty>,
}

/// A meeting, chat room or forum.
#[derive(Debug, Clone, Serialize)]
pub struct ContactCtx {
    /// Name.
    pub name: String,
    /// Link (safe), if any.
    pub url: Option<String>,
    /// When (meetings) or what (channels).
    pub text: String,
}

/// The guide page.
pub fn data(env: &RenderEnv<'_>, node: usize, lang: usize) -> (Option<GuideCtx>, Vec<Diagnostic>) {
    let v = &env.site.nodes[node].variants[lang];
    let doc = env.site.doc(v);
    let mut diags = Vec::new();
    let mut ctx = GuideCtx::default();
    let fm = v.fm.guide.clone().unwrap_or_default();
    if let Some(file) = fm.issues.as_deref().and_then(|n| data_file(env, doc, "issues", n, &mut diags)) {
        let (items, d) = env.inputs.issues.get(&file).map_or((&[][..], &[][..]), |(i, d)| (&i[..], &d[..]));
        diags.extend(d.iter().cloned());
        for item in items {
            let i = &item.value;
            match safe_link(&i.url) {
                Some(url) => ctx.issues.push(IssueCtx {
                    title: i.title.clone(),
                    url: site_url(env, &url),
                    labels: i.labels.clone(),
                    difficulty: i.difficulty,
                }),
                None => {
                    let (l, c) = item.at("url");
                    diags.push(unsafe_link(&file, l, c, &i.url));
                }
            }
        }
    }
    if let Some(file) = fm.contact.as_deref().and_then(|n| data_file(env, doc, "contact", n, &mut diags)) {
        match env.inputs.contacts.get(&file) {
            None => {}
            Some(parsed) => match parsed {
                Err(d) => diags.push(d.clone()),
                Ok((c, spans)) => {
                    let mut link = |url: &str, list: &str, i: usize| {
                        let safe = safe_link(url);
                        if safe.is_none() {
                            let (l, col) = spans.value(&yaml_path![list, i, "url"]).unwrap_or((0, 0));
                            diags.push(unsafe_link(&file, l, col, url));
                        }
                        safe.map(|u| site_url(env, &u))
                    };
                    ctx.meetings = c
                        .meetings
                        .iter()
                        .enumerate()
                        .map(|(i, m)| ContactCtx {
                            name: m.title.clone(),
                            url: m.url.as_deref().and_then(|u| link(u, "meetings", i)),
                            text: m.when.clone().unwrap_or_default(),
                        })
                        .collect();
                    let channels =
                        |list: &[ChannelFm], key: &str, link: &mut dyn FnMut(&str, &str, usize) -> Option<String>| {
                            list.iter()
                                .enumerate()
                                .map(|(i, ch)| ContactCtx {
                                    name: ch.name.clone(),
                                    url: link(&ch.url, key, i),
                                    text: ch.description.clone().unwrap_or_default(),
                                })
                                .collect::<Vec<_>>()
                        };
                    ctx.chat = channels(&c.chat, "chat", &mut link);
                    ctx.forum = channels(&c.forum, "forum", &mut link);
                }
            },
        }
    }
    (Some(ctx), diags)
}

fn unsafe_link(file: &std::path::Path, line: usize, col: usize, url: &str) -> Diagnostic {
    Diagnostic::error(file, line, col, format!("unsafe link `{url}`"))
        .with_help("use a web link (`https://…`) or a site path")
}

/// `data/<name>.yaml` (or `.yml`) when it exists; an error at `field` in the page otherwise.
fn data_file(
    env: &RenderEnv<'_>,
    doc: Option<&Doc>,
    field: &str,
    name: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<PathBuf> {
    let name = name.trim().trim_end_matches(".yaml").trim_end_matches(".yml");
    let found = env.inputs.data_file(name);
    if found.is_none() {
        if let Some(doc) = doc {
            let mut d = key_error(doc, &yaml_path!["guide", field], format!("no data file `data/{name}.yaml`"));
            if let Some(c) = closest(name, env.inputs.data_names.iter().map(String::as_str)) {
                d = d.with_help(format!("did you mean `{c}`?"));
            }
            diags.push(d);
        }
    }
    found
}
