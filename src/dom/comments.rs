//! The comment section under the article: the thread (sorted, paged, replies indented),
//! the form (labelled fields, errors beside them, live count, Ctrl/⌘+Enter), likes, and
//! the outbox that keeps every submission until a backend confirms it. The rules live in
//! [`crate::comments`]; this module renders, listens, stores and sends.
//!
//! Kept small in the wasm: the fixed markup (section, form, tools) is built from tables by
//! one builder; one listener per event type on the section handles every control (found by
//! its class); and every request, whatever it is for, goes through one loop ([`drive`])
//! that asks the state for its next [`Job`] and hands the reply back.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::prelude::{wasm_bindgen, Closure};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Event, EventTarget, Node};

use super::events;
use super::focus::{focus, focused_within};
use super::sanitize::append_sanitized;
use super::storage;
use super::tree::{Attr, Tree};
use crate::comments::backend::local::local_key;
use crate::comments::backend::{static_json, Page, ReadError};
use crate::comments::draft::{draft_key, identity_key};
use crate::comments::likes::{likes_key, LikeState};
use crate::comments::outbox::{outbox_key, Failure, Finished, Status, SubmitOutcome};
use crate::comments::server::{Ask, ServerThread};
use crate::comments::thread::{Row, PAGE_SIZE};
use crate::comments::time::{iso, label, refresh_after_ms};
use crate::comments::{
    char_count, merge, new_key, setup, validate, Action, Draft, Field, LikeOutcome, Likes,
    LocalStore, Now, Origin, Outbox, Paging, Reply, Request, Route, Setup, Sort, ThreadRef,
    Tree as Thread,
};
use crate::i18n::Locale;
use crate::model::{Article, CommentText, CommentsConfig};
use crate::net::fetch::{get_document, Early};
use crate::net::retry::RetryPolicy;
use crate::net::send::{prefetch, send};
use crate::sanitize::url::UrlUse;
use crate::text::datetime::DateTime;
use crate::text::fill;

/// Shortest wait of the outbox timer, so a submission that is due but cannot be sent yet
/// never makes the timer spin.
const MIN_WAKE_MS: i64 = 1_000;
/// Deepest indentation of replies.
const MAX_DEPTH: usize = 2;

#[wasm_bindgen]
extern "C" {
    /// An `<input>`, `<textarea>` or `<select>`: only its value is used.
    type Control;
    #[wasm_bindgen(method, getter)]
    fn value(this: &Control) -> String;
    #[wasm_bindgen(method, setter)]
    fn set_value(this: &Control, value: &str);
}

#[wasm_bindgen(module = "/src/dom/comments.js")]
extern "C" {
    /// Whether a keydown is Ctrl/⌘+Enter in the comment text.
    #[wasm_bindgen(js_name = submitKey)]
    fn submit_key(e: &Event) -> bool;
    /// The element an event happened on, or its nearest ancestor matching `selector`.
    #[wasm_bindgen(js_name = closestTo)]
    fn closest_to(e: &Event, selector: &str) -> Option<Element>;
    /// A control's class and the id of the comment row holding it ('' outside a row),
    /// joined by a line break.
    fn control(el: &Element) -> String;
    /// The first element of class `class` in the row of `list` with id `row`, or in
    /// `section` when `row` is empty.
    #[wasm_bindgen(js_name = findControl)]
    fn find_control(section: &Element, list: &Element, row: &str, class: &str) -> Option<Element>;
    /// The `data-id` of the row before the row holding `el` ('' for none).
    #[wasm_bindgen(js_name = rowBefore)]
    fn row_before(el: &Element) -> String;
    /// The row of `list` right after the row whose `data-id` is `id`, if any.
    #[wasm_bindgen(js_name = rowAfter)]
    fn row_after(list: &Element, id: &str) -> Option<Element>;
    /// The reader's offset from UTC in minutes at unix time `ms` (a number).
    #[wasm_bindgen(js_name = zoneOffset)]
    fn zone_offset(ms: f64) -> JsValue;
    /// Clears the timer `id` (0: none), then calls `callback` after `ms` milliseconds unless
    /// `ms` is negative; the new timer's id (0: none).
    fn later(id: i32, ms: i32, callback: &JsValue) -> i32;
}

fn value(el: &Element) -> String {
    el.unchecked_ref::<Control>().value()
}

fn set_value(el: &Element, value: &str) {
    el.unchecked_ref::<Control>().set_value(value);
}

/// One element of fixed markup: the index of its parent among the elements built before it
/// ([`TOP`]: the root given), tag, class, attributes, and the index of its text among the
/// texts given ([`NONE`]: no text).
type Spec = (
    u8,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
    u8,
);
/// The root given to [`build`], as a parent.
const TOP: u8 = u8::MAX;
/// No text.
const NONE: u8 = u8::MAX;

/// Builds `spec` under `root`: elements with their attributes, texts as text nodes.
fn build(tree: &Tree, root: &Node, spec: &[Spec], texts: &[&str]) -> Vec<Element> {
    let mut built: Vec<Element> = Vec::with_capacity(spec.len());
    for &(parent, tag, class, attrs, text) in spec {
        let el = match built.get(usize::from(parent)) {
            Some(parent) => tree.child(parent, tag, class),
            None => tree.child(root, tag, class),
        };
        for (name, value) in attrs {
            el.attr(name, value);
        }
        if let Some(text) = texts.get(usize::from(text)) {
            tree.text(&el, text);
        }
        built.push(el);
    }
    built
}

/// The section's heading and status line. Texts: heading.
const HEAD: &[Spec] = &[
    (TOP, "div", "aw-section-header", &[], NONE),
    (
        0,
        "h2",
        "aw-section-title",
        &[("id", "aw-comments-heading")],
        0,
    ),
    (0, "span", "aw-comment-count", &[], NONE),
    (TOP, "p", "aw-visually-hidden", &[("role", "status")], NONE),
];

/// The form. Texts: name, website, text, submit, shortcut.
const FORM: &[Spec] = &[
    (TOP, "form", "aw-comment-form", &[("novalidate", "")], NONE),
    (0, "p", "aw-form-summary", &[("role", "alert")], NONE),
    (0, "p", "aw-replying", &[("hidden", "")], NONE),
    (0, "div", "aw-field", &[], NONE),
    (3, "label", "", &[("for", "aw-name")], 0),
    (
        3,
        "input",
        "",
        &[
            ("id", "aw-name"),
            ("aria-describedby", "aw-name-error"),
            ("autocomplete", "nickname"),
            ("required", ""),
            ("maxlength", "80"),
        ],
        NONE,
    ),
    (3, "p", "aw-field-error", &[("id", "aw-name-error")], NONE),
    (0, "div", "aw-field", &[], NONE),
    (7, "label", "", &[("for", "aw-website")], 1),
    (
        7,
        "input",
        "",
        &[
            ("id", "aw-website"),
            ("aria-describedby", "aw-website-error"),
            ("type", "url"),
            ("autocomplete", "url"),
            ("inputmode", "url"),
        ],
        NONE,
    ),
    (
        7,
        "p",
        "aw-field-error",
        &[("id", "aw-website-error")],
        NONE,
    ),
    (0, "div", "aw-field", &[], NONE),
    (11, "label", "", &[("for", "aw-text")], 2),
    (
        11,
        "textarea",
        "",
        &[
            ("id", "aw-text"),
            ("aria-describedby", "aw-text-count aw-text-error"),
            ("rows", "4"),
            ("required", ""),
        ],
        NONE,
    ),
    (11, "p", "aw-field-error", &[("id", "aw-text-error")], NONE),
    (0, "p", "aw-char-count", &[("id", "aw-text-count")], NONE),
    (0, "div", "aw-form-actions", &[], NONE),
    (16, "button", "aw-submit", &[("type", "submit")], 3),
    (16, "span", "aw-shortcut", &[], 4),
    (0, "p", "aw-not-kept", &[("role", "alert")], NONE),
];

/// Sort control, list and "load more". Texts: sort, newest, oldest, most liked.
const TOOLS: &[Spec] = &[
    (TOP, "div", "aw-comment-tools", &[], NONE),
    (0, "label", "", &[("for", "aw-sort")], 0),
    (0, "select", "aw-sort", &[("id", "aw-sort")], NONE),
    (2, "option", "", &[("value", "newest")], 1),
    (2, "option", "", &[("value", "oldest")], 2),
    (2, "option", "", &[("value", "liked")], 3),
    (TOP, "ol", "aw-comment-list", &[("aria-busy", "true")], NONE),
    (
        TOP,
        "button",
        "aw-more",
        &[("type", "button"), ("hidden", "")],
        NONE,
    ),
];

/// A live comment section; dropping it removes its listeners and timers.
pub(crate) struct CommentBox {
    _state: Rc<RefCell<State>>,
}

struct Form {
    /// The form's elements, as [`FORM`] lists them.
    el: Vec<Element>,
}

impl Form {
    fn replying(&self) -> &Element {
        &self.el[2]
    }
    fn summary(&self) -> &Element {
        &self.el[1]
    }
    /// The name, website and text fields, in [`Field`] order.
    fn fields(&self) -> [&Element; 3] {
        [&self.el[5], &self.el[9], &self.el[13]]
    }
    /// The error line beside each field.
    fn errors(&self) -> [&Element; 3] {
        [&self.el[6], &self.el[10], &self.el[14]]
    }
    fn text(&self) -> &Element {
        &self.el[13]
    }
    fn count(&self) -> &Element {
        &self.el[15]
    }
    fn submit(&self) -> &Element {
        &self.el[17]
    }
    /// Says that storage refuses to keep what the reader wrote.
    fn not_kept(&self) -> &Element {
        &self.el[19]
    }
}

/// Which loop of requests [`drive`] runs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lane {
    /// Reading the thread, page by page.
    Thread,
    /// Sending and verifying the outbox.
    Outbox,
    /// Sending likes.
    Like,
}

/// One request in flight and what it is for.
enum Job {
    Page(Ask),
    /// Sending the submission with this idempotency key.
    Send(String),
    Verify(ThreadRef),
    Like(String),
}

struct State {
    me: Weak<RefCell<State>>,
    tree: Tree,
    locale: Locale,
    setup: Setup,
    thread: ThreadRef,
    section: Element,
    heading_count: Element,
    list: Element,
    more: Element,
    status: Element,
    sort: Element,
    form: Option<Form>,
    server: ServerThread,
    loaded: bool,
    load_error: Option<String>,
    outbox: Outbox,
    local: LocalStore,
    likes: Likes,
    paging: Paging,
    order: Sort,
    pumping: bool,
    /// Whether the outbox has been worked through once (after the first read).
    pumped: bool,
    /// Actions of the outbox still to do in this round.
    actions: Vec<Action>,
    liking: bool,
    /// Requests for submissions this page has in flight; the submit button waits for them
    /// (a submission another page left "sending" does not block this form).
    in_flight: usize,
    /// The comment the form replies to (kept with the draft in storage).
    replying: Option<String>,
    /// The thread's first read, started before the article was drawn; taken by the
    /// first request of [`Lane::Thread`].
    early: Option<Early>,
    /// How a static thread is fetched: the widget's retries and time limit.
    documents: RetryPolicy,
    /// The relative times shown, rewritten by [`State::tick`]: each element with its
    /// comment's time as written and at the reader's offset.
    times: Vec<(Element, DateTime, DateTime)>,
    listeners: Vec<EventListener>,
    /// Storage keys the browser last refused to write (quota, blocked storage): what they
    /// hold lives in this page only, and the form says so.
    unkept: Vec<String>,
    wake: Timer,
    /// Starts the like loop when the soonest like not sent yet becomes due.
    like_wake: Timer,
    /// Rewrites the relative times when the soonest of them would change.
    clock: Timer,
}

/// The order a thread is first shown in, and the first read asks for.
const FIRST_ORDER: Sort = Sort::Newest;

/// Starts the thread's first read for the comment box [`comment_box`] will build for
/// `article` (whose JSON is at `base`), so that it overlaps drawing the article; the box's
/// first read takes it over. `None` where there is no such read (the local and http
/// backends read nothing).
pub(crate) fn prefetch_thread(
    article: &Article,
    config: Option<&CommentsConfig>,
    base: &str,
) -> Option<Early> {
    let read = setup(config).ok()?.read;
    let thread = ThreadRef::new(article.id.clone(), article.title.clone());
    let wanted = Paging::new(PAGE_SIZE).shown;
    let (_, request) = ServerThread::new(FIRST_ORDER).next_request(&*read, &thread, wanted)?;
    prefetch(&request, base)
}

/// Builds the comment section for `article` (whose JSON is at `tree.base`) into `parent`,
/// with the backends of `config` (the site's or the article's); its first read of the thread
/// takes over `early` (from [`prefetch_thread`]). A static thread is fetched as the article
/// is, under `documents` (the widget's retries and time limit).
pub(crate) fn comment_box(
    tree: Tree,
    parent: &Node,
    article: &Article,
    config: Option<&CommentsConfig>,
    locale: Locale,
    early: Option<Early>,
    documents: RetryPolicy,
) -> Result<CommentBox, JsValue> {
    let s = locale.comment_box();
    let section = tree.child(parent, "section", "aw-comments");
    let setup = match setup(config) {
        Ok(setup) => setup,
        Err(error) => {
            let detail = error.to_string();
            let message = ["comments: ", &detail].concat();
            tree.text_child(&section, "p", "aw-error-detail", &message);
            return Err(JsValue::from_str(&detail));
        }
    };
    section.attr("part", "comments");
    section.attr("aria-labelledby", "aw-comments-heading");
    let thread = ThreadRef::new(article.id.clone(), article.title.clone());
    let heading = [s.heading, "(", &article.title, ")"].concat();
    let head = build(&tree, &section, HEAD, &[&heading]);
    let form = match &setup.write {
        Some(_) => Some(Form {
            el: build(
                &tree,
                &section,
                FORM,
                &[s.name, s.website, s.text, s.submit, s.shortcut],
            ),
        }),
        None => {
            tree.text_child(&section, "p", "aw-empty", s.closed);
            None
        }
    };
    let tools = build(
        &tree,
        &section,
        TOOLS,
        &[s.sort, s.newest, s.oldest, s.most_liked],
    );

    let uri = thread.uri.clone();
    let policy = setup.write.as_ref().unwrap_or(&setup.read).outbox_policy();
    let local = stored_local();
    let likes = Likes::from_storage(&stored(&likes_key(&uri)));
    // Indices into TOOLS.
    let (sort, list, more) = (tools[2].clone(), tools[6].clone(), tools[7].clone());
    let state = Rc::new_cyclic(|me| {
        RefCell::new(State {
            me: me.clone(),
            tree,
            locale,
            setup,
            thread,
            section: section.clone(),
            heading_count: head[2].clone(),
            list,
            more,
            status: head[3].clone(),
            sort,
            form,
            server: ServerThread::new(FIRST_ORDER),
            loaded: false,
            load_error: None,
            outbox: Outbox::new(policy),
            local,
            likes,
            paging: Paging::new(PAGE_SIZE),
            order: FIRST_ORDER,
            early,
            documents,
            pumping: false,
            pumped: false,
            actions: Vec::new(),
            liking: false,
            in_flight: 0,
            replying: None,
            times: Vec::new(),
            listeners: Vec::new(),
            unkept: Vec::new(),
            wake: Timer::new(me, |st| st.start(Lane::Outbox)),
            like_wake: Timer::new(me, |st| st.start(Lane::Like)),
            clock: Timer::new(me, State::tick),
        })
    });
    {
        let mut st = state.borrow_mut();
        st.merge_stored_outbox();
        st.restore_draft();
        st.wire();
        st.render();
        st.start(Lane::Thread);
    }
    Ok(CommentBox { _state: state })
}

/// What storage holds at `key` (nothing: empty).
fn stored(key: &str) -> String {
    storage::read(key).unwrap_or_default()
}

/// The comments kept on this device, as stored now.
fn stored_local() -> LocalStore {
    LocalStore::from_storage(&stored(&local_key()))
}

fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

fn now() -> Now {
    let ms = js_sys::Date::now();
    Now::new(ms as i64, zone_offset(ms).as_f64().unwrap_or(0.0) as i16)
}

/// `created` at the reader's offset at that instant (daylight saving time included).
fn reader_time(created: &DateTime) -> DateTime {
    let secs = created.unix_seconds();
    let offset = zone_offset(secs as f64 * 1000.0).as_f64().map(|m| m as i16);
    DateTime::from_unix_seconds(secs, offset).unwrap_or(*created)
}

/// A fresh idempotency key; with the time in it, `Math.random` bits keep one reader's
/// keys apart.
fn key() -> String {
    let word = || (js_sys::Math::random() * f64::from(u32::MAX)) as u64;
    new_key(word() << 32 | word(), now_ms())
}

fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// Calls `f` with the state, if it still lives and is not borrowed; whether it was called.
/// Not generic: one copy for every caller.
fn with(weak: &Weak<RefCell<State>>, f: &mut dyn FnMut(&mut State)) -> bool {
    let Some(rc) = weak.upgrade() else {
        return false;
    };
    let Ok(mut st) = rc.try_borrow_mut() else {
        return false;
    };
    f(&mut st);
    true
}

/// Runs the requests of `lane` one after another: the state gives the next job and its
/// request, the reply goes back to it, until it has nothing left to ask.
async fn drive(weak: Weak<RefCell<State>>, lane: Lane) {
    let mut go = false;
    with(&weak, &mut |st| go = st.enter(lane));
    if !go {
        return;
    }
    // The thread's first read, if started before the box was built, serves this lane's
    // first request.
    let mut early = None;
    if lane == Lane::Thread {
        with(&weak, &mut |st| early = st.early.take());
    }
    while go {
        let mut next = None;
        with(&weak, &mut |st| {
            next = st.next_job(lane).map(|(job, request, base)| {
                let timeout_ms = st.documents.timeout_ms;
                (st.as_document(&job), timeout_ms, job, request, base)
            });
        });
        let Some((document, timeout_ms, job, request, base)) = next else {
            break;
        };
        go = false;
        if let Some(policy) = document {
            let fetched = get_document(&request.url, &base, policy, early.take().as_ref()).await;
            let mut page = Some(match fetched {
                Ok(document) => static_json::page(&document.requested, Ok(document.value)),
                Err(error) => static_json::page(&request.url, Err(error)),
            });
            with(&weak, &mut |st| {
                if let (Job::Page(ask), Some(page)) = (&job, page.take()) {
                    go = st.finish_page(ask, &request, page);
                }
            });
            continue;
        }
        let mut reply = Some(send(&request, &base, timeout_ms, early.take().as_ref()).await);
        with(&weak, &mut |st| {
            if let Some(reply) = reply.take() {
                go = st.finish(&job, &request, reply);
            }
        });
    }
    with(&weak, &mut |st| st.leave(lane));
}

/// A listener calling `f` with the state, for as long as the state lives.
fn listen(
    weak: &Weak<RefCell<State>>,
    target: &EventTarget,
    event: &'static str,
    f: fn(&mut State, &Event),
) -> EventListener {
    let weak = weak.clone();
    let options = EventListenerOptions::enable_prevent_default();
    EventListener::new_with_options(target, event, options, move |e| {
        with(&weak, &mut |st| f(st, e));
    })
}

/// A timer calling one function with the state, set again or cleared as the state decides;
/// cleared when dropped.
struct Timer {
    callback: Closure<dyn FnMut()>,
    /// The pending timer's id (0: none).
    id: i32,
}

impl Timer {
    fn new(weak: &Weak<RefCell<State>>, f: fn(&mut State)) -> Self {
        let weak = weak.clone();
        let callback = Closure::new(move || {
            with(&weak, &mut |st| f(st));
        });
        Timer { callback, id: 0 }
    }

    /// Calls the function after `ms` milliseconds (negative: never), instead of when set
    /// before.
    fn set(&mut self, ms: i32) {
        self.id = later(self.id, ms, self.callback.as_ref());
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        self.set(-1);
    }
}

/// The wait of a timer due at `at` (unix ms; none: -1, never), at least [`MIN_WAKE_MS`].
fn wake_in(at: Option<i64>) -> i32 {
    at.map_or(-1, |at| {
        (at - now_ms()).clamp(MIN_WAKE_MS, 3_600_000) as i32
    })
}

/// A `type=button` button with a text, the last child of `parent`.
fn button(tree: &Tree, parent: &Node, class: &str, text: &str) -> Element {
    let button = tree.text_child(parent, "button", class, text);
    button.attr("type", "button");
    button
}

impl State {
    fn weak(&self) -> Weak<RefCell<State>> {
        self.me.clone()
    }

    /// Starts the requests of `lane` (unless they run already).
    fn start(&self, lane: Lane) {
        wasm_bindgen_futures::spawn_local(drive(self.weak(), lane));
    }

    /// Whether a loop of `lane` may start: the outbox and likes run one loop each.
    fn enter(&mut self, lane: Lane) -> bool {
        let busy = match lane {
            Lane::Thread => return true,
            Lane::Outbox => &mut self.pumping,
            Lane::Like => &mut self.liking,
        };
        !std::mem::replace(busy, true)
    }

    /// The loop of `lane` ended.
    fn leave(&mut self, lane: Lane) {
        match lane {
            Lane::Thread if !self.pumped => {
                self.pumped = true;
                self.start(Lane::Outbox);
                self.start(Lane::Like);
            }
            Lane::Thread => {}
            Lane::Outbox => {
                self.pumping = false;
                self.schedule_wake();
                self.render();
            }
            Lane::Like => {
                self.liking = false;
                let at = self.likes.wake_at(now_ms()).filter(|_| online());
                self.like_wake.set(wake_in(at));
            }
        }
    }

    /// The next request of `lane`, doing on the way what needs no request (comments kept
    /// on this device, likes counted here only).
    fn next_job(&mut self, lane: Lane) -> Option<(Job, Request, String)> {
        let base = self.tree.base.clone();
        match lane {
            Lane::Thread => {
                let next =
                    self.server
                        .next_request(&*self.setup.read, &self.thread, self.paging.shown);
                if next.is_none() && self.server.is_read() && !self.loaded {
                    self.loaded = true;
                    self.render();
                }
                next.map(|(ask, request)| (Job::Page(ask), request, base))
            }
            Lane::Outbox => loop {
                if self.actions.is_empty() {
                    self.merge_stored_outbox();
                    self.actions =
                        self.outbox
                            .next_actions_for(&self.thread.uri, now_ms(), online());
                    self.actions.reverse();
                }
                match self.actions.pop()? {
                    Action::Send(key) => {
                        if self.setup.write.is_none() {
                            continue;
                        }
                        self.merge_stored_outbox();
                        let Some(submission) = self.outbox.begin_send(&key, now_ms()) else {
                            continue;
                        };
                        // Only the key is kept: the submission stays in the outbox.
                        let route = match &self.setup.write {
                            Some(writer) => writer.submit(submission),
                            None => Route::ReadOnly,
                        };
                        self.store_outbox();
                        self.in_flight += 1;
                        self.render();
                        match route {
                            Route::Send(request) => return Some((Job::Send(key), request, base)),
                            Route::Store => {
                                // What other widgets or tabs stored meanwhile, so that this
                                // write keeps it.
                                self.local.merge_stored(&stored(&local_key()));
                                let local = &mut self.local;
                                let outcome = self.outbox.get(&key).map(|s| local.accept(s));
                                self.keep(&local_key(), &self.local.to_storage());
                                self.sent(&key, outcome, true);
                            }
                            Route::ReadOnly => self.sent(&key, None, false),
                        }
                    }
                    Action::Verify(thread) => {
                        let writer = self.setup.write.as_ref();
                        match writer.and_then(|w| w.thread_request(&thread)) {
                            Some(request) => return Some((Job::Verify(thread), request, base)),
                            None => {
                                self.outbox().verify_failed(&thread.uri, now_ms());
                                self.store_outbox();
                            }
                        }
                    }
                }
            },
            // Due likes (this page's, an earlier page's, another tab's), one at a time;
            // offline they wait for the `online` event, else for the timer set on leaving.
            Lane::Like => loop {
                self.merge_stored_likes();
                let now = now_ms();
                let id = self.likes.due(now).into_iter().next()?;
                let request = self.setup.write.as_ref().and_then(|w| w.like_request(&id));
                let Some(request) = request else {
                    self.liked(&id, LikeOutcome::LocalOnly);
                    continue;
                };
                if !online() || !self.likes.start_send(&id, now) {
                    return None;
                }
                self.store_likes();
                self.render();
                return Some((Job::Like(id), request, base));
            },
        }
    }

    /// The policy to fetch the request of `job` under as a document, with the article's
    /// retries, limits and messages: a static thread's read. `None`: send it as is.
    fn as_document(&self, job: &Job) -> Option<RetryPolicy> {
        (self.setup.read.reads_documents() && matches!(job, Job::Page(_))).then_some(self.documents)
    }

    /// Takes the page read for `ask` (by `request`); `false` stops the thread's loop.
    fn finish_page(&mut self, ask: &Ask, request: &Request, page: Result<Page, ReadError>) -> bool {
        let read = self.server.take_page(ask, page);
        self.report_load(&request.url, read.as_ref().err());
        read.is_ok()
    }

    /// Takes the reply to a job's request; `false` stops its loop.
    fn finish(&mut self, job: &Job, request: &Request, reply: Reply) -> bool {
        match job {
            Job::Page(ask) => {
                let page = self.setup.read.read_page(&reply);
                return self.finish_page(ask, request, page);
            }
            Job::Send(key) => {
                let outcome = match (&self.setup.write, self.outbox.get(key)) {
                    (Some(writer), Some(submission)) => {
                        Some(writer.submit_outcome(submission, &reply))
                    }
                    _ => None,
                };
                self.sent(key, outcome, false);
            }
            Job::Verify(thread) => match self.setup.write.as_ref().map(|w| w.read_thread(&reply)) {
                Some(Ok(published)) => {
                    let found = self.outbox().verified(&thread.uri, &published, now_ms());
                    self.store_outbox();
                    if !found.is_empty() {
                        self.announce(self.locale.comment_box().published, true);
                    }
                    if self.setup.writes_where_it_reads() {
                        self.server.replace_all(published);
                        self.load_error = None;
                    }
                }
                _ => {
                    self.outbox().verify_failed(&thread.uri, now_ms());
                    self.store_outbox();
                }
            },
            Job::Like(id) => {
                let outcome = match &self.setup.write {
                    Some(writer) => writer.like_outcome(&reply),
                    None => LikeOutcome::LocalOnly,
                };
                let failed = outcome == LikeOutcome::Failed;
                self.liked(id, outcome);
                return !failed;
            }
        }
        true
    }

    /// The submission of this thread with idempotency key `key` was sent (or kept here:
    /// `stored_here`), with this outcome if any.
    fn sent(&mut self, key: &str, outcome: Option<SubmitOutcome>, stored_here: bool) {
        self.in_flight = self.in_flight.saturating_sub(1);
        if let Some(outcome) = outcome {
            let s = self.locale.comment_box();
            let said = match &outcome {
                SubmitOutcome::Confirmed { .. } if stored_here => {
                    match self.unkept.iter().any(|k| *k == local_key()) {
                        true => s.not_kept.to_owned(),
                        false => s.kept_here.to_owned(),
                    }
                }
                SubmitOutcome::Confirmed {
                    moderated: true, ..
                } => s.held.to_owned(),
                SubmitOutcome::Confirmed { .. } => s.published.to_owned(),
                SubmitOutcome::Rejected { reason, .. } => {
                    crate::text::replace(s.not_published, "{}", reason)
                }
                SubmitOutcome::Failed(Failure::Offline) => s.queued_offline.to_owned(),
                SubmitOutcome::Failed(_) if !online() => s.queued_offline.to_owned(),
                SubmitOutcome::Failed(_) => s.not_sent.to_owned(),
            };
            let posted = match &outcome {
                SubmitOutcome::Confirmed { comment, moderated } => Some((
                    comment.id.clone(),
                    match (stored_here, moderated) {
                        (true, _) => "local",
                        (false, true) => "moderated",
                        (false, false) => "published",
                    },
                )),
                _ => None,
            };
            let finished = self.outbox().finish(key, outcome, now_ms());
            self.store_outbox();
            if finished != Finished::Ignored {
                self.announce(&said, !matches!(finished, Finished::Retry { .. }));
            }
            if let (Finished::Confirmed, Some((id, status))) = (finished, posted) {
                events::emit(
                    &self.list,
                    "comment-posted",
                    &[
                        ("thread", Some(&self.thread.uri)),
                        ("id", Some(&id)),
                        ("status", Some(status)),
                    ],
                );
            }
        }
        self.render();
    }

    /// What became of a like: recorded (with what other pages stored taken in first),
    /// drawn, and a failure or refusal announced.
    fn liked(&mut self, id: &str, outcome: LikeOutcome) {
        self.merge_stored_likes();
        let comment = self.server.comments().iter().find(|c| c.id == id);
        self.likes.finish(id, &outcome, now_ms(), comment);
        self.store_likes();
        let s = self.locale.comment_box();
        match &outcome {
            LikeOutcome::Failed => self.announce(s.like_pending, false),
            LikeOutcome::Refused { reason } => {
                self.announce(&crate::text::replace(s.like_refused, "{}", reason), true)
            }
            _ => {}
        }
        self.render();
    }

    fn merge_stored_likes(&mut self) {
        self.likes
            .merge_stored(&stored(&likes_key(&self.thread.uri)));
    }

    fn store_likes(&mut self) {
        self.keep(&likes_key(&self.thread.uri), &self.likes.to_storage());
    }

    /// Writes `value` to storage under `key`. While the browser refuses any of the reader's
    /// data, the form says (an alert) that it is kept in this page only; it stays in memory.
    fn keep(&mut self, key: &str, value: &str) {
        let kept = storage::write(key, value);
        let known = self.unkept.iter().position(|k| k == key);
        match (kept, known) {
            (true, Some(at)) => {
                self.unkept.remove(at);
            }
            (false, None) => self.unkept.push(key.to_owned()),
            _ => return,
        }
        let note = match self.unkept.is_empty() {
            true => None,
            false => Some(self.locale.comment_box().not_kept),
        };
        match (&self.form, note) {
            (Some(form), note) => form.not_kept().set_text_content(note),
            (None, Some(note)) => self.announce(note, false),
            (None, None) => {}
        }
    }

    /// Says `text` in the section's live region (`role="status"`). The same words again
    /// are said again only when `repeat` (a second comment published); a repeated failure
    /// is not.
    fn announce(&self, text: &str, repeat: bool) {
        if self.status.text_content().as_deref() == Some(text) {
            if !repeat {
                return;
            }
            self.status.set_text_content(None);
        }
        self.status.set_text_content(Some(text));
    }

    /// Shows the thread after a read, or why it could not be read.
    fn report_load(&mut self, url: &str, error: Option<&ReadError>) {
        let absolute = web_sys::Url::new_with_base(url, &self.tree.base).map(|u| u.href());
        let url = absolute.as_deref().unwrap_or(url);
        self.load_error = error.map(|error| {
            let message = error.to_string();
            match error {
                // A static thread fetched as the article is: the article's event and
                // message, which name the URL and the fields.
                ReadError::Load(load) => {
                    events::load_error(&self.list, load, "comments");
                    message
                }
                _ => {
                    events::emit(
                        &self.list,
                        "error",
                        &[
                            ("url", Some(url)),
                            ("message", Some(&message)),
                            ("part", Some("comments")),
                        ],
                    );
                    [url, ": ", &message].concat()
                }
            }
        });
        self.loaded = true;
        self.render();
    }

    /// The outbox with what other widgets of the page (other articles share the origin's
    /// outbox) and other tabs stored taken in first, to be changed and then stored with
    /// [`State::store_outbox`]: a write never drops their submissions or confirmations, and
    /// this change (a retry, a removal) is not undone by their older copy.
    fn outbox(&mut self) -> &mut Outbox {
        self.merge_stored_outbox();
        &mut self.outbox
    }

    fn store_outbox(&mut self) {
        self.keep(&outbox_key(), &self.outbox.to_storage());
    }

    /// Takes in what another tab or an earlier page stored, so a confirmed key never
    /// comes back and nothing stored is lost.
    fn merge_stored_outbox(&mut self) {
        self.outbox.merge_stored(&stored(&outbox_key()));
    }

    /// Sets the timer for the next automatic retry of this thread's submissions. None while
    /// offline: the `online` event wakes the outbox.
    fn schedule_wake(&mut self) {
        let at = match online() {
            true => self.outbox.wake_at_for(&self.thread.uri),
            false => None,
        };
        self.wake.set(wake_in(at));
    }

    fn draft(&self) -> Draft {
        let Some(form) = &self.form else {
            return Draft::default();
        };
        let [name, website, text] = form.fields();
        Draft {
            name: value(name),
            website: value(website),
            text: value(text),
            reply_to: self.replying.clone(),
        }
    }

    /// Puts `draft`'s fields into the form.
    fn fill(&self, draft: &Draft) {
        let Some(form) = &self.form else { return };
        let [name, website, text] = form.fields();
        set_value(name, &draft.name);
        set_value(website, &draft.website);
        set_value(text, &draft.text);
    }

    fn save_draft(&mut self, draft: &Draft) {
        self.keep(&draft_key(&self.thread.uri), &draft.to_storage());
    }

    fn restore_draft(&mut self) {
        if self.form.is_none() {
            return;
        }
        let draft = storage::read(&draft_key(&self.thread.uri))
            .and_then(|s| Draft::from_storage(&s))
            .or_else(|| {
                storage::read(&identity_key())
                    // An identity is stored as a draft (same JSON); only its name and
                    // website are taken, as `Identity::from_storage` reads it.
                    .and_then(|s| Draft::from_storage(&s))
                    .map(|d| d.cleared())
            })
            .unwrap_or_default();
        self.fill(&draft);
        self.replying = draft.reply_to;
        self.update_count();
    }

    fn update_count(&self) {
        let Some(form) = &self.form else { return };
        let count = char_count(&value(form.text()));
        form.count().set_text_content(Some(&count.text()));
        if count.over() {
            form.text().attr("aria-invalid", "true");
        }
        form.count().flag("data-over", count.over());
    }

    /// One listener per event type, on the section; each finds its control by class or id.
    fn wire(&mut self) {
        let weak = self.weak();
        let section: &EventTarget = &self.section;
        self.listeners = vec![
            listen(&weak, section, "click", State::on_click),
            listen(&weak, section, "input", |st, e| {
                if closest_to(e, "form").is_some() {
                    let draft = st.draft();
                    st.save_draft(&draft);
                    st.update_count();
                }
            }),
            listen(&weak, section, "change", |st, e| {
                if closest_to(e, "#aw-sort").is_some() {
                    st.order = match value(&st.sort).as_str() {
                        "oldest" => Sort::Oldest,
                        "liked" => Sort::MostLiked,
                        _ => Sort::Newest,
                    };
                    st.paging.reset();
                    if st.server.set_sort(st.order) {
                        st.start(Lane::Thread);
                    }
                    st.render();
                }
            }),
            listen(&weak, section, "keydown", |st, e| {
                if submit_key(e) {
                    e.prevent_default();
                    st.submit();
                }
            }),
            listen(&weak, section, "submit", |st, e| {
                e.prevent_default();
                st.submit();
            }),
        ];
        if let Some(window) = web_sys::window() {
            self.listeners
                .push(listen(&weak, &window, "online", |st, _| {
                    st.outbox.connection_returned(now_ms());
                    st.likes.retry_now(None, now_ms());
                    st.start(Lane::Outbox);
                    st.start(Lane::Like);
                }));
        }
    }

    /// A click in the section: on one of its buttons, found by class; the comment it
    /// belongs to by its row's `data-id`.
    fn on_click(&mut self, e: &Event) {
        let Some(button) = closest_to(e, "button") else {
            return;
        };
        let control = control(&button);
        let (class, row) = control.split_once('\n').unwrap_or_default();
        let row = row.to_owned();
        let key = row.strip_prefix("outbox:").unwrap_or_default();
        // What the button changed is drawn, then the loop that takes it further started.
        let lane = match class {
            "aw-more" => {
                self.paging.load_more(&self.thread_tree());
                Lane::Thread
            }
            "aw-like" => {
                self.merge_stored_likes();
                // A second press sends nothing, but retries a like not sent yet (one in
                // flight elsewhere when its lease runs out).
                if !self.likes.begin(&row) {
                    if matches!(self.likes.state(&row), Some(LikeState::Liked { .. })) {
                        return;
                    }
                    self.likes.retry_now(Some(&row), now_ms());
                }
                self.store_likes();
                let sent = self.setup.write.as_ref().and_then(|w| w.like_request(&row));
                if sent.is_some() && !online() {
                    self.announce(self.locale.comment_box().like_pending, true);
                }
                Lane::Like
            }
            "aw-more-replies" => {
                let last = row_before(&button);
                self.paging
                    .more_replies(row.strip_prefix("more:").unwrap_or_default());
                self.render();
                // The last batch took the button away: focus moves to the first reply shown.
                if focused_within(&self.section).is_none() {
                    if let Some(first) = row_after(&self.list, &last) {
                        focus(&first);
                    }
                }
                return;
            }
            "aw-reply" => return self.reply_to(Some(row)),
            "aw-cancel-reply" => return self.reply_to(None),
            "aw-comment-edit" => return self.edit(key),
            "aw-comment-retry" if row.is_empty() => {
                self.loaded = false;
                Lane::Thread
            }
            "aw-comment-retry" => {
                self.outbox().retry_now(key, now_ms());
                self.store_outbox();
                return self.start(Lane::Outbox);
            }
            _ => return,
        };
        self.render();
        self.start(lane);
    }

    fn submit(&mut self) {
        let Some(form) = &self.form else {
            return;
        };
        let s = self.locale.comment_box();
        let draft = self.draft();
        for i in 0..3 {
            form.errors()[i].set_text_content(None);
            form.fields()[i].unattr("aria-invalid");
        }
        form.summary().set_text_content(None);
        let comment = match validate(&draft) {
            Err(errors) => {
                let mut first: Option<&Element> = None;
                for error in &errors {
                    let index = match error.field() {
                        Field::Name => 0,
                        Field::Website => 1,
                        Field::Text => 2,
                    };
                    let (input, message) = (form.fields()[index], form.errors()[index]);
                    message.set_text_content(Some(&error.message(self.locale)));
                    input.attr("aria-invalid", "true");
                    input.attr("aria-errormessage", &message.id());
                    first.get_or_insert(input);
                }
                form.summary()
                    .set_text_content(Some(&fill(s.form_errors, errors.len() as u64)));
                if let Some(el) = first {
                    focus(el);
                }
                return;
            }
            Ok(comment) => comment,
        };
        let text = form.text().clone();
        let thread = self.thread.clone();
        let submitted = self
            .outbox()
            .submit(key(), thread, comment, now_ms())
            // The name and website remembered: `Identity::of` stored as a draft (same JSON).
            .map(|s| Draft::from_submission(s).cleared().to_storage());
        self.store_outbox();
        let Ok(identity) = submitted else {
            return;
        };
        self.keep(&identity_key(), &identity);
        self.save_draft(&draft.cleared());
        set_value(&text, "");
        self.reply_to(None);
        self.update_count();
        // Kept, not yet sent: the backend's answer is announced when it comes.
        self.announce(if online() { s.queued } else { s.queued_offline }, true);
        focus(&text);
        self.paging.reset();
        self.render();
        self.start(Lane::Outbox);
    }

    /// Takes a refused submission out of the outbox and back into the form, to be changed
    /// and sent again.
    fn edit(&mut self, key: &str) {
        let removed = self.outbox().remove(key);
        self.store_outbox();
        let Some(submission) = removed else {
            return;
        };
        let draft = Draft::from_submission(&submission);
        self.save_draft(&draft);
        self.fill(&draft);
        self.reply_to(draft.reply_to);
        self.update_count();
        self.render();
        if let Some(form) = &self.form {
            focus(form.text());
        }
    }

    /// Makes the form a reply to comment `id` (or a new comment) and focuses it.
    fn reply_to(&mut self, id: Option<String>) {
        self.replying = id;
        let draft = self.draft();
        self.save_draft(&draft);
        self.render_banner(&self.thread_tree());
        if let Some(form) = &self.form {
            focus(form.text());
        }
    }

    /// Shows "replying to X" while the draft replies to a comment of the thread (the
    /// server's or the reader's own), and nothing otherwise.
    fn render_banner(&self, thread: &Thread) {
        let Some(form) = &self.form else { return };
        let s = self.locale.comment_box();
        let banner = form.replying();
        banner.replace_children_with_node_0();
        let author = self
            .replying
            .as_deref()
            .and_then(|id| thread.find(id).map(|e| e.author(self.locale)));
        banner.flag("hidden", author.is_none());
        let Some(author) = author else { return };
        self.tree
            .text(banner, &crate::text::replace(s.replying_to, "{}", author));
        button(&self.tree, banner, "aw-cancel-reply", s.cancel_reply);
    }

    fn thread_tree(&self) -> Thread {
        let entries = merge(
            &self.thread.uri,
            self.server.comments(),
            &self.local.comments(&self.thread.uri),
            &self.outbox,
        );
        Thread::build(entries, self.order)
    }

    /// Redraws the list, count, buttons and form state from the current state. A control
    /// that had focus and is rebuilt (a like or reply button, "cancel reply") gets it back.
    fn render(&mut self) {
        let focused = focused_within(&self.section).map(|el| FocusKey::of(&el));
        self.redraw();
        if let Some(key) = focused {
            key.restore(&self.section, &self.list);
        }
    }

    fn redraw(&mut self) {
        let s = self.locale.comment_box();
        let thread = self.thread_tree();
        let total = thread.len() + self.server.unread();
        self.render_banner(&thread);
        self.heading_count
            .set_text_content(Some(&fill(s.count, total as u64)));
        if let Some(form) = &self.form {
            let sending = self.in_flight > 0;
            form.submit().flag("disabled", sending);
            form.submit()
                .set_text_content(Some(if sending { s.sending } else { s.submit }));
        }
        self.list.replace_children_with_node_0();
        match self.loaded {
            true => self.list.unattr("aria-busy"),
            false => self.list.attr("aria-busy", "true"),
        }
        self.times.clear();
        let note = if !self.loaded {
            Some((s.loading, "aw-empty"))
        } else if let Some(error) = &self.load_error {
            let message = [s.load_failed, ": ", error].concat();
            let li = self
                .tree
                .text_child(&self.list, "li", "aw-error-detail", &message);
            li.attr("role", "alert");
            button(&self.tree, &li, "aw-comment-retry", s.retry);
            None
        } else if thread.is_empty() {
            Some((s.empty, "aw-empty"))
        } else {
            None
        };
        if let Some((text, class)) = note {
            self.tree.text_child(&self.list, "li", class, text);
        }
        if self.paging.shown == 0 {
            self.paging.load_more(&thread);
        }
        let now = now();
        for row in self.paging.rows(&thread, MAX_DEPTH) {
            let _ = self.row(&row, &now);
            if let Some((root, left)) = row.more_replies {
                let li = self.tree.child(&self.list, "li", "aw-replies");
                li.attr("data-id", &["more:", root].concat());
                button(
                    &self.tree,
                    &li,
                    "aw-more-replies",
                    &fill(s.more_replies, left as u64),
                );
            }
        }
        let remaining = self.paging.remaining(&thread) + self.server.unread_roots();
        if remaining > 0 {
            self.more
                .set_text_content(Some(&fill(s.more, remaining as u64)));
        }
        self.more.flag("hidden", remaining == 0);
        self.tick();
    }

    /// Keeps the relative times ("3分钟前") true while the page stays open: rewrites every
    /// one shown, then sleeps until the soonest would read differently.
    fn tick(&mut self) {
        let now = now();
        let mut soonest: Option<i64> = None;
        for (time, created, local) in &self.times {
            time.set_text_content(Some(&label(created, local, &now, self.locale)));
            if let Some(ms) = refresh_after_ms(created, &now) {
                soonest = Some(soonest.map_or(ms, |s| s.min(ms)));
            }
        }
        self.clock
            .set(soonest.map_or(-1, |ms| ms.clamp(1_000, 86_400_000) as i32));
    }

    fn row(&mut self, row: &Row<'_>, now: &Now) -> Result<(), JsValue> {
        let s = self.locale.comment_box();
        let strings = &self.locale.strings().comments;
        let (comment, origin) = (&row.entry.comment, &row.entry.origin);
        let tree = &self.tree;
        let li = tree.child(&self.list, "li", "aw-comment");
        li.attr("data-depth", &fill("{}", row.depth as u64));
        li.attr("data-id", &comment.id);
        let header = tree.child(&li, "p", "aw-comment-meta");
        let author = row.entry.author(self.locale).trim();
        // A link when the website resolves to an allowed URL, plain text otherwise.
        let href = comment
            .website
            .as_deref()
            .and_then(|url| tree.resolve(url, UrlUse::Link));
        let tag = if href.is_some() { "a" } else { "span" };
        let name = tree.text_child(&header, tag, "aw-comment-author", author);
        if let Some(href) = href {
            name.attr("href", &href);
            name.attr("rel", "ugc nofollow noopener");
            name.attr("target", "_blank");
        }
        if let Some(name) = row.reply_to {
            tree.text_child(
                &header,
                "span",
                "aw-reply-to",
                &crate::text::replace(s.replying_to, "{}", name),
            );
        }
        let local = reader_time(&comment.created);
        let time = tree.text_child(
            &header,
            "time",
            "",
            &label(&comment.created, &local, now, self.locale),
        );
        time.attr("datetime", &iso(&comment.created));
        time.attr("title", &local.display(self.locale));
        self.times.push((time, comment.created, local));
        let badge = |text: &str, status: &str| {
            let badge = tree.text_child(&header, "span", "aw-comment-status", text);
            if !status.is_empty() {
                badge.attr("data-status", status);
            }
        };
        match origin {
            Origin::Outbox(status) => {
                let key = comment.key.as_deref().unwrap_or_default();
                let label = self
                    .outbox
                    .get(key)
                    .map(|sub| sub.label(self.locale))
                    .unwrap_or_default();
                badge(&label, status.name());
                if matches!(status, Status::Failed { .. } | Status::Rejected { .. }) {
                    button(tree, &header, "aw-comment-retry", s.retry);
                }
                if matches!(status, Status::Rejected { .. }) && self.form.is_some() {
                    button(tree, &header, "aw-comment-edit", s.edit);
                }
            }
            Origin::Local => badge(strings.local_only, ""),
            Origin::Confirmed { moderated: true } => badge(s.moderated, "moderated"),
            _ => {}
        }
        let body = tree.child(&li, "div", "aw-comment-text");
        match &comment.text {
            CommentText::Plain(text) => tree.text(&body, text),
            CommentText::Html(html) => append_sanitized(tree, &body, html)?,
        }
        if !matches!(
            origin,
            Origin::Outbox(_) | Origin::Confirmed { moderated: true }
        ) && !comment.id.starts_with("outbox:")
        {
            let actions = tree.child(&li, "p", "aw-comment-actions");
            let state = self.likes.state(&comment.id);
            let liked = state.is_some();
            let mut text = fill(s.like, u64::from(self.likes.shown(comment)));
            let waiting = match state {
                Some(LikeState::Pending) => Some(("pending", strings.pending)),
                Some(LikeState::Sending { .. }) => Some(("sending", strings.sending)),
                _ => None,
            };
            if let Some((_, words)) = waiting {
                text = [&text, " · ", words].concat();
            }
            let like = button(tree, &actions, "aw-like", &text);
            like.attr("aria-pressed", if liked { "true" } else { "false" });
            if let Some((name, _)) = waiting {
                like.attr("data-status", name);
            }
            // A pending like stays pressable: pressing it tries to send it now.
            if liked && waiting.is_none() {
                // Not `disabled`: the button keeps focus (and says "pressed") after the
                // reader liked with the keyboard; a second press does nothing.
                like.attr("aria-disabled", "true");
            }
            if self.form.is_some() {
                button(tree, &actions, "aw-reply", s.reply);
            }
        }
        Ok(())
    }
}

/// A focused control of the comment section, found again after a redraw by its class and
/// the comment (`data-id`) whose row holds it: [`control`]'s answer.
struct FocusKey(String);

impl FocusKey {
    fn of(element: &Element) -> Self {
        FocusKey(control(element))
    }

    /// Focuses the control's new copy when the redraw took focus away from `section`.
    fn restore(&self, section: &Element, list: &Element) {
        let (class, row) = self.0.split_once('\n').unwrap_or_default();
        if class.is_empty() || focused_within(section).is_some() {
            return;
        }
        if let Some(target) = find_control(section, list, row, class) {
            focus(&target);
        }
    }
}
