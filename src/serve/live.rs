//! The dev server's build and the outputs a change made stale.
//!
//! After a template, UI-string, data or menu save, the pages the change can
//! reach and the files rendered beside them are stale
//! ([`crate::pipeline::Reload`]); so are, after a markdown save that changes
//! what other pages show of a document (its title, front matter or
//! headings), the pages that show it ([`crate::pipeline::Update::Stale`]). They are brought up to date in two ways
//! at once: an HTTP request for a stale page renders it at once, ahead of
//! anything else ([`Live::ensure`]), and a background worker
//! ([`Live::work`]) renders the rest, in chunks, on a thread pool of its
//! own at a lower priority, so that it never holds up a page a browser asks
//! for. When the worker is done, the folder served equals what a fresh
//! build writes. The pages a change does not reach keep their files.
//!
//! The invariant that keeps a served page from being stale: a job leaves
//! the stale set only while its renderer holds the build for reading, and
//! jobs enter it only while the build is held for writing (when the new
//! inputs are put in). So a page that is not stale was rendered from the
//! build as it is now. A page whose render fails keeps its last good output
//! and its errors are shown over every page until a later change fixes it.

use super::State;
use crate::diagnostics::Diagnostic;
use crate::pipeline::{Build, PageJob};
use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Condvar, Mutex, RwLock};
use std::time::Instant;

/// How long one chunk of the background worker should take, sized from the
/// time the previous ones took per page. What a render builds once and
/// shares between its pages (the link resolver, positions, the sidebar
/// cache) costs about 30 ms at 30,000 pages, so small chunks spent most
/// of their time on it: with 40 ms chunks the catch-up took 22.7 s on
/// 10k × 3 pages, with 150 ms chunks 8.2 s. The worker holds the build for
/// reading while a chunk renders, but a save does not wait for the chunk:
/// the rebuild loop raises [`Live::wants_build`], the chunk skips the pages
/// it has not started, writes nothing, and its pages go back to the stale
/// set.
const CHUNK_TIME: std::time::Duration = std::time::Duration::from_millis(500);
/// The largest chunk.
const CHUNK_MAX: usize = 4096;

/// Something that can be stale: a page, or the files rendered beside the
/// pages from templates (404 pages, alias redirects, sitemap, status pages).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Job {
    Extras,
    Page(PageJob),
}

#[derive(Default)]
struct Pending {
    /// In the order the worker takes them.
    queue: VecDeque<Job>,
    stale: HashSet<Job>,
    running: HashSet<Job>,
    /// Jobs whose last render failed, with the errors.
    failed: HashMap<Job, Vec<Diagnostic>>,
    /// When the change being caught up with was seen, and how many jobs it made.
    started: Option<(Instant, usize)>,
    /// A full build is running: nothing is rendered into the folder it
    /// replaces.
    paused: bool,
    /// The worker waits: the pages the browsers show are rendered first.
    held: bool,
}

/// The build the server keeps, and what is stale in its output.
#[derive(Default)]
pub struct Live {
    /// The last good build (`None` until a build succeeded).
    pub build: RwLock<Option<Build>>,
    /// Output folder of each page, to find the page a URL shows.
    paths: RwLock<HashMap<String, PageJob>>,
    pending: Mutex<Pending>,
    /// Signalled when work arrives and when jobs finish.
    changed: Condvar,
    /// The rebuild loop waits to hold the build for writing: the worker's
    /// chunk gives way.
    wants_build: std::sync::atomic::AtomicBool,
}

impl Live {
    /// Holds the build for writing, once the renders holding it for reading
    /// are done; the background worker's chunk stops early for it.
    pub fn write(&self) -> std::sync::RwLockWriteGuard<'_, Option<Build>> {
        use std::sync::atomic::Ordering;
        self.wants_build.store(true, Ordering::SeqCst);
        let guard = self.build.write().unwrap_or_else(|e| e.into_inner());
        self.wants_build.store(false, Ordering::SeqCst);
        guard
    }

    /// Puts in a new build (after a full build): nothing is stale.
    pub fn install(&self, build: Build) {
        let mut guard = self.write();
        let paths = build.page_paths();
        *guard = Some(build);
        if let Ok(mut p) = self.paths.write() {
            *p = paths;
        }
        let mut pending = self.lock();
        let paused = pending.paused;
        *pending = Pending { paused, ..Pending::default() };
    }

    /// Stops rendering into the output folder until [`Live::resume`] (a
    /// full build is about to replace it); returns once no render is running.
    pub fn pause(&self) {
        let guard = self.write();
        self.lock().paused = true;
        drop(guard);
    }

    /// Lets rendering go on after [`Live::pause`].
    pub fn resume(&self) {
        self.lock().paused = false;
        self.changed.notify_all();
    }

    /// Marks `pages` and the extra files of `build` stale, beside the jobs
    /// still stale from an earlier change and those whose last render
    /// failed (tried again); called with the build held for writing, right
    /// after its inputs were reloaded. The worker starts on them at
    /// [`Live::release`], once the caller has rendered the pages the
    /// browsers show.
    pub fn invalidate(&self, build: &Build, pages: &[PageJob], started: Instant) {
        let mut pending = self.lock();
        pending.held = true;
        let mut stale = std::mem::take(&mut pending.stale);
        stale.extend(pending.failed.keys().copied());
        stale.insert(Job::Extras);
        stale.extend(pages.iter().copied().map(Job::Page));
        let order = std::iter::once(Job::Extras).chain(build.all_page_jobs().into_iter().map(Job::Page));
        pending.queue = order.filter(|j| stale.contains(j)).collect();
        pending.stale = stale;
        pending.failed.clear();
        pending.started = Some((started, pending.queue.len()));
        drop(pending);
        self.changed.notify_all();
    }

    /// Lets the worker start on what [`Live::invalidate`] made stale.
    pub fn release(&self) {
        self.lock().held = false;
        self.changed.notify_all();
    }

    /// The errors of the pages whose last render failed, each once, in
    /// position order. An error that several pages share (a broken
    /// template) names the same page on every call: the first by name, not
    /// the first the map happens to yield.
    pub fn errors(&self) -> Vec<Diagnostic> {
        let pending = self.lock();
        let mut all: Vec<&Diagnostic> = pending.failed.values().flatten().collect();
        all.sort_by(|a, b| {
            (&a.path, a.line, a.col, &a.message, &a.help).cmp(&(&b.path, b.line, b.col, &b.message, &b.help))
        });
        all.dedup_by(|b, a| (&a.path, a.line, a.col, &a.message) == (&b.path, b.line, b.col, &b.message));
        all.into_iter().cloned().collect()
    }

    /// Makes the output a request for `url_path` reads current: renders its
    /// page (or the extra files, for a path that is no page) now when it is
    /// stale, or waits for the worker that is rendering it. Returns whether
    /// a render failed (its errors are then in [`Live::errors`]).
    pub fn ensure(&self, url_path: &str) -> bool {
        self.job_for(url_path).is_some_and(|job| self.ensure_job(job))
    }

    /// Makes the extra files current (a 404 page is about to be sent).
    pub fn ensure_extras(&self) -> bool {
        self.ensure_job(Job::Extras)
    }

    fn ensure_job(&self, job: Job) -> bool {
        let guard = self.build.read().unwrap_or_else(|e| e.into_inner());
        let Some(build) = guard.as_ref() else { return false };
        let mut pending = self.lock();
        loop {
            if pending.paused {
                return false;
            }
            if pending.stale.remove(&job) {
                pending.running.insert(job);
                drop(pending);
                let failed = self.render(build, &[job], &|| false);
                return !failed.is_empty();
            }
            if !pending.running.contains(&job) {
                return pending.failed.contains_key(&job);
            }
            pending = self.changed.wait(pending).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// The background worker: renders stale jobs in chunks until the
    /// server stops. `pool` runs the renders (a pool of its own, so that
    /// requests never queue behind a chunk).
    pub fn work(&self, state: &State, pool: Option<&rayon::ThreadPool>) {
        // Seconds per job, from the chunks so far.
        let mut per_job = CHUNK_TIME.as_secs_f64() / 8.0;
        // Chunks rendered since the last time the site was current.
        let mut chunks = 0usize;
        loop {
            {
                let mut pending = self.lock();
                let idle = |p: &Pending| p.queue.is_empty() && p.running.is_empty() && p.started.is_none();
                while pending.paused || pending.held || idle(&pending) {
                    pending = self.changed.wait(pending).unwrap_or_else(|e| e.into_inner());
                }
            }
            let guard = self.build.read().unwrap_or_else(|e| e.into_inner());
            let chunk: Vec<Job> = {
                let mut pending = self.lock();
                if pending.paused || pending.held {
                    continue;
                }
                let size = ((CHUNK_TIME.as_secs_f64() / per_job) as usize).clamp(1, CHUNK_MAX);
                let mut chunk = Vec::new();
                while chunk.len() < size {
                    let Some(job) = pending.queue.pop_front() else { break };
                    if pending.stale.remove(&job) {
                        pending.running.insert(job);
                        chunk.push(job);
                    }
                }
                chunk
            };
            let Some(build) = guard.as_ref() else {
                self.finish(&chunk, Vec::new());
                continue;
            };
            let errors_before = self.lock().failed.len();
            if !chunk.is_empty() {
                let at = Instant::now();
                let stop = || self.wants_build.load(std::sync::atomic::Ordering::SeqCst);
                match pool {
                    Some(pool) => pool.install(|| self.render(build, &chunk, &stop)),
                    None => self.render(build, &chunk, &stop),
                };
                // A chunk cut short says nothing of the time per page.
                if !stop() {
                    let took = at.elapsed().as_secs_f64() / chunk.len() as f64;
                    per_job = (per_job + took) / 2.0;
                }
                chunks += 1;
            }
            drop(guard);
            let mut pending = self.lock();
            let failed_now = pending.failed.len();
            let done = pending.queue.is_empty() && pending.running.is_empty();
            let started = if done { pending.started.take() } else { None };
            if chunk.is_empty() && !done {
                // Another thread renders the last jobs: wait for it.
                drop(self.changed.wait(pending));
                continue;
            }
            drop(pending);
            if failed_now > errors_before {
                self.publish_errors(state);
            }
            if let Some((at, jobs)) = started {
                let failed = self.lock().failed.len();
                if failed == 0 {
                    println!(
                        "site current: {} pages and the extra files re-rendered in {} ms ({chunks} chunks)",
                        jobs - 1,
                        at.elapsed().as_millis()
                    );
                } else {
                    eprintln!(
                        "site current but for {failed} output(s) that failed to render (their last good version is served), in {} ms",
                        at.elapsed().as_millis()
                    );
                }
                chunks = 0;
            }
        }
    }

    /// Shows the render errors over every page.
    fn publish_errors(&self, state: &State) {
        let errors = self.errors();
        let key = |d: &Diagnostic| (d.path.clone(), d.line, d.col, d.message.clone());
        let shown: HashSet<_> = state.errors().iter().map(key).collect();
        if errors.iter().map(key).collect::<HashSet<_>>() == shown {
            return;
        }
        for d in &errors {
            eprintln!("{d}");
        }
        state.set_errors(errors);
        state.hub.broadcast(&super::reload::Signal::Reload);
    }

    /// Renders `jobs` (claimed: in `running`), writes the good ones, and
    /// releases them. Returns the jobs that failed.
    /// When `stop` cut the render short, the jobs are stale again, first in
    /// the queue.
    fn render(&self, build: &Build, jobs: &[Job], stop: &(dyn Fn() -> bool + Sync)) -> Vec<Job> {
        let pages: Vec<PageJob> =
            jobs.iter().filter_map(|j| if let Job::Page(p) = j { Some(*p) } else { None }).collect();
        let extras = jobs.contains(&Job::Extras);
        let Some((_, failed)) = build.render_stale(&pages, extras, stop) else {
            let mut pending = self.lock();
            for j in jobs.iter().rev() {
                pending.running.remove(j);
                pending.stale.insert(*j);
                pending.queue.push_front(*j);
            }
            drop(pending);
            self.changed.notify_all();
            return Vec::new();
        };
        let failed: Vec<(Job, Vec<Diagnostic>)> =
            failed.into_iter().map(|(p, e)| (p.map_or(Job::Extras, Job::Page), e)).collect();
        let jobs_failed = failed.iter().map(|(j, _)| *j).collect();
        self.finish(jobs, failed);
        jobs_failed
    }

    fn finish(&self, jobs: &[Job], failed: Vec<(Job, Vec<Diagnostic>)>) {
        let mut pending = self.lock();
        for j in jobs {
            pending.running.remove(j);
            pending.failed.remove(j);
        }
        pending.failed.extend(failed);
        drop(pending);
        self.changed.notify_all();
    }

    /// The job whose output a URL path reads: the page whose folder holds
    /// it (the pages of a paginated listing are its own), else the extra
    /// files for a path that can be one of them (a folder, HTML, XML or
    /// text: a 404 page, a redirect, the sitemap), else nothing (an asset).
    fn job_for(&self, url_path: &str) -> Option<Job> {
        let decoded = percent_encoding::percent_decode_str(url_path).decode_utf8().ok()?;
        let rel = decoded.trim_start_matches('/');
        let rel = rel.strip_suffix("index.html").unwrap_or(rel);
        if !(rel.is_empty() || rel.ends_with('/')) {
            let ext = rel.rsplit_once('.').map_or("", |(_, e)| e);
            return matches!(ext, "html" | "xml" | "txt" | "").then_some(Job::Extras);
        }
        let paths = self.paths.read().ok()?;
        let mut dir = rel;
        loop {
            if let Some(&job) = paths.get(dir) {
                return Some(Job::Page(job));
            }
            if dir.is_empty() {
                return Some(Job::Extras);
            }
            // The parent folder: `news/page/2/` → `news/page/` → `news/`.
            let trimmed = &dir[..dir.len() - 1];
            dir = trimmed.rfind('/').map_or("", |i| &trimmed[..=i]);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Pending> {
        self.pending.lock().unwrap_or_else(|e| e.into_inner())
    }
}
