//! HTML articles: metadata from `<meta>`/`<link>`/`<time>`, main text extracted with html5ever
//! (via `scraper`).
//!
//! The parsed tree is flattened once into open/text/close events, so every pass below is a flat,
//! iterative loop: hostile pages nested thousands deep cannot overflow the stack.

use super::{charset, decode, parse_published, PlainOptions};
use crate::article::Article;
use scraper::node::Element;
use scraper::{Html, Node};

/// HTML input: the main text (paragraphs separated by a blank line), title, date, URL and outlet.
/// `opts.id`, `opts.source_name` and `opts.url` override the page; `opts.published` is used when
/// the page states no valid date.
pub fn parse(bytes: &[u8], stem: &str, opts: &PlainOptions) -> Article {
    let (mut source, mut warnings) = decode_page(bytes);
    if let Some(flat) = flatten_deep(&source) {
        source = flat;
        warnings.push(format!(
            "HTML nested deeper than {MAX_DEPTH} elements: the tags below that depth are ignored"
        ));
    }
    let doc = Html::parse_document(&source);
    let events = flatten(&doc);
    let meta = Meta::collect(&events);
    let stats = stats(&events);
    let text = extract(&events, &stats);
    let published = meta.published(&mut warnings).or(opts.published);
    Article {
        id: opts.id.clone().unwrap_or_else(|| stem.to_string()),
        url: opts.url.clone().or_else(|| meta.url()),
        published,
        source_name: opts
            .source_name
            .clone()
            .or_else(|| meta.get("og:site_name").map(collapse)),
        title: meta.title(),
        text,
        warnings,
    }
}

/// UTF-8, or windows-1252 when the page declares a Latin-1 family charset and is not valid
/// UTF-8; anything else is decoded lossily with a warning.
fn decode_page(bytes: &[u8]) -> (String, Vec<String>) {
    let (text, warning) = decode(bytes);
    match warning {
        None => (text, Vec::new()),
        Some(_)
            if charset::declared(bytes)
                .as_deref()
                .is_some_and(charset::is_windows_1252) =>
        {
            (charset::decode_windows_1252(bytes), Vec::new())
        }
        Some(w) => (text, vec![w]),
    }
}

/// Deepest element nesting passed to the HTML parser. html5ever checks scopes by walking its
/// stack of open elements, so each tag costs time in proportion to the depth: 100,000 nested
/// `<div>`s took 80 s. Browsers stop nesting at a few hundred too (Chromium's parser at 512),
/// and no article needs more.
const MAX_DEPTH: usize = 512;

/// Elements that never hold others (the parser closes them at once).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];

/// Elements whose content is text up to their own end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// A tag found by [`scan_tags`]: its byte range and what it does to the nesting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Nesting {
    Opens,
    Closes,
    /// Void or self-closing elements, comments, doctypes.
    Neither,
}

/// The page with every tag that would nest deeper than [`MAX_DEPTH`] replaced by a space (its
/// matching end tag too), or `None` when the page stays within the limit (the common case: the
/// page is then parsed exactly as written). Depth is counted from start and end tags as
/// written, which bounds what the parser builds; a linear scan, whatever the markup.
fn flatten_deep(source: &str) -> Option<String> {
    let mut depth = 0usize;
    let mut deepest = 0usize;
    for (_, nesting) in scan_tags(source) {
        match nesting {
            Nesting::Opens => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            Nesting::Closes => depth = depth.saturating_sub(1),
            Nesting::Neither => {}
        }
    }
    if deepest <= MAX_DEPTH {
        return None;
    }
    let mut out = String::with_capacity(source.len());
    let mut copied = 0;
    let (mut depth, mut dropped) = (0usize, 0usize);
    for (range, nesting) in scan_tags(source) {
        let drop = match nesting {
            Nesting::Opens if depth >= MAX_DEPTH => {
                dropped += 1;
                true
            }
            Nesting::Opens => {
                depth += 1;
                false
            }
            Nesting::Closes if dropped > 0 => {
                dropped -= 1;
                true
            }
            Nesting::Closes => {
                depth = depth.saturating_sub(1);
                false
            }
            Nesting::Neither => false,
        };
        if drop {
            out.push_str(&source[copied..range.start]);
            out.push(' ');
            copied = range.end;
        }
    }
    out.push_str(&source[copied..]);
    Some(out)
}

/// The tags of a page in order, with the raw text of `<script>`, `<style>` and the like
/// skipped as the parser skips it, and comments as single items.
fn scan_tags(source: &str) -> impl Iterator<Item = (std::ops::Range<usize>, Nesting)> + '_ {
    let b = source.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || loop {
        let lt = at + memchr::memchr(b'<', b.get(at..)?)?;
        let next = b.get(lt + 1).copied();
        if b[lt..].starts_with(b"<!--") {
            let end = memchr::memmem::find(&b[lt + 4..], b"-->").map_or(b.len(), |i| lt + 7 + i);
            at = end;
            return Some((lt..end, Nesting::Neither));
        }
        if matches!(next, Some(b'!' | b'?')) {
            let end = memchr::memchr(b'>', &b[lt..]).map_or(b.len(), |i| lt + i + 1);
            at = end;
            return Some((lt..end, Nesting::Neither));
        }
        let closing = next == Some(b'/');
        let name_start = lt + 1 + usize::from(closing);
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            at = lt + 1;
            continue;
        }
        let name_end = name_start
            + b[name_start..]
                .iter()
                .position(|c| c.is_ascii_whitespace() || matches!(c, b'/' | b'>'))
                .unwrap_or(b.len() - name_start);
        let Some((end, self_closing)) = tag_end(b, name_end) else {
            // A tag cut off by the end of the page is dropped by the parser.
            at = b.len();
            return None;
        };
        let name = source[name_start..name_end].to_ascii_lowercase();
        at = end;
        if closing {
            return Some((lt..end, Nesting::Closes));
        }
        if RAW_TEXT.contains(&name.as_str()) {
            at = end_tag(b, end, name.as_bytes());
            return Some((lt..end, Nesting::Neither));
        }
        let nests = !self_closing && !VOID.contains(&name.as_str());
        let nesting = if nests {
            Nesting::Opens
        } else {
            Nesting::Neither
        };
        return Some((lt..end, nesting));
    })
}

/// The byte after the `>` closing a tag whose attributes start at `from` (quoted attribute
/// values may hold `>`), and whether it ends with `/>`.
fn tag_end(b: &[u8], from: usize) -> Option<(usize, bool)> {
    let mut i = from;
    let mut after_equals = false;
    while i < b.len() {
        match b[i] {
            b'>' => return Some((i + 1, i > from && b[i - 1] == b'/')),
            q @ (b'"' | b'\'') if after_equals => {
                i += 1 + memchr::memchr(q, &b[i + 1..])?;
                after_equals = false;
            }
            b'=' => after_equals = true,
            c if c.is_ascii_whitespace() => {}
            _ => after_equals = false,
        }
        i += 1;
    }
    None
}

/// Where the raw text of element `name` ends: at its end tag `</name`, else at the page's end.
fn end_tag(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut at = from;
    while let Some(i) = memchr::memmem::find(&b[at..], b"</") {
        let start = at + i;
        let after = start + 2 + name.len();
        let same = b
            .get(start + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name));
        let ends = b
            .get(after)
            .is_none_or(|c| c.is_ascii_whitespace() || matches!(c, b'/' | b'>'));
        if same && ends {
            return start;
        }
        at = start + 2;
    }
    b.len()
}

enum Ev<'a> {
    /// An element and the index of its `Close` event.
    Open(&'a Element, usize),
    Close,
    Text(&'a str),
}

/// The document as a flat event list (elements and text only; comments and doctypes dropped).
fn flatten(doc: &Html) -> Vec<Ev<'_>> {
    let root = doc.tree.root();
    let mut out = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut node = root;
    'walk: loop {
        let mut has_children = false;
        match node.value() {
            Node::Element(e) => {
                open.push(out.len());
                out.push(Ev::Open(e, 0));
                has_children = true;
            }
            Node::Document | Node::Fragment => has_children = true,
            Node::Text(t) => out.push(Ev::Text(t)),
            _ => {}
        }
        if has_children {
            if let Some(child) = node.first_child() {
                node = child;
                continue;
            }
        }
        // Leave this node, then every ancestor that has no next sibling.
        loop {
            if node.value().is_element() {
                if let Some(i) = open.pop() {
                    let close = out.len();
                    if let Some(Ev::Open(_, c)) = out.get_mut(i) {
                        *c = close;
                    }
                    out.push(Ev::Close);
                }
            }
            if node.id() == root.id() {
                break 'walk;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                continue 'walk;
            }
            match node.parent() {
                Some(parent) => node = parent,
                None => break 'walk,
            }
        }
    }
    out
}

/// Elements whose content is never article text.
const DROPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "figcaption",
    "template",
    "svg",
    "math",
    "iframe",
    "button",
    "select",
    "textarea",
    "input",
    "option",
    "label",
    "dialog",
    "menu",
    "canvas",
    "video",
    "audio",
    "object",
    "embed",
    "head",
    "title",
    "map",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "div",
    "section",
    "article",
    "main",
    "body",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "pre",
    "address",
    "figure",
    "hr",
    "center",
    "details",
    "summary",
    "fieldset",
    "hgroup",
    "br",
];

/// Class or id words (split on `-`, `_`, space) that mark page furniture.
const FURNITURE: &[&str] = &[
    "share",
    "sharing",
    "social",
    "related",
    "recommended",
    "newsletter",
    "subscribe",
    "comment",
    "comments",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "promo",
    "sponsored",
    "cookie",
    "cookies",
    "consent",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "caption",
    "credit",
    "credits",
    "sidebar",
    "popup",
    "modal",
    "paywall",
    "outbrain",
    "taboola",
    "navbar",
    "masthead",
];

/// ARIA landmark roles of page furniture.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alert",
];

/// Containers that are never dropped for their class: a body class like `ad-free` must not
/// discard the page.
const ROOTS: &[&str] = &["html", "body", "main", "article"];

/// Blocks that hold running text rather than other blocks.
const PROSE: &[&str] = &["p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"];

fn is_prose(e: &Element) -> bool {
    PROSE.contains(&e.name())
}

fn is_block(e: &Element) -> bool {
    BLOCKS.contains(&e.name())
}

/// Whether an element and everything inside it is boilerplate.
fn is_dropped(e: &Element) -> bool {
    let name = e.name();
    if DROPPED.contains(&name) || e.attr("hidden").is_some() {
        return true;
    }
    if e.attr("aria-hidden")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if e.attr("role")
        .is_some_and(|r| FURNITURE_ROLES.iter().any(|f| r.eq_ignore_ascii_case(f)))
    {
        return true;
    }
    if let Some(style) = e.attr("style") {
        let compact: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if compact.contains("display:none") || compact.contains("visibility:hidden") {
            return true;
        }
    }
    if ROOTS.contains(&name) {
        return false;
    }
    [e.attr("class"), e.attr("id")]
        .into_iter()
        .flatten()
        .any(|v| {
            v.split(|c: char| c == '-' || c == '_' || c.is_whitespace())
                .any(|w| FURNITURE.iter().any(|f| w.eq_ignore_ascii_case(f)))
        })
}

/// Visible-text counts of an element's content (dropped subtrees excluded).
#[derive(Clone, Copy, Debug, Default)]
struct Count {
    /// Non-whitespace characters.
    chars: usize,
    /// Of which inside `<a>`.
    link_chars: usize,
    /// Words with a letter outside `<a>`.
    free_words: usize,
    /// The text ends with a sentence stop outside any link ("<a>Erdogan</a> said.").
    ends_with_free_stop: bool,
}

impl Count {
    fn add(&mut self, o: Count) {
        self.chars += o.chars;
        self.link_chars += o.link_chars;
        self.free_words += o.free_words;
        if o.chars > 0 {
            self.ends_with_free_stop = o.ends_with_free_stop;
        }
    }

    /// Navigation-like: over half the text is links and little else is said, or links dominate.
    /// A prose block (`p`, headings, quotes) that ends its own sentence outside a link is kept:
    /// "<a>The UN Security Council</a> met." is a sentence, "Read more: <a>…</a>" is not.
    fn link_dense(&self, prose: bool) -> bool {
        if prose && self.ends_with_free_stop {
            return false;
        }
        self.link_chars * 2 > self.chars
            && (self.free_words < 8 || self.link_chars * 4 > self.chars * 3)
    }
}

/// Per event index, the counts of the element opened there (default elsewhere).
fn stats(events: &[Ev<'_>]) -> Vec<Count> {
    let mut out = vec![Count::default(); events.len()];
    let mut stack: Vec<(usize, Count, bool)> = Vec::new();
    let mut links = 0usize;
    let mut i = 0;
    while i < events.len() {
        match events[i] {
            Ev::Open(e, close) if is_dropped(e) => {
                i = close + 1;
                continue;
            }
            Ev::Open(e, _) => {
                let is_link = e.name() == "a";
                links += usize::from(is_link);
                stack.push((i, Count::default(), is_link));
            }
            Ev::Close => {
                if let Some((open, count, is_link)) = stack.pop() {
                    links -= usize::from(is_link);
                    out[open] = count;
                    if let Some(parent) = stack.last_mut() {
                        parent.1.add(count);
                    }
                }
            }
            Ev::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    let chars = t.chars().filter(|c| !c.is_whitespace()).count();
                    top.1.chars += chars;
                    if chars > 0 {
                        top.1.ends_with_free_stop = links == 0
                            && t.trim_end()
                                .ends_with(['.', '!', '?', '"', '\u{201D}', '\u{2019}']);
                    }
                    if links > 0 {
                        top.1.link_chars += chars;
                    } else {
                        top.1.free_words += t
                            .split_whitespace()
                            .filter(|w| w.chars().any(char::is_alphabetic))
                            .count();
                    }
                }
            }
        }
        i += 1;
    }
    out
}

/// The open-event index of the region holding the article: the `<article>` with the most text
/// (when it holds at least a quarter of the page's text: teaser cards are `<article>`s too),
/// else `<main>`/`[role=main]`, else `<body>`, else the whole document.
fn regions(events: &[Ev<'_>], stats: &[Count]) -> Vec<usize> {
    let text = |i: usize| stats[i].chars - stats[i].link_chars;
    let mut article: Option<usize> = None;
    let mut main = None;
    let mut body = None;
    for (i, ev) in events.iter().enumerate() {
        let Ev::Open(e, _) = ev else { continue };
        match e.name() {
            "article" if article.map(text) < Some(text(i)) => article = Some(i),
            "main" if main.is_none() => main = Some(i),
            "body" if body.is_none() => body = Some(i),
            _ if main.is_none()
                && e.attr("role")
                    .is_some_and(|r| r.eq_ignore_ascii_case("main")) =>
            {
                main = Some(i)
            }
            _ => {}
        }
    }
    let page = main.or(body).map_or_else(
        || {
            stats
                .iter()
                .map(|c| c.chars - c.link_chars)
                .max()
                .unwrap_or(0)
        },
        text,
    );
    let article = article.filter(|&a| text(a) * 4 >= page);
    let mut out: Vec<usize> = [article, main, body].into_iter().flatten().collect();
    out.dedup();
    out
}

/// The main text, paragraphs joined by a blank line. Falls back to wider regions when the
/// preferred one yields nothing.
fn extract(events: &[Ev<'_>], stats: &[Count]) -> String {
    let regions = regions(events, stats);
    for &r in &regions {
        if let Ev::Open(_, close) = events[r] {
            let paragraphs = paragraphs(events, stats, r, close);
            if !paragraphs.is_empty() {
                return paragraphs.join("\n\n");
            }
        }
    }
    if regions.is_empty() {
        // No <body>: html5ever always makes one, but stay safe.
        return paragraphs(events, stats, 0, events.len()).join("\n\n");
    }
    String::new()
}

/// Paragraphs of the region from event `start` to `end`: whitespace collapsed, boilerplate and
/// link-dense blocks left out.
fn paragraphs(events: &[Ev<'_>], stats: &[Count], start: usize, end: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut space = false;
    fn flush(cur: &mut String, out: &mut Vec<String>) {
        if !cur.is_empty() {
            out.push(std::mem::take(cur));
        }
    }
    let mut blocks: Vec<bool> = Vec::new();
    let mut i = start;
    while i < end.min(events.len()) {
        match events[i] {
            Ev::Open(e, close) => {
                let block = is_block(e);
                if i != start && (is_dropped(e) || (block && stats[i].link_dense(is_prose(e)))) {
                    // A dropped block still ends the paragraph before it.
                    if block {
                        flush(&mut cur, &mut out);
                        space = false;
                    }
                    i = close + 1;
                    continue;
                }
                if block {
                    flush(&mut cur, &mut out);
                    space = false;
                }
                blocks.push(block);
            }
            Ev::Close => {
                if blocks.pop().unwrap_or(false) {
                    flush(&mut cur, &mut out);
                    space = false;
                }
            }
            Ev::Text(t) => {
                for c in t.chars() {
                    if c.is_whitespace() {
                        space = true;
                    } else {
                        if space && !cur.is_empty() {
                            cur.push(' ');
                        }
                        space = false;
                        cur.push(c);
                    }
                }
            }
        }
        i += 1;
    }
    flush(&mut cur, &mut out);
    out
}

/// Whitespace runs to one space, trimmed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What the page says about itself.
#[derive(Default)]
struct Meta {
    /// `<meta>` key (property, name or itemprop, lowercased) and content, in page order.
    pairs: Vec<(String, String)>,
    title: Option<String>,
    canonical: Option<String>,
    /// `itemprop="datePublished"` on an element other than `<meta>` (`datetime` or `content`).
    item_date: Option<String>,
    first_time: Option<String>,
    /// `datePublished` from JSON-LD (`<script type="application/ld+json">`): the last resort,
    /// after the sources the issue lists, since many current sites state the date only there.
    ld_date: Option<String>,
}

/// Where a publication date may be stated, in order of trust.
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "pubdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
];

impl Meta {
    fn collect(events: &[Ev<'_>]) -> Meta {
        let mut m = Meta::default();
        let mut i = 0;
        while i < events.len() {
            if let Ev::Open(e, close) = events[i] {
                match e.name() {
                    "meta" => {
                        if let Some(content) = e.attr("content") {
                            for key in ["property", "name", "itemprop"] {
                                if let Some(k) = e.attr(key) {
                                    m.pairs
                                        .push((k.trim().to_ascii_lowercase(), content.to_string()));
                                }
                            }
                        }
                    }
                    "link" => {
                        let canonical = e.attr("rel").is_some_and(|r| {
                            r.split_whitespace()
                                .any(|t| t.eq_ignore_ascii_case("canonical"))
                        });
                        if canonical && m.canonical.is_none() {
                            m.canonical = e.attr("href").map(|h| h.trim().to_string());
                        }
                    }
                    "title" if m.title.is_none() => {
                        let text: String = events[i..close]
                            .iter()
                            .filter_map(|ev| match ev {
                                Ev::Text(t) => Some(*t),
                                _ => None,
                            })
                            .collect();
                        m.title = Some(collapse(&text)).filter(|t| !t.is_empty());
                    }
                    "time" if m.first_time.is_none() => {
                        m.first_time = e.attr("datetime").map(str::to_string);
                    }
                    "script"
                        if m.ld_date.is_none()
                            && e.attr("type").is_some_and(|t| {
                                t.trim().eq_ignore_ascii_case("application/ld+json")
                            }) =>
                    {
                        let json: String = events[i..close]
                            .iter()
                            .filter_map(|ev| match ev {
                                Ev::Text(t) => Some(*t),
                                _ => None,
                            })
                            .collect();
                        m.ld_date = serde_json::from_str(&json)
                            .ok()
                            .and_then(|v| ld_date_published(&v));
                    }
                    _ => {}
                }
                let item = e
                    .attr("itemprop")
                    .is_some_and(|p| p.eq_ignore_ascii_case("datepublished"));
                if item && e.name() != "meta" && m.item_date.is_none() {
                    m.item_date = e.attr("datetime").or(e.attr("content")).map(str::to_string);
                }
            }
            i += 1;
        }
        m
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.as_str())
    }

    fn title(&self) -> Option<String> {
        self.get("og:title")
            .map(collapse)
            .filter(|t| !t.is_empty())
            .or_else(|| self.title.clone())
    }

    fn url(&self) -> Option<String> {
        self.canonical
            .clone()
            .filter(|u| !u.is_empty())
            .or_else(|| self.get("og:url").map(|u| u.trim().to_string()))
    }

    /// The first well-formed date among the sources, in order; malformed ones are skipped with
    /// a warning.
    fn published(&self, warnings: &mut Vec<String>) -> Option<crate::date::Date> {
        let metas = DATE_KEYS.iter().flat_map(|&key| {
            self.pairs
                .iter()
                .filter(move |(k, v)| k == key && !v.trim().is_empty())
                .map(|(k, v)| (format!("<meta {k}>"), v.as_str()))
        });
        let itemprop = self
            .pairs
            .iter()
            .filter(|(k, _)| k == "datepublished")
            .map(|(_, v)| v.as_str())
            .chain(self.item_date.as_deref())
            .map(|v| ("itemprop=datePublished".to_string(), v));
        let time = self
            .first_time
            .as_deref()
            .map(|v| ("<time datetime>".to_string(), v));
        let ld = self
            .ld_date
            .as_deref()
            .map(|v| ("JSON-LD datePublished".to_string(), v));
        for (source, value) in metas.chain(itemprop).chain(time).chain(ld) {
            match parse_published(value) {
                Ok(d) => return Some(d),
                Err(_) => warnings.push(format!("ignoring malformed date in {source}: {value:?}")),
            }
        }
        None
    }
}

/// The first `datePublished` string in a JSON-LD value (objects, arrays and `@graph` alike).
/// serde_json caps nesting at 128, so the recursion is bounded.
fn ld_date_published(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Object(map) => match map.get("datePublished") {
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            _ => map.values().find_map(ld_date_published),
        },
        serde_json::Value::Array(items) => items.iter().find_map(ld_date_published),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use proptest::prelude::*;

    fn page(html: &str) -> Article {
        parse(html.as_bytes(), "stem", &PlainOptions::default())
    }

    fn wrap(head: &str, body: &str) -> String {
        format!("<!doctype html><html><head>{head}</head><body>{body}</body></html>")
    }

    #[test]
    fn deep_nesting_is_cut_at_the_limit_in_linear_time() {
        let n = 100_000;
        let html = wrap(
            "",
            &format!(
                "{}Deep text.{}<p>After.</p>",
                "<div>".repeat(n),
                "</div>".repeat(n)
            ),
        );
        let started = std::time::Instant::now();
        let a = page(&html);
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
        assert_eq!(a.text, "Deep text.\n\nAfter.");
        assert!(a.warnings.iter().any(|w| w.contains("nested deeper")));
    }

    #[test]
    fn pages_within_the_limit_are_parsed_as_written() {
        let within = format!(
            "{}x{}",
            "<div>".repeat(MAX_DEPTH - 3),
            "</div>".repeat(MAX_DEPTH - 3)
        );
        assert_eq!(flatten_deep(&wrap("", &within)), None);
        let tricky = "<p title=\"a > b\">T</p><script>if (a<b) { x = '<div>'; }</script>\
                      <!-- <div><div> --><br><img src=x/><input>";
        assert_eq!(flatten_deep(tricky), None);
        let tags: Vec<Nesting> = scan_tags(tricky).map(|(_, n)| n).collect();
        use Nesting::*;
        assert_eq!(
            tags,
            [Opens, Closes, Neither, Closes, Neither, Neither, Neither, Neither]
        );
    }

    #[test]
    fn flattening_drops_the_deep_tags_and_their_end_tags_only() {
        let deep = MAX_DEPTH + 2;
        let html = format!(
            "{}<b>x</b>{}<i>y</i>",
            "<span>".repeat(deep),
            "</span>".repeat(deep)
        );
        let flat = flatten_deep(&html).unwrap();
        assert_eq!(flat.matches("<span>").count(), MAX_DEPTH);
        assert_eq!(flat.matches("</span>").count(), MAX_DEPTH);
        assert!(flat.ends_with("</span><i>y</i>"));
        assert!(!flat.contains("<b>") && flat.contains(" x "));
    }

    #[test]
    fn paragraphs_separated_and_whitespace_collapsed() {
        let a = page(&wrap(
            "",
            "<p>First   para\n  spans\tlines.</p><p>Second <b>bold</b>ly.</p>\
             <h2>Heading</h2><ul><li>One</li><li>Two</li></ul><blockquote>Quoted.</blockquote>",
        ));
        assert_eq!(
            a.text,
            "First para spans lines.\n\nSecond boldly.\n\nHeading\n\nOne\n\nTwo\n\nQuoted."
        );
    }

    #[test]
    fn div_with_direct_text_and_br() {
        let a = page(&wrap(
            "",
            "<div>Direct text.<div>Inner.</div>Tail.<br>After break.</div>",
        ));
        assert_eq!(a.text, "Direct text.\n\nInner.\n\nTail.\n\nAfter break.");
    }

    #[test]
    fn entities_decoded() {
        let a = page(&wrap(
            "<title>Tom &amp; Jerry</title>",
            "<p>Caf&eacute; &ldquo;quoted&rdquo; &#8212; 5&nbsp;km &lt;x&gt;</p>",
        ));
        assert_eq!(a.text, "Café “quoted” — 5 km <x>");
        assert_eq!(a.title.as_deref(), Some("Tom & Jerry"));
    }

    #[test]
    fn boilerplate_dropped() {
        let a = page(&wrap(
            "<style>p{}</style><script>var x = 1;</script>",
            "<header>Site name</header><nav>Home</nav>\
             <p>Story.</p><script>alert(1)</script><noscript>Enable JS</noscript>\
             <figure><img src=x><figcaption>A photo caption.</figcaption></figure>\
             <aside>Sidebar</aside><form>Search</form><footer>Copyright</footer>\
             <div class=\"social-share\">Share this</div><div hidden>Hidden</div>\
             <div style=\"display: none\">Invisible</div><div role=\"navigation\">Menu</div>",
        ));
        assert_eq!(a.text, "Story.");
    }

    #[test]
    fn link_dense_blocks_dropped() {
        let a = page(&wrap(
            "",
            "<div><a href=/>Home</a> | <a href=/w>World</a> | <a href=/p>Politics</a></div>\
             <p>Turkey said on Tuesday it <a href=/r>rejected</a> the proposal from Moscow.</p>\
             <ul><li><a href=/1>Related story one</a></li><li><a href=/2>Another one</a></li></ul>\
             <p>Read more: <a href=/3>Ceasefire talks collapse in Moscow</a></p>\
             <p><a href=/un>The United Nations Security Council</a> met.</p>",
        ));
        assert_eq!(
            a.text,
            "Turkey said on Tuesday it rejected the proposal from Moscow.\n\n\
             The United Nations Security Council met."
        );
    }

    #[test]
    fn prefers_article_then_main() {
        let body = "<div>Outside teaser text that is long enough to matter here.</div>\
                    <main><article><p>The story.</p><p>More story.</p></article></main>";
        assert_eq!(page(&wrap("", body)).text, "The story.\n\nMore story.");
        let main = "<div>Outside.</div><div role=\"main\"><p>Main text.</p></div>";
        assert_eq!(page(&wrap("", main)).text, "Main text.");
        let tag = "<div>Outside.</div><main><p>Main text.</p></main>";
        assert_eq!(page(&wrap("", tag)).text, "Main text.");
    }

    #[test]
    fn small_teaser_article_does_not_win() {
        let body = "<main><p>This is the real story, long enough to be the main text of the \
                    page, with many words in several sentences. It goes on.</p>\
                    <article><p>Teaser.</p></article></main>";
        assert!(page(&wrap("", body))
            .text
            .starts_with("This is the real story"));
    }

    #[test]
    fn largest_article_wins_and_empty_region_falls_back() {
        let body = "<article><p>Short.</p></article><article><p>The longer story.</p></article>";
        assert_eq!(page(&wrap("", body)).text, "The longer story.");
        let empty = "<main><script>x</script></main><p>Body text.</p>";
        assert_eq!(page(&wrap("", empty)).text, "Body text.");
    }

    #[test]
    fn furniture_class_on_body_keeps_page() {
        let a = page("<html><body class=\"ad-free has-sidebar\"><p>Kept.</p></body></html>");
        assert_eq!(a.text, "Kept.");
    }

    #[test]
    fn title_from_og_then_title_tag() {
        let both = wrap(
            "<title>Site | Headline</title><meta property=\"og:title\" content=\" Headline \">",
            "<p>x</p>",
        );
        assert_eq!(page(&both).title.as_deref(), Some("Headline"));
        let only = wrap("<title>\n  Site  Headline\n</title>", "<p>x</p>");
        assert_eq!(page(&only).title.as_deref(), Some("Site Headline"));
        assert_eq!(page(&wrap("", "<p>x</p>")).title, None);
    }

    #[test]
    fn published_from_each_form() {
        let d = Date::new(2020, 2, 20);
        for head in [
            "<meta property=\"article:published_time\" content=\"2020-02-20T08:00:00+03:00\">",
            "<meta property=\"og:published_time\" content=\"2020-02-20\">",
            "<meta name=\"pubdate\" content=\"2020-02-20\">",
            "<meta name=\"date\" content=\"2020-02-20\">",
            "<meta name=\"DC.date\" content=\"2020-02-20\">",
            "<meta itemprop=\"datePublished\" content=\"2020-02-20\">",
        ] {
            assert_eq!(page(&wrap(head, "<p>x</p>")).published, d, "{head}");
        }
        let item = "<p>x <span itemprop=\"datePublished\" content=\"2020-02-20\">Feb 20</span></p>";
        assert_eq!(page(&wrap("", item)).published, d);
        let time = "<p>x <time datetime=\"2020-02-20T10:00Z\">20 Feb</time></p>";
        assert_eq!(page(&wrap("", time)).published, d);
    }

    #[test]
    fn published_from_json_ld_as_last_resort() {
        let ld = "<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebPage\"},\
                  {\"@type\":\"NewsArticle\",\"datePublished\":\"2020-02-20T09:00:00Z\"}]}</script>";
        let a = page(&wrap(ld, "<p>x</p>"));
        assert_eq!(a.published, Date::new(2020, 2, 20));
        let with_time = page(&wrap(ld, "<p>x <time datetime=\"2020-02-19\">y</time></p>"));
        assert_eq!(with_time.published, Date::new(2020, 2, 19));
        let broken = page(&wrap(
            "<script type=\"application/ld+json\">{oops</script>",
            "<p>x</p>",
        ));
        assert_eq!(broken.published, None);
        assert!(broken.warnings.is_empty());
    }

    #[test]
    fn published_order_of_trust() {
        let head = "<meta name=\"date\" content=\"2019-01-01\">\
                    <meta property=\"article:published_time\" content=\"2020-02-20\">";
        let a = page(&wrap(head, "<time datetime=\"2018-05-05\">x</time>"));
        assert_eq!(a.published, Date::new(2020, 2, 20));
    }

    #[test]
    fn malformed_date_ignored_with_warning() {
        let head = "<meta property=\"article:published_time\" content=\"Feb 20, 2020\">\
                    <meta name=\"date\" content=\"2020-02-21\">";
        let a = page(&wrap(head, "<p>x</p>"));
        assert_eq!(a.published, Date::new(2020, 2, 21));
        assert_eq!(
            a.warnings,
            vec![
                "ignoring malformed date in <meta article:published_time>: \"Feb 20, 2020\""
                    .to_string()
            ]
        );
    }

    #[test]
    fn url_and_site_name() {
        let head = "<link rel=\"canonical\" href=\" https://x.org/a \">\
                    <meta property=\"og:url\" content=\"https://x.org/og\">\
                    <meta property=\"og:site_name\" content=\"X News\">";
        let a = page(&wrap(head, "<p>x</p>"));
        assert_eq!(a.url.as_deref(), Some("https://x.org/a"));
        assert_eq!(a.source_name.as_deref(), Some("X News"));
        let og = "<meta property=\"og:url\" content=\"https://x.org/og\">";
        assert_eq!(
            page(&wrap(og, "<p>x</p>")).url.as_deref(),
            Some("https://x.org/og")
        );
    }

    #[test]
    fn options_override_and_fill() {
        let head = "<meta property=\"og:site_name\" content=\"X News\">";
        let opts = PlainOptions {
            id: Some("given".into()),
            published: Date::new(2021, 1, 1),
            source_name: Some("Wire".into()),
            url: None,
        };
        let a = parse(wrap(head, "<p>x</p>").as_bytes(), "stem", &opts);
        assert_eq!(a.id, "given");
        assert_eq!(a.source_name.as_deref(), Some("Wire"));
        assert_eq!(a.published, Date::new(2021, 1, 1));
        let dated = "<meta name=\"date\" content=\"2020-02-20\">";
        let b = parse(wrap(dated, "<p>x</p>").as_bytes(), "stem", &opts);
        assert_eq!(b.published, Date::new(2020, 2, 20));
        assert_eq!(page("<p>x</p>").id, "stem");
    }

    #[test]
    fn legacy_charset_and_invalid_utf8() {
        let latin = b"<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf\xE9 \x93x\x94</p></body></html>";
        let a = parse(latin, "s", &PlainOptions::default());
        assert_eq!(a.text, "Café “x”");
        assert!(a.warnings.is_empty());
        let bad = parse(b"<p>Caf\xE9</p>", "s", &PlainOptions::default());
        assert_eq!(bad.text, "Caf\u{FFFD}");
        assert_eq!(
            bad.warnings,
            vec!["invalid UTF-8 at byte 6: decoded lossily".to_string()]
        );
    }

    #[test]
    fn bom_and_fragments() {
        assert_eq!(page("\u{FEFF}<p>Hi.</p>").text, "Hi.");
        assert_eq!(page("plain words, no tags").text, "plain words, no tags");
        assert_eq!(page("").text, "");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        // html5ever itself is quadratic in nesting depth (8k levels: 2.3 s in a debug build), so
        // the test stays at a depth that is still risky for naive recursion.
        let deep = format!(
            "{}<p>Deep.</p>{}",
            "<div>".repeat(4_000),
            "</div>".repeat(4_000)
        );
        assert_eq!(page(&deep).text, "Deep.");
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let a = parse(&bytes, "s", &PlainOptions::default());
            prop_assert!(!a.text.contains("\n\n\n"));
            prop_assert_eq!(a.text.trim(), a.text.as_str());
        }

        #[test]
        fn tag_soup_never_panics(s in "(<(p|div|a|article|main|script|li|br|time datetime=x|meta name=date content=2020-01-0[0-9])>|</(p|div|a|article|main|script|li)>|[a-z &;.]{0,6}){0,40}") {
            let a = page(&s);
            prop_assert!(!a.text.contains("\n\n\n"));
        }
    }
}

#[cfg(test)]
mod realistic {
    use super::*;

    /// A typical CMS page (own invented text): site chrome, share bar, byline, caption, inline
    /// links, related list, comments.
    const PAGE: &str = r##"<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Border talks stall | The Daily Example</title>
<meta property="og:title" content="Border talks stall as both sides dig in">
<meta property="og:site_name" content="The Daily Example">
<meta property="og:url" content="https://news.example.org/world/border-talks">
<meta property="article:published_time" content="2021-03-04T18:22:00+01:00">
<link rel="canonical" href="https://news.example.org/world/border-talks-stall">
<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-03-04"}</script>
</head>
<body class="article-page has-ads">
<div class="top-bar"><a href="/login">Sign in</a> <a href="/subscribe">Subscribe</a></div>
<header class="site-header"><a href="/"><img alt="The Daily Example"></a>
  <ul class="menu"><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li></ul>
</header>
<div class="breadcrumbs"><a href="/">Home</a> › <a href="/world">World</a></div>
<main id="content">
 <article class="story">
  <h1 class="headline">Border talks stall as both sides dig in</h1>
  <div class="byline">By A. Reporter · <time datetime="2021-03-04">4 March 2021</time></div>
  <div class="share-bar"><a href="#">Facebook</a><a href="#">Twitter</a><a href="#">Email</a></div>
  <figure><img src="a.jpg"><figcaption>Delegates arrive for the talks. Photo: Agency</figcaption></figure>
  <div class="story-body">
   <p>Negotiators from the two countries ended a third day of talks on Thursday without
      agreement, officials said.</p>
   <p>&ldquo;We will not accept these terms,&rdquo; the foreign minister told reporters in the
      <a href="/tags/capital">capital</a>.</p>
   <div class="ad-slot"><p>Advertisement</p></div>
   <h2>Troops on the border</h2>
   <p>More than 2,000 troops have been deployed along the frontier since January, according
      to the <a href="/org">monitoring group</a>.</p>
   <aside class="related"><h3>Related</h3><ul><li><a href="/1">Earlier talks collapse</a></li>
      <li><a href="/2">Explainer: the border dispute</a></li></ul></aside>
   <p>Read more: <a href="/3">Who are the negotiators?</a></p>
   <p>The next round is due to start on 15 March.</p>
  </div>
  <div class="tags"><a href="/t/a">Diplomacy</a> <a href="/t/b">Borders</a></div>
 </article>
 <section id="comments"><h2>Comments</h2><p>First!</p></section>
</main>
<footer><p>&copy; 2021 The Daily Example</p><a href="/privacy">Privacy</a></footer>
</body></html>"##;

    #[test]
    fn cms_page() {
        let a = parse(PAGE.as_bytes(), "border", &PlainOptions::default());
        assert_eq!(
            a.text,
            "Border talks stall as both sides dig in\n\n\
             Negotiators from the two countries ended a third day of talks on Thursday without \
             agreement, officials said.\n\n\
             “We will not accept these terms,” the foreign minister told reporters in the capital.\n\n\
             Troops on the border\n\n\
             More than 2,000 troops have been deployed along the frontier since January, according \
             to the monitoring group.\n\n\
             The next round is due to start on 15 March."
        );
        assert_eq!(
            a.title.as_deref(),
            Some("Border talks stall as both sides dig in")
        );
        assert_eq!(a.published, crate::date::Date::new(2021, 3, 4));
        assert_eq!(
            a.url.as_deref(),
            Some("https://news.example.org/world/border-talks-stall")
        );
        assert_eq!(a.source_name.as_deref(), Some("The Daily Example"));
        assert!(a.warnings.is_empty());
    }
}
