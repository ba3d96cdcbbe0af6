//! `onramp serve`: builds the site into the server's own folder, serves it
//! on 127.0.0.1, watches the sources, rebuilds on every save and tells the
//! browsers to reload once the new output is complete.
//!
//! The rebuild loop ([`Server::run`]) owns the last successful [`Build`]: a
//! change to one page's body re-renders that page (and its fallback copies in
//! other languages) through [`Build::update_page`]; a change to its front
//! matter, title or headings that moves no page re-renders its own pages at
//! once and makes the pages that show it stale (rendered on request, the
//! open ones first, and in the background: [`live`]), as a template, `.ftl`,
//! data or menu save does ([`Build::reload_inputs`]); a stylesheet under
//! `static/` is copied and swapped in the browser without a reload; anything
//! else rebuilds the whole site. A failed rebuild keeps the last good output
//! and shows the errors over every page until they are fixed. The server
//! never writes into the output of `onramp build`.
//!
//! Modules: [`http`] (requests), [`reload`] (WebSocket signals), [`watch`]
//! (file events).

pub mod http;
pub mod live;
pub mod reload;
pub mod watch;

use crate::diagnostics::Diagnostic;
use crate::highlight::Highlighter;
use crate::pipeline::{self, Build, BuildOptions, Reload, Update};
use reload::{Hub, Signal};
use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

/// Options of `onramp serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Site root.
    pub root: PathBuf,
    /// First port to try.
    pub port: u16,
    /// Address to bind (127.0.0.1 unless told otherwise).
    pub bind: IpAddr,
    /// Open a browser.
    pub open: bool,
    /// Poll for changes instead of using file system events.
    pub poll: bool,
    /// Include drafts.
    pub drafts: bool,
    /// The server's own output folder (a folder under the system's temp dir by default).
    pub out: Option<PathBuf>,
    /// Fail when `port` is taken instead of trying the next ones.
    pub strict_port: bool,
}

/// State shared by the HTTP threads and the rebuild loop.
pub struct State {
    /// Folder served.
    pub out: PathBuf,
    /// URL prefixes of the languages (`""`, `"fr/"`), to pick a 404 page.
    pub language_prefixes: Vec<String>,
    /// Connected browsers.
    pub hub: Hub,
    errors: RwLock<Vec<Diagnostic>>,
    /// True once a build of this session succeeded: until then no page
    /// behind the error overlay is a good build.
    built: std::sync::atomic::AtomicBool,
    /// The last good build, and what a change made stale in its output.
    pub live: live::Live,
}

impl State {
    /// Errors of the last build, shown over every page.
    pub fn errors(&self) -> Vec<Diagnostic> {
        self.errors.read().map(|e| e.clone()).unwrap_or_default()
    }

    /// Whether a build of this session succeeded.
    pub fn has_built(&self) -> bool {
        self.built.load(Ordering::SeqCst)
    }

    fn set_errors(&self, errors: Vec<Diagnostic>) {
        if errors.is_empty() {
            self.built.store(true, Ordering::SeqCst);
        }
        if let Ok(mut e) = self.errors.write() {
            *e = errors.into_iter().filter(Diagnostic::is_error).collect();
        }
    }
}

/// A bound server, ready to run.
pub struct Server {
    listener: TcpListener,
    /// The address actually bound.
    pub addr: SocketAddr,
    state: Arc<State>,
    opts: ServeOptions,
    build_opts: BuildOptions,
    /// Incremented by every search refresh and full build; a background
    /// refresh writes only if it is still the newest.
    search_generation: Arc<AtomicU64>,
    search_lock: Arc<Mutex<()>>,
    /// One thread for search refreshes, so that they never hold up the
    /// render threads that the next page update needs.
    search_pool: Option<Arc<rayon::ThreadPool>>,
}

impl Server {
    /// Binds the first free port from `opts.port` on.
    pub fn bind(opts: ServeOptions) -> std::io::Result<Server> {
        let (listener, addr) = bind_free(opts.bind, opts.port, opts.strict_port)?;
        let out = opts.out.clone().unwrap_or_else(|| default_out(&opts.root));
        let build_opts = BuildOptions {
            root: opts.root.clone(),
            out: Some(out.clone()),
            base_url: Some(format!("http://{addr}/")),
            drafts: opts.drafts,
            // The default folder is onramp's by its name, under the temp dir;
            // one left by an onramp that did not mark its outputs yet is replaced.
            force: opts.out.is_none(),
        };
        let state = Arc::new(State {
            out,
            language_prefixes: Vec::new(),
            hub: Hub::default(),
            errors: RwLock::new(Vec::new()),
            built: std::sync::atomic::AtomicBool::new(false),
            live: live::Live::default(),
        });
        Ok(Server {
            listener,
            addr,
            state,
            opts,
            build_opts,
            search_generation: Arc::new(AtomicU64::new(0)),
            search_lock: Arc::new(Mutex::new(())),
            search_pool: rayon::ThreadPoolBuilder::new()
                .num_threads(1)
                .thread_name(|_| "onramp-search".into())
                .build()
                .ok()
                .map(Arc::new),
        })
    }

    /// Builds, serves and rebuilds until the watcher stops.
    pub fn run(mut self) -> std::io::Result<()> {
        let highlighter = Highlighter::persistent();
        let started = Instant::now();
        if let Some(b) = self.build_all(&highlighter, started) {
            let prefixes = b.config.languages.iter().map(|l| l.prefix.clone()).collect();
            if let Some(state) = Arc::get_mut(&mut self.state) {
                state.language_prefixes = prefixes;
            }
            self.installed(b, started);
        }
        self.spawn_worker();
        // Watch before announcing the URL, so no save after it is missed.
        // Mounted files may lie outside the site folder.
        let mounted: Vec<PathBuf> = self.state.live.build.read().map_or_else(
            |_| Vec::new(),
            |b| b.iter().flat_map(|b| b.config.mount.keys().map(|k| self.opts.root.join(k))).collect(),
        );
        let watcher =
            watch::SiteWatcher::new(&self.opts.root, &mounted, self.opts.poll).map_err(std::io::Error::other)?;
        // Files that pages include, wherever they are in the repository, and
        // the folders older versions are read from.
        self.watch_build_inputs(&watcher);
        self.spawn_http()?;
        println!("serving {} at http://{}/ (press Ctrl-C to stop)", self.opts.root.display(), self.addr);
        if self.opts.port != 0 && self.addr.port() != self.opts.port {
            println!(
                "port {} is in use; using port {} (--strict-port fails instead)",
                self.opts.port,
                self.addr.port()
            );
        }
        if self.opts.open {
            open_browser(&format!("http://{}/", self.addr));
        }
        while let Some(batch) = watcher.next_batch() {
            let started = Instant::now();
            self.rebuild(&batch, &highlighter, started);
            self.watch_build_inputs(&watcher);
        }
        Ok(())
    }

    /// Watches what the current build read from outside the watched
    /// folders: the files pages include and the folders of versions kept as
    /// folders (`versions/1.x/`).
    fn watch_build_inputs(&self, watcher: &watch::SiteWatcher) {
        let Ok(build) = self.state.live.build.read() else { return };
        let Some(b) = build.as_ref() else { return };
        watcher.watch_files(b.includes.files());
        let folders: Vec<PathBuf> = b
            .config
            .versions
            .list
            .iter()
            .filter_map(|v| match &v.source {
                crate::schema::versions::VersionSource::Folder(f) => Some(self.opts.root.join(f)),
                _ => None,
            })
            .collect();
        watcher.watch_folders(&folders);
    }

    fn spawn_http(&self) -> std::io::Result<()> {
        let listener = self.listener.try_clone()?;
        let state = Arc::clone(&self.state);
        std::thread::spawn(move || http::serve(listener, state));
        Ok(())
    }

    /// The background worker that renders stale pages, on a pool of its
    /// own whose threads run at a lower priority than the requests'.
    fn spawn_worker(&self) {
        let state = Arc::clone(&self.state);
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|_| "onramp-catch-up".into())
            .start_handler(|_| lower_priority())
            .build()
            .ok();
        std::thread::spawn(move || state.live.work(&state, pool.as_ref()));
    }

    fn rebuild(&self, batch: &BTreeSet<PathBuf>, hl: &Highlighter, started: Instant) {
        if let Some(css) = self.only_static(batch) {
            return self.copy_static(css, started);
        }
        match self.kind_of(batch) {
            Change::Page(page) => self.update_page(&page, hl, started),
            Change::Inputs { config } => self.reload_inputs(config, hl, started),
            Change::Other => self.full(hl, started),
        }
    }

    /// What a batch of changed paths asks for.
    fn kind_of(&self, batch: &BTreeSet<PathBuf>) -> Change {
        if let (1, Some(p)) = (batch.len(), batch.iter().next()) {
            if p.extension().is_some_and(|e| e == "md") && self.is_content(p) {
                return Change::Page(p.clone());
            }
        }
        let theme = self.state.live.build.read().ok().and_then(|b| b.as_ref().map(|b| b.config.theme.clone()));
        let mut config = false;
        for p in batch {
            let Some(rel) = root_relative(&self.opts.root, p) else { return Change::Other };
            let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned());
            let first = parts.next().unwrap_or_default();
            let input = match first.as_str() {
                crate::config::CONFIG_FILE => {
                    config = true;
                    true
                }
                "templates" | "locales" | "data" => parts.next().is_some(),
                // The theme's templates and strings, not its static files
                // (their versions are in every page's asset URLs).
                "themes" => {
                    let name = parts.next();
                    let inner = parts.next();
                    theme.is_some() && name == theme && matches!(inner.as_deref(), Some("templates" | "locales"))
                }
                _ => false,
            };
            if !input {
                return Change::Other;
            }
        }
        Change::Inputs { config }
    }

    /// A change to one markdown file: its pages alone when only its body changed.
    fn update_page(&self, page: &Path, hl: &Highlighter, started: Instant) {
        let mut guard = self.state.live.write();
        let Some(b) = guard.as_mut() else {
            drop(guard);
            return self.full(hl, started);
        };
        match b.update_page(page, hl) {
            Update::Done { written, languages, .. } => {
                self.state.set_errors(self.state.live.errors());
                self.state.hub.broadcast(&Signal::Reload);
                println!(
                    "updated {} ({written} files) in {} ms",
                    rel(&self.opts.root, page),
                    started.elapsed().as_millis()
                );
                // The search index follows on another thread, after the
                // reload signal; its records are taken from the build now,
                // held for reading only, so the reloading page is not held up.
                drop(guard);
                let read = self.state.live.build.read().unwrap_or_else(|e| e.into_inner());
                if let Some(refresh) = read.as_ref().map(|b| b.search_refresh(&languages)) {
                    drop(read);
                    self.refresh_search(refresh, started);
                }
            }
            Update::Stale { written, pages, languages, .. } => {
                // The document's own pages are written; the pages that show
                // it are stale: the open ones are rendered now, each
                // browser signalled when its page is current, the rest in
                // the background.
                let live = &self.state.live;
                live.invalidate(b, &pages, started);
                drop(guard);
                let own = started.elapsed().as_millis();
                let open = self.render_open_pages();
                println!(
                    "updated {} ({written} files) in {own} ms; {} other pages reached; {open} open page(s) current in {} ms",
                    rel(&self.opts.root, page),
                    pages.len(),
                    started.elapsed().as_millis()
                );
                let read = live.build.read().unwrap_or_else(|e| e.into_inner());
                if let Some(refresh) = read.as_ref().map(|b| b.search_refresh(&languages)) {
                    drop(read);
                    self.refresh_search(refresh, started);
                }
            }
            Update::Failed(diags) => {
                drop(guard);
                self.report_failure(&diags);
            }
            Update::NeedsFullBuild => {
                drop(guard);
                self.full(hl, started);
            }
        }
    }

    /// A change to templates, UI strings, data files or the menu: the new
    /// inputs are loaded, every page becomes stale, the pages the browsers
    /// show are rendered at once and each browser is told to reload as soon
    /// as its page is current; the worker renders the rest.
    fn reload_inputs(&self, config: bool, hl: &Highlighter, started: Instant) {
        let live = &self.state.live;
        let mut guard = live.write();
        let Some(b) = guard.as_mut() else {
            drop(guard);
            return self.full(hl, started);
        };
        match b.reload_inputs(config) {
            Reload::Stale(pages) => {
                live.invalidate(b, &pages, started);
                let total = b.site.nodes.len() * b.config.languages.len();
                drop(guard);
                let loaded = started.elapsed().as_millis();
                let open = self.render_open_pages();
                println!(
                    "reloaded templates, strings and data in {loaded} ms ({} of {total} pages reached); {open} open page(s) current in {} ms",
                    pages.len(),
                    started.elapsed().as_millis()
                );
            }
            Reload::Failed(diags) => {
                drop(guard);
                self.report_failure(&diags);
            }
            Reload::NeedsFullBuild(why) => {
                drop(guard);
                println!("{why}");
                self.state.hub.broadcast(&Signal::Building(why));
                self.full(hl, started);
            }
        }
    }

    /// After [`live::Live::invalidate`]: renders the page each browser
    /// shows, signals each browser as soon as its page is current, then
    /// lets the background worker start on the rest. Returns the number of
    /// open pages.
    fn render_open_pages(&self) -> usize {
        let live = &self.state.live;
        self.state.set_errors(Vec::new());
        let mut open = 0;
        for (id, path) in self.state.hub.clients() {
            if !path.is_empty() {
                live.ensure(&path);
                open += 1;
            }
            self.state.set_errors(live.errors());
            self.state.hub.send_to(id, &Signal::Reload);
        }
        live.release();
        open
    }

    /// Full build into the server's folder; the old output and build stay
    /// when it fails (the errors are shown).
    fn full(&self, hl: &Highlighter, started: Instant) {
        // Nothing is rendered into the folder the build replaces.
        self.state.live.pause();
        if let Some(b) = self.build_all(hl, started) {
            self.installed(b, started);
        }
        self.state.live.resume();
    }

    fn build_all(&self, hl: &Highlighter, started: Instant) -> Option<Build> {
        // A full build writes its own index: cancel pending refreshes, and
        // wait for one that is writing.
        self.search_generation.fetch_add(1, Ordering::SeqCst);
        let _guard = self.search_lock.lock();
        let (result, build) = pipeline::full_build(&self.build_opts, hl);
        match result {
            Ok(report) => {
                for w in &report.warnings {
                    eprintln!("{w}");
                }
                let pages: usize = report.pages.iter().map(|(_, n)| n).sum();
                println!("built {pages} pages in {} ms", started.elapsed().as_millis());
                build
            }
            Err(e) => {
                self.report_failure(e.diagnostics());
                None
            }
        }
    }

    /// Serves a new full build: nothing is stale, errors are gone, every
    /// browser reloads.
    fn installed(&self, build: Build, _started: Instant) {
        self.state.live.install(build);
        self.state.set_errors(Vec::new());
        self.state.hub.broadcast(&Signal::Reload);
    }

    /// Runs a search refresh in the background, on its own thread pool; a
    /// newer one supersedes it (one that is still waiting never starts).
    fn refresh_search(&self, job: pipeline::SearchRefresh, started: Instant) {
        let generation = self.search_generation.fetch_add(1, Ordering::SeqCst) + 1;
        let current = Arc::clone(&self.search_generation);
        let lock = Arc::clone(&self.search_lock);
        let pool = self.search_pool.clone();
        std::thread::spawn(move || {
            let _guard = lock.lock();
            if current.load(Ordering::SeqCst) != generation {
                return;
            }
            let run = || job.run(|| current.load(Ordering::SeqCst) == generation);
            let diags = match pool {
                Some(pool) => pool.install(run),
                None => run(),
            };
            for d in diags {
                eprintln!("{d}");
            }
            if current.load(Ordering::SeqCst) == generation {
                println!("search index updated in {} ms", started.elapsed().as_millis());
            }
        });
    }

    fn report_failure(&self, diags: &[Diagnostic]) {
        for d in diags {
            eprintln!("{d}");
        }
        let errors = diags.iter().filter(|d| d.is_error()).count();
        let plural = if errors == 1 { "" } else { "s" };
        if self.state.has_built() {
            eprintln!("rebuild failed: {errors} error{plural}; still serving the last good build");
        } else {
            eprintln!("build failed: {errors} error{plural}; fix them and save, the page reloads when the site builds");
        }
        self.state.set_errors(diags.to_vec());
        self.state.hub.broadcast(&Signal::Reload);
    }

    fn is_content(&self, p: &Path) -> bool {
        root_relative(&self.opts.root, p).is_some_and(|r| r.starts_with("content"))
    }

    /// When every changed path is a file of the site's `static/` folder,
    /// the `static/`-relative paths.
    fn only_static(&self, batch: &BTreeSet<PathBuf>) -> Option<Vec<(PathBuf, String)>> {
        batch
            .iter()
            .map(|p| {
                let rel = root_relative(&self.opts.root, p)?;
                let inner = rel.strip_prefix("static").ok()?;
                Some((p.clone(), inner.to_string_lossy().replace('\\', "/")))
            })
            .collect()
    }

    /// Copies changed static files; CSS is swapped in the browser, anything
    /// else reloads. A deleted static file needs a full build (it may have
    /// shadowed a theme file).
    fn copy_static(&self, files: Vec<(PathBuf, String)>, started: Instant) {
        if self.state.live.build.read().map_or(true, |b| b.is_none()) {
            return;
        }
        let mut css = Vec::new();
        for (src, rel) in &files {
            if crate::source_file::check(src, src, crate::source_file::Place::Site(&self.opts.root)).is_err()
                || std::fs::copy(src, self.state.out.join(rel)).is_err()
            {
                return self.full(&Highlighter::new(), started);
            }
            if rel.ends_with(".css") {
                css.push(format!("{}{rel}", "/"));
            }
        }
        let signal = if css.len() == files.len() { Signal::Css(css) } else { Signal::Reload };
        self.state.hub.broadcast(&signal);
        println!("copied {} static file(s) in {} ms", files.len(), started.elapsed().as_millis());
    }
}

/// What a batch of saves asks the server to do.
enum Change {
    /// One markdown file of `content/` changed.
    Page(PathBuf),
    /// Only templates, UI strings, data files or `site.yaml` changed.
    Inputs { config: bool },
    /// Anything else: a full build.
    Other,
}

/// Runs the calling thread at a lower priority (Linux: a nice value is per
/// thread), so that the background catch-up yields the cores to the pages
/// browsers ask for.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority only reads its arguments; `who` 0 is the calling thread on Linux.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 5);
    }
}

fn root_relative(root: &Path, p: &Path) -> Option<PathBuf> {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    p.strip_prefix(&root).ok().map(Path::to_path_buf)
}

fn rel(root: &Path, p: &Path) -> String {
    root_relative(root, p).unwrap_or_else(|| p.to_path_buf()).display().to_string()
}

/// The server's own output folder: under the system temp dir, one per site.
fn default_out(root: &Path) -> PathBuf {
    let abs = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let hash = crate::render::assets::short_hash(abs.to_string_lossy().as_bytes());
    std::env::temp_dir().join(format!("onramp-serve-{hash}"))
}

fn bind_free(ip: IpAddr, first: u16, strict: bool) -> std::io::Result<(TcpListener, SocketAddr)> {
    if strict {
        let addr = SocketAddr::new(ip, first);
        let listener = TcpListener::bind(addr)
            .map_err(|e| std::io::Error::new(e.kind(), format!("port {first} on {ip} is not available: {e}")))?;
        let bound = listener.local_addr().unwrap_or(addr);
        return Ok((listener, bound));
    }
    let mut last_err = None;
    for port in first..first.saturating_add(50) {
        let addr = SocketAddr::new(ip, port);
        match TcpListener::bind(addr) {
            Ok(s) => {
                let bound = s.local_addr().unwrap_or(addr);
                return Ok((s, bound));
            }
            Err(e) => last_err = Some(e),
        }
        if first == 0 {
            break;
        }
    }
    Err(std::io::Error::other(format!(
        "no free port from {first}: {}",
        last_err.map(|e| e.to_string()).unwrap_or_default()
    )))
}

fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let _ = std::process::Command::new(cmd).arg(url).spawn();
}
