//! The reload channel: browsers connect with a WebSocket on the server's own
//! port (`/__onramp/ws`) and receive one JSON message per finished rebuild.
//!
//! A browser names the page it shows in the socket's URL
//! (`/__onramp/ws?path=/guide/install/`), so that after a template save
//! the server can render that page first and signal that browser as soon as
//! it is current ([`Hub::clients`], [`Hub::send_to`]).
//!
//! WebSockets, not Server-Sent Events: browsers cap open HTTP/1.1
//! connections at six per host, and an event stream per open tab would
//! exhaust them; WebSocket connections are counted separately.

use std::io::{Read, Write};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

/// What a browser should do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signal {
    /// Reload the page (new content, or errors appeared or went away).
    Reload,
    /// Only these stylesheets changed (URL paths): swap them in place.
    Css(Vec<String>),
    /// The whole site is being rebuilt, for this reason: say so until the
    /// reload.
    Building(String),
}

impl Signal {
    fn to_json(&self) -> String {
        match self {
            Signal::Reload => r#"{"type":"reload"}"#.to_string(),
            Signal::Css(paths) => {
                format!(r#"{{"type":"css","paths":{}}}"#, serde_json::to_string(paths).unwrap_or_else(|_| "[]".into()))
            }
            Signal::Building(why) => {
                format!(r#"{{"type":"building","message":{}}}"#, serde_json::to_string(why).unwrap_or_default())
            }
        }
    }
}

/// The set of connected browsers.
#[derive(Default)]
pub struct Hub {
    clients: Mutex<Vec<Client>>,
    next_id: std::sync::atomic::AtomicU64,
}

struct Client {
    id: u64,
    /// The URL path of the page the browser shows (empty when not told).
    path: String,
    tx: Sender<Signal>,
}

impl Hub {
    /// Sends a signal to every connected browser; gone ones are dropped.
    pub fn broadcast(&self, signal: &Signal) -> usize {
        let Ok(mut clients) = self.clients.lock() else { return 0 };
        clients.retain(|c| c.tx.send(signal.clone()).is_ok());
        clients.len()
    }

    /// The connected browsers: an id for [`Hub::send_to`], and the URL path
    /// of the page each shows (empty when it did not say).
    pub fn clients(&self) -> Vec<(u64, String)> {
        let Ok(clients) = self.clients.lock() else { return Vec::new() };
        clients.iter().map(|c| (c.id, c.path.clone())).collect()
    }

    /// Sends a signal to one browser.
    pub fn send_to(&self, id: u64, signal: &Signal) {
        let Ok(mut clients) = self.clients.lock() else { return };
        clients.retain(|c| c.id != id || c.tx.send(signal.clone()).is_ok());
    }

    /// Number of connected browsers.
    pub fn len(&self) -> usize {
        self.clients.lock().map(|c| c.len()).unwrap_or(0)
    }

    /// True when no browser is connected.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Registers a browser. The HTTP handler does this before it answers the
    /// WebSocket handshake, so that no signal sent after the browser saw the
    /// connection open can be missed.
    /// `path` is the URL path of the page the browser shows.
    pub fn subscribe(&self, path: &str) -> Receiver<Signal> {
        let (tx, rx) = channel();
        let id = self.next_id.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if let Ok(mut clients) = self.clients.lock() {
            clients.push(Client { id, path: path.to_string(), tx });
        }
        rx
    }

    /// Serves one upgraded WebSocket connection, subscribed with
    /// [`Hub::subscribe`], until the browser leaves.
    /// `leftover` is what was read from the stream past the handshake.
    pub fn serve_socket<S: Read + Write>(rx: Receiver<Signal>, stream: S, leftover: Vec<u8>) {
        let mut ws =
            tungstenite::WebSocket::from_partially_read(stream, leftover, tungstenite::protocol::Role::Server, None);
        loop {
            match rx.recv_timeout(Duration::from_secs(20)) {
                Ok(signal) => {
                    if ws.send(tungstenite::Message::text(signal.to_json())).is_err() {
                        return;
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    if ws.send(tungstenite::Message::Ping(Vec::new().into())).is_err() {
                        return;
                    }
                }
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
    }
}
