//! The network edge: polite, capped HTTP GET.
//!
//! This is the only crate in the workspace that does network IO or reads the
//! clock for anything but the recorded time of an ingest (here: per-host
//! delays and timeouts). Everything it returns is plain bytes plus response
//! metadata; turning bytes into documents is `vane-formats`' job.
//!
//! A [`Fetcher`]:
//!
//! - identifies itself with [`Config::user_agent`] on every request;
//! - honours robots.txt (RFC 9309): `/robots.txt` is fetched once per origin
//!   (scheme, host, port) and cached; the group for our product token (the
//!   user agent up to the first `/` or space) is used, else `*`; a 4xx
//!   robots.txt allows everything; a 5xx one disallows everything (and is not
//!   cached, so a later call asks again); `Crawl-delay` raises the per-host
//!   delay (capped at [`MAX_CRAWL_DELAY`]);
//! - waits [`Config::per_host_delay`] between the end of one request to a host
//!   and the start of the next (robots.txt requests included);
//! - follows redirects itself, up to [`Config::max_redirects`], checking
//!   robots.txt and the delay for every hop;
//! - reads at most [`Config::max_bytes`] of a body and errors past it;
//! - applies [`Config::timeout`] to each HTTP request (connect, headers and
//!   body together);
//! - sends conditional requests from [`Validators`]; a 304 comes back as
//!   [`Fetched::not_modified`] with an empty body.

use std::collections::HashMap;
use std::io::{self, Read};
use std::time::{Duration, Instant};

use texting_robots::Robot;
use url::Url;

/// The default user agent.
pub const DEFAULT_USER_AGENT: &str = "Weathervane/0.1 (+https://example.invalid/weathervane)";

/// The largest `Crawl-delay` honoured; a longer one is treated as this.
pub const MAX_CRAWL_DELAY: Duration = Duration::from_secs(30);

/// The most of a robots.txt that is read (RFC 9309 asks for at least 500 KiB);
/// the rest is ignored.
const ROBOTS_MAX_BYTES: usize = 512 * 1024;

/// How a [`Fetcher`] behaves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Sent as `User-Agent`; its product token (up to the first `/` or space)
    /// selects the robots.txt group.
    pub user_agent: String,
    /// Limit for one HTTP request: connecting, headers and body.
    pub timeout: Duration,
    /// Largest body accepted, in bytes.
    pub max_bytes: usize,
    /// Redirects followed before [`FetchError::TooManyRedirects`].
    pub max_redirects: u32,
    /// Least time between two requests to one host.
    pub per_host_delay: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            user_agent: DEFAULT_USER_AGENT.to_string(),
            timeout: Duration::from_secs(30),
            max_bytes: 10 * 1024 * 1024,
            max_redirects: 5,
            per_host_delay: Duration::from_secs(1),
        }
    }
}

/// Validators from an earlier fetch, for a conditional GET.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Validators {
    /// Sent as `If-None-Match`.
    pub etag: Option<String>,
    /// Sent as `If-Modified-Since`.
    pub last_modified: Option<String>,
}

/// A fetched response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetched {
    /// The final URL, after redirects.
    pub url: String,
    pub status: u16,
    /// The `Content-Type` header as sent (charset parameter included).
    pub content_type: Option<String>,
    /// The `ETag` header; on a 304 without one, the prior validator.
    pub etag: Option<String>,
    /// The `Last-Modified` header; on a 304 without one, the prior validator.
    pub last_modified: Option<String>,
    /// The body; empty when `not_modified`.
    pub body: Vec<u8>,
    /// The server answered 304 Not Modified to a conditional request.
    pub not_modified: bool,
}

impl Fetched {
    /// The validators to send next time.
    pub fn validators(&self) -> Validators {
        Validators {
            etag: self.etag.clone(),
            last_modified: self.last_modified.clone(),
        }
    }
}

/// Why a fetch failed. Every variant names the URL it concerns.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// Not an absolute http(s) URL with a host (also a bad redirect target).
    #[error("bad URL: {url}")]
    BadUrl { url: String },
    /// robots.txt disallows the URL for our user agent (or the robots.txt
    /// server answered 5xx, which counts as disallow-all).
    #[error("robots.txt disallows {url}")]
    Robots { url: String },
    #[error("timed out fetching {url}")]
    Timeout { url: String },
    #[error("body of {url} exceeds {limit} bytes")]
    TooLarge { url: String, limit: usize },
    /// The redirect limit was reached; `url` is the first URL asked for.
    #[error("too many redirects from {url}")]
    TooManyRedirects { url: String },
    /// A status other than 2xx, 304 or a followed redirect.
    #[error("HTTP {status} from {url}")]
    Status { url: String, status: u16 },
    /// Any other transport failure (DNS, connect, TLS, reset, bad response).
    #[error("fetching {url}: {source}")]
    Io {
        url: String,
        #[source]
        source: io::Error,
    },
}

impl FetchError {
    /// The URL the error concerns.
    pub fn url(&self) -> &str {
        match self {
            FetchError::BadUrl { url }
            | FetchError::Robots { url }
            | FetchError::Timeout { url }
            | FetchError::TooLarge { url, .. }
            | FetchError::TooManyRedirects { url }
            | FetchError::Status { url, .. }
            | FetchError::Io { url, .. } => url,
        }
    }
}

/// What robots.txt says for one origin.
enum RobotsRule {
    AllowAll,
    Rules(Robot),
}

/// A blocking HTTP client that remembers, per host, when it last asked and
/// what robots.txt said.
pub struct Fetcher {
    config: Config,
    agent: ureq::Agent,
    /// The robots.txt product token, e.g. `Weathervane`.
    token: String,
    /// Keyed by origin (`scheme://host:port`).
    robots: HashMap<String, RobotsRule>,
    /// Keyed by host: when the last request to it ended.
    last: HashMap<String, Instant>,
    /// Keyed by host: `Crawl-delay` from its robots.txt.
    crawl_delay: HashMap<String, Duration>,
}

impl std::fmt::Debug for Fetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fetcher")
            .field("config", &self.config)
            .field("robots_cached", &self.robots.len())
            .finish_non_exhaustive()
    }
}

/// One raw response, before redirects are followed.
struct Hop {
    status: u16,
    location: Option<String>,
    content_type: Option<String>,
    etag: Option<String>,
    last_modified: Option<String>,
    body: Vec<u8>,
}

impl Fetcher {
    pub fn new(config: Config) -> Self {
        let agent = ureq::AgentBuilder::new()
            .user_agent(&config.user_agent)
            .redirects(0)
            .timeout(config.timeout)
            .build();
        let token = product_token(&config.user_agent);
        Fetcher {
            config,
            agent,
            token,
            robots: HashMap::new(),
            last: HashMap::new(),
            crawl_delay: HashMap::new(),
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// GET `url`, following redirects, honouring robots.txt and the per-host
    /// delay. With `prior`, the request is conditional and a 304 gives
    /// `not_modified = true` and an empty body. The validators go with every
    /// hop of a redirect chain.
    pub fn get(&mut self, url: &str, prior: Option<&Validators>) -> Result<Fetched, FetchError> {
        let mut current = parse_http_url(url)?;
        let mut redirects = 0u32;
        loop {
            self.check_robots(&current)?;
            let hop = self.request(&current, prior, self.config.max_bytes, false)?;
            match hop.status {
                301 | 302 | 303 | 307 | 308 => {
                    let Some(location) = hop.location else {
                        return Err(FetchError::Status {
                            url: current.to_string(),
                            status: hop.status,
                        });
                    };
                    if redirects >= self.config.max_redirects {
                        return Err(FetchError::TooManyRedirects {
                            url: url.to_string(),
                        });
                    }
                    redirects += 1;
                    current = match current.join(&location) {
                        Ok(next) => check_http_url(next, &location)?,
                        Err(_) => return Err(FetchError::BadUrl { url: location }),
                    };
                }
                304 => {
                    let prior = prior.cloned().unwrap_or_default();
                    return Ok(Fetched {
                        url: current.to_string(),
                        status: 304,
                        content_type: hop.content_type,
                        etag: hop.etag.or(prior.etag),
                        last_modified: hop.last_modified.or(prior.last_modified),
                        body: Vec::new(),
                        not_modified: true,
                    });
                }
                200..=299 => {
                    return Ok(Fetched {
                        url: current.to_string(),
                        status: hop.status,
                        content_type: hop.content_type,
                        etag: hop.etag,
                        last_modified: hop.last_modified,
                        body: hop.body,
                        not_modified: false,
                    })
                }
                status => {
                    return Err(FetchError::Status {
                        url: current.to_string(),
                        status,
                    })
                }
            }
        }
    }

    /// Is `url` allowed by its origin's robots.txt? Fetches and caches
    /// robots.txt if needed.
    fn check_robots(&mut self, url: &Url) -> Result<(), FetchError> {
        let origin = origin_key(url);
        if !self.robots.contains_key(&origin) {
            let rule = self.fetch_robots(url)?;
            self.robots.insert(origin.clone(), rule);
        }
        match &self.robots[&origin] {
            RobotsRule::AllowAll => Ok(()),
            RobotsRule::Rules(robot) if robot.allowed(url.as_str()) => Ok(()),
            RobotsRule::Rules(_) => Err(FetchError::Robots {
                url: url.to_string(),
            }),
        }
    }

    /// Fetch and parse robots.txt for `url`'s origin, following up to five
    /// redirects (RFC 9309). Transport errors are returned (not cached).
    fn fetch_robots(&mut self, url: &Url) -> Result<RobotsRule, FetchError> {
        let mut robots_url = url.join("/robots.txt").map_err(|_| FetchError::BadUrl {
            url: url.to_string(),
        })?;
        for _ in 0..=5 {
            let hop = self.request(&robots_url, None, ROBOTS_MAX_BYTES, true)?;
            match hop.status {
                200..=299 => {
                    let Ok(robot) = Robot::new(&self.token, &hop.body) else {
                        return Ok(RobotsRule::AllowAll);
                    };
                    if let Some(secs) = robot.delay.filter(|d| d.is_finite() && *d > 0.0) {
                        let delay = Duration::from_secs_f32(secs).min(MAX_CRAWL_DELAY);
                        self.crawl_delay.insert(host_key(url), delay);
                    }
                    return Ok(RobotsRule::Rules(robot));
                }
                301 | 302 | 303 | 307 | 308 => {
                    let Some(next) = hop.location.and_then(|l| robots_url.join(&l).ok()) else {
                        return Ok(RobotsRule::AllowAll);
                    };
                    if !matches!(next.scheme(), "http" | "https") || next.host_str().is_none() {
                        return Ok(RobotsRule::AllowAll);
                    }
                    robots_url = next;
                }
                500..=599 => {
                    return Err(FetchError::Robots {
                        url: url.to_string(),
                    })
                }
                // 4xx and anything else: no usable robots.txt, allow all.
                _ => return Ok(RobotsRule::AllowAll),
            }
        }
        Ok(RobotsRule::AllowAll)
    }

    /// One HTTP GET, after the per-host wait; records when it ended. With
    /// `truncate`, a body past `max_bytes` is cut instead of an error.
    fn request(
        &mut self,
        url: &Url,
        prior: Option<&Validators>,
        max_bytes: usize,
        truncate: bool,
    ) -> Result<Hop, FetchError> {
        let host = host_key(url);
        self.wait_for(&host);
        let result = self.send(url, prior, max_bytes, truncate);
        self.last.insert(host, Instant::now());
        result
    }

    fn wait_for(&self, host: &str) {
        let delay = self
            .crawl_delay
            .get(host)
            .map_or(self.config.per_host_delay, |d| {
                (*d).max(self.config.per_host_delay)
            });
        if let Some(last) = self.last.get(host) {
            let ready = *last + delay;
            let now = Instant::now();
            if ready > now {
                std::thread::sleep(ready - now);
            }
        }
    }

    fn send(
        &self,
        url: &Url,
        prior: Option<&Validators>,
        max_bytes: usize,
        truncate: bool,
    ) -> Result<Hop, FetchError> {
        let mut request = self.agent.request_url("GET", url);
        if let Some(prior) = prior {
            if let Some(etag) = &prior.etag {
                request = request.set("If-None-Match", etag);
            }
            if let Some(lm) = &prior.last_modified {
                request = request.set("If-Modified-Since", lm);
            }
        }
        let response = match request.call() {
            Ok(response) => response,
            Err(ureq::Error::Status(status, response)) => {
                // Drain nothing: the body of an error is not wanted.
                drop(response);
                return Ok(Hop {
                    status,
                    location: None,
                    content_type: None,
                    etag: None,
                    last_modified: None,
                    body: Vec::new(),
                });
            }
            Err(ureq::Error::Transport(transport)) => {
                return Err(transport_error(url, transport));
            }
        };
        let header = |name: &str| response.header(name).map(str::to_string);
        let status = response.status();
        let location = header("location");
        let content_type = header("content-type");
        let etag = header("etag");
        let last_modified = header("last-modified");
        let body = if matches!(status, 200..=299) {
            let declared = response
                .header("content-length")
                .and_then(|v| v.trim().parse::<u64>().ok());
            if !truncate && declared.is_some_and(|n| n > max_bytes as u64) {
                return Err(FetchError::TooLarge {
                    url: url.to_string(),
                    limit: max_bytes,
                });
            }
            read_capped(response.into_reader(), max_bytes, truncate).map_err(|e| match e {
                ReadError::TooLarge => FetchError::TooLarge {
                    url: url.to_string(),
                    limit: max_bytes,
                },
                ReadError::Io(e) => io_error(url, e),
            })?
        } else {
            Vec::new()
        };
        Ok(Hop {
            status,
            location,
            content_type,
            etag,
            last_modified,
            body,
        })
    }
}

enum ReadError {
    TooLarge,
    Io(io::Error),
}

/// Read at most `max_bytes`; one byte more is an error unless `truncate`.
fn read_capped(reader: impl Read, max_bytes: usize, truncate: bool) -> Result<Vec<u8>, ReadError> {
    let mut body = Vec::new();
    let mut limited = reader.take(max_bytes as u64 + 1);
    limited.read_to_end(&mut body).map_err(ReadError::Io)?;
    if body.len() > max_bytes {
        if truncate {
            body.truncate(max_bytes);
        } else {
            return Err(ReadError::TooLarge);
        }
    }
    Ok(body)
}

fn is_timeout(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock
    )
}

fn io_error(url: &Url, e: io::Error) -> FetchError {
    if is_timeout(&e) {
        FetchError::Timeout {
            url: url.to_string(),
        }
    } else {
        FetchError::Io {
            url: url.to_string(),
            source: e,
        }
    }
}

fn transport_error(url: &Url, transport: ureq::Transport) -> FetchError {
    use std::error::Error as _;
    let mut source = transport.source();
    while let Some(e) = source {
        if let Some(io) = e.downcast_ref::<io::Error>() {
            if is_timeout(io) {
                return FetchError::Timeout {
                    url: url.to_string(),
                };
            }
        }
        source = e.source();
    }
    if transport.kind() == ureq::ErrorKind::InvalidUrl
        || transport.kind() == ureq::ErrorKind::UnknownScheme
    {
        return FetchError::BadUrl {
            url: url.to_string(),
        };
    }
    FetchError::Io {
        url: url.to_string(),
        source: io::Error::other(transport.to_string()),
    }
}

fn parse_http_url(url: &str) -> Result<Url, FetchError> {
    let parsed = Url::parse(url).map_err(|_| FetchError::BadUrl {
        url: url.to_string(),
    })?;
    check_http_url(parsed, url)
}

/// Accept only http(s) URLs with a host; drop the fragment.
fn check_http_url(mut url: Url, original: &str) -> Result<Url, FetchError> {
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(FetchError::BadUrl {
            url: original.to_string(),
        });
    }
    url.set_fragment(None);
    Ok(url)
}

fn origin_key(url: &Url) -> String {
    format!(
        "{}://{}:{}",
        url.scheme(),
        url.host_str().unwrap_or(""),
        url.port_or_known_default().unwrap_or(0)
    )
}

fn host_key(url: &Url) -> String {
    url.host_str().unwrap_or("").to_ascii_lowercase()
}

/// The robots.txt product token of a user agent: up to the first `/` or
/// whitespace.
fn product_token(user_agent: &str) -> String {
    let token = user_agent
        .split(|c: char| c == '/' || c.is_whitespace())
        .next()
        .unwrap_or("");
    if token.is_empty() {
        "*".to_string()
    } else {
        token.to_string()
    }
}

#[cfg(test)]
mod tests;
