//! The comment section under the article: the thread (sorted, paged, replies indented),
//! the form (labelled fields, errors beside them, live count, Ctrl/⌘+Enter), likes, and
//! the outbox that keeps every submission until a backend confirms it. The rules live in
//! [`crate::comments`]; this module renders, listens, stores and sends.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    Element, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement, KeyboardEvent, Node,
};

use super::events;
use super::focus::{focus, focused_within};
use super::intl;
use super::sanitize::append_sanitized;
use super::storage;
use super::tree::{Attr, Tree};
use crate::comments::backend::local::local_key;
use crate::comments::draft::{draft_key, identity_key};
use crate::comments::likes::{likes_key, LikeState};
use crate::comments::outbox::{outbox_key, Finished, Status, SubmitOutcome};
use crate::comments::server::ServerThread;
use crate::comments::thread::PAGE_SIZE;
use crate::comments::time::{iso, refresh_after_ms};
use crate::comments::{
    char_count, merge, new_key, setup, validate, Action, Draft, Field, Identity, Likes, LocalStore,
    Now, Origin, Outbox, Paging, Route, Setup, Sort, ThreadRef, Tree as Thread,
};
use crate::i18n::Locale;
use crate::model::{Article, Comment, CommentText, CommentsConfig};
use crate::net::send::send;
use crate::text::datetime::DateTime;

/// Time limit of each comment request.
const TIMEOUT_MS: u32 = 10_000;
/// Shortest wait of the outbox timer, so a submission that is due but cannot be sent yet
/// never makes the timer spin.
const MIN_WAKE_MS: i64 = 1_000;
/// Deepest indentation of replies.
const MAX_DEPTH: usize = 2;

/// A live comment section; dropping it removes its listeners and timers.
pub(crate) struct CommentBox {
    _state: Rc<RefCell<State>>,
}

#[derive(Clone)]
struct Form {
    element: Element,
    name: HtmlInputElement,
    website: HtmlInputElement,
    text: HtmlTextAreaElement,
    count: Element,
    submit: Element,
    replying: Element,
    errors: [Element; 3],
    summary: Element,
}

struct State {
    me: Weak<RefCell<State>>,
    tree: Tree,
    locale: Locale,
    setup: Setup,
    thread: ThreadRef,
    heading_count: Element,
    list: Element,
    more: Element,
    status: Element,
    sort: HtmlSelectElement,
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
    /// Requests for submissions this page has in flight; the submit button waits for them
    /// (a submission another page left "sending" does not block this form).
    in_flight: usize,
    /// The comment the form replies to (kept with the draft in storage).
    replying: Option<String>,
    listeners: Vec<EventListener>,
    row_listeners: Vec<EventListener>,
    wake: Option<Timeout>,
    /// Rewrites the relative times when the soonest of them would change.
    clock: Option<Timeout>,
}

/// Builds the comment section for `article` (whose JSON is at `tree.base`) into `parent`,
/// with the backends of `config` (the site's or the article's).
pub(crate) fn comment_box(
    tree: Tree,
    parent: &Node,
    article: &Article,
    config: Option<&CommentsConfig>,
    locale: Locale,
) -> Result<CommentBox, JsValue> {
    let s = locale.comment_box();
    let setup = match setup(config) {
        Ok(setup) => setup,
        Err(error) => {
            let section = tree.child(parent, "section", "aw-comments");
            tree.text_child(
                &section,
                "p",
                "aw-error-detail",
                &format!("comments: {error}"),
            );
            return Err(JsValue::from_str(&error.to_string()));
        }
    };
    let thread = ThreadRef::new(article.id.clone(), article.title.clone());
    let section = tree.child(parent, "section", "aw-comments");
    section.attr("part", "comments");
    section.attr("aria-labelledby", "aw-comments-heading");
    let header = tree.child(&section, "div", "aw-section-header");
    let h = tree.child(&header, "h2", "aw-section-title");
    h.set_id("aw-comments-heading");
    tree.text(&h, &format!("{}({})", s.heading, article.title));
    let heading_count = tree.text_child(&header, "span", "aw-comment-count", "");

    let status = tree.child(&section, "p", "aw-visually-hidden");
    status.attr("role", "status");
    let form = match &setup.write {
        Some(_) => Some(form(&tree, &section, locale)?),
        None => {
            tree.text_child(&section, "p", "aw-empty", s.closed);
            None
        }
    };
    let tools = tree.child(&section, "div", "aw-comment-tools");
    let label = tree.text_child(&tools, "label", "", s.sort);
    label.attr("for", "aw-sort");
    let sort: HtmlSelectElement = tree.child(&tools, "select", "aw-sort").dyn_into()?;
    sort.set_id("aw-sort");
    for (value, text) in [
        ("newest", s.newest),
        ("oldest", s.oldest),
        ("liked", s.most_liked),
    ] {
        tree.text_child(&sort, "option", "", text)
            .attr("value", value);
    }
    let list = tree.child(&section, "ol", "aw-comment-list");
    list.attr("aria-busy", "true");
    let more = tree.child(&section, "button", "aw-more");
    more.attr("type", "button");
    more.attr("hidden", "");

    let uri = thread.uri.clone();
    let policy = setup.write.as_ref().unwrap_or(&setup.read).outbox_policy();
    let outbox = Outbox::from_storage(&storage::read(&outbox_key()).unwrap_or_default(), policy);
    let local = LocalStore::from_storage(&storage::read(&local_key()).unwrap_or_default());
    let likes = Likes::from_storage(&storage::read(&likes_key(&uri)).unwrap_or_default());
    let state = Rc::new_cyclic(|me| {
        RefCell::new(State {
            me: me.clone(),
            tree,
            locale,
            setup,
            thread,
            heading_count,
            list,
            more: more.clone(),
            status,
            sort: sort.clone(),
            form,
            server: ServerThread::new(Sort::Newest),
            loaded: false,
            load_error: None,
            outbox,
            local,
            likes,
            paging: Paging::new(PAGE_SIZE),
            order: Sort::Newest,
            pumping: false,
            in_flight: 0,
            replying: None,
            listeners: Vec::new(),
            row_listeners: Vec::new(),
            wake: None,
            clock: None,
        })
    });
    {
        let mut st = state.borrow_mut();
        st.restore_draft();
        st.wire(&more, &sort);
        st.render();
    }
    let weak = Rc::downgrade(&state);
    wasm_bindgen_futures::spawn_local(async move {
        load_thread(weak.clone()).await;
        pump(weak).await;
    });
    Ok(CommentBox { _state: state })
}

fn form(tree: &Tree, parent: &Node, locale: Locale) -> Result<Form, JsValue> {
    let s = locale.comment_box();
    let form = tree.child(parent, "form", "aw-comment-form");
    form.attr("novalidate", "");
    let summary = tree.child(&form, "p", "aw-form-summary");
    summary.attr("role", "alert");
    let replying = tree.child(&form, "p", "aw-replying");
    replying.attr("hidden", "");
    let field = |id: &str, label: &str, tag: &str| -> Result<(Element, Element), JsValue> {
        let wrap = tree.child(&form, "div", "aw-field");
        let l = tree.text_child(&wrap, "label", "", label);
        l.attr("for", id);
        let input = tree.child(&wrap, tag, "");
        input.set_id(id);
        let error = tree.child(&wrap, "p", "aw-field-error");
        error.set_id(&format!("{id}-error"));
        input.attr("aria-describedby", &format!("{id}-error"));
        Ok((input, error))
    };
    let (name, name_error) = field("aw-name", s.name, "input")?;
    name.attr("autocomplete", "nickname");
    name.attr("required", "");
    name.attr("maxlength", "80");
    let (website, website_error) = field("aw-website", s.website, "input")?;
    website.attr("type", "url");
    website.attr("autocomplete", "url");
    website.attr("inputmode", "url");
    let (text, text_error) = field("aw-text", s.text, "textarea")?;
    text.attr("rows", "4");
    text.attr("required", "");
    let count = tree.child(&form, "p", "aw-char-count");
    count.set_id("aw-text-count");
    text.attr("aria-describedby", "aw-text-count aw-text-error");
    let actions = tree.child(&form, "div", "aw-form-actions");
    let submit = tree.text_child(&actions, "button", "aw-submit", s.submit);
    submit.attr("type", "submit");
    tree.text_child(&actions, "span", "aw-shortcut", s.shortcut);
    Ok(Form {
        element: form,
        name: name.dyn_into()?,
        website: website.dyn_into()?,
        text: text.dyn_into()?,
        count,
        submit,
        replying,
        errors: [name_error, website_error, text_error],
        summary,
    })
}

fn now() -> Now {
    let date = js_sys::Date::new_0();
    Now::new(date.get_time() as i64, -(date.get_timezone_offset() as i16))
}

fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// A fresh idempotency key; with the time in it, `Math.random` bits keep one reader's
/// keys apart.
fn key() -> String {
    let word = || (js_sys::Math::random() * f64::from(u32::MAX)) as u64;
    new_key(word() << 32 | word(), now_ms())
}

/// Reads the thread page by page, as far as the reader has shown it.
async fn load_thread(weak: Weak<RefCell<State>>) {
    while let Some(Some((ask, request, base))) = with(&weak, |st| {
        let next = st
            .server
            .next_request(&st.setup.read, &st.thread, st.paging.shown);
        if next.is_none() && st.server.is_read() && !st.loaded {
            st.loaded = true;
            st.render();
        }
        next.map(|(ask, request)| (ask, request, st.tree.base.clone()))
    }) {
        let reply = send(&request, &base, TIMEOUT_MS).await;
        let read = with(&weak, |st| {
            let read = st.server.take(&st.setup.read, &ask, &reply);
            st.report_load(&request.url, read.as_ref().err());
            read.is_ok()
        });
        if read != Some(true) {
            return;
        }
    }
}

impl State {
    /// Shows the thread after a read, or why it could not be read.
    fn report_load(&mut self, url: &str, error: Option<&crate::comments::backend::ReadError>) {
        let st = self;
        match error {
            None => st.load_error = None,
            Some(error) => {
                let message = error.to_string();
                events::emit(
                    &st.list,
                    "error",
                    &[
                        ("url", Some(url)),
                        ("message", Some(&message)),
                        ("part", Some("comments")),
                    ],
                );
                st.load_error = Some(message);
            }
        }
        st.loaded = true;
        st.render();
    }
}

fn with<R>(weak: &Weak<RefCell<State>>, f: impl FnOnce(&mut State) -> R) -> Option<R> {
    let rc = weak.upgrade()?;
    let mut st = rc.try_borrow_mut().ok()?;
    Some(f(&mut st))
}

/// Works through the outbox: sends what is due, verifies what is in doubt, then sleeps
/// until the next retry is due.
async fn pump(weak: Weak<RefCell<State>>) {
    if with(&weak, |st| std::mem::replace(&mut st.pumping, true)) != Some(false) {
        return;
    }
    loop {
        let Some(actions) = with(&weak, |st| {
            st.merge_stored_outbox();
            let uri = st.thread.uri.clone();
            st.outbox.next_actions_for(&uri, now_ms(), online())
        }) else {
            return;
        };
        if actions.is_empty() {
            break;
        }
        for action in actions {
            match action {
                Action::Send(key) => send_one(&weak, &key).await,
                Action::Verify(thread) => verify(&weak, &thread).await,
            }
        }
    }
    with(&weak, |st| {
        st.pumping = false;
        st.schedule_wake();
        st.render();
    });
}

async fn send_one(weak: &Weak<RefCell<State>>, key: &str) {
    let Some(Some((submission, route, base))) = with(weak, |st| {
        let submission = st.update_outbox(|o| o.begin_send(key, now_ms()))?;
        st.in_flight += 1;
        st.render();
        let writer = st.setup.write.clone()?;
        Some((
            submission.clone(),
            writer.submit(&submission),
            st.tree.base.clone(),
        ))
    }) else {
        return;
    };
    let stored_here = matches!(route, Route::Store);
    let outcome = match route {
        Route::Send(request) => {
            let reply = send(&request, &base, TIMEOUT_MS).await;
            with(weak, |st| {
                st.setup
                    .write
                    .as_ref()
                    .map(|w| w.submit_outcome(&submission, &reply))
            })
            .flatten()
        }
        Route::Store => with(weak, |st| {
            // What other widgets or tabs stored meanwhile, so that this write keeps it.
            st.local = LocalStore::from_storage(&storage::read(&local_key()).unwrap_or_default());
            let outcome = st.local.accept(&submission);
            storage::write(&local_key(), &st.local.to_storage());
            outcome
        }),
        Route::ReadOnly => None,
    };
    with(weak, |st| {
        st.in_flight = st.in_flight.saturating_sub(1);
        if let Some(outcome) = outcome {
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
            let finished = st.update_outbox(|o| o.finish(key, outcome, now_ms()));
            if let (Finished::Confirmed, Some((id, status))) = (finished, posted) {
                let thread = submission.thread.uri.clone();
                events::emit(
                    &st.list,
                    "comment-posted",
                    &[
                        ("thread", Some(&thread)),
                        ("id", Some(&id)),
                        ("status", Some(status)),
                    ],
                );
            }
        }
        st.render();
    });
}

async fn verify(weak: &Weak<RefCell<State>>, thread: &ThreadRef) {
    let Some(Some((writer, request, base))) = with(weak, |st| {
        let writer = st.setup.write.clone()?;
        let request = writer.thread_request(thread)?;
        Some((writer, request, st.tree.base.clone()))
    }) else {
        with(weak, |st| {
            st.update_outbox(|o| o.verify_failed(&thread.uri, now_ms()))
        });
        return;
    };
    let reply = send(&request, &base, TIMEOUT_MS).await;
    with(weak, |st| match writer.read_thread(&reply) {
        Ok(published) => {
            st.update_outbox(|o| o.verified(&thread.uri, &published, now_ms()));
            if st.setup.read == writer {
                st.server.replace_all(published);
                st.load_error = None;
            }
        }
        Err(_) => st.update_outbox(|o| o.verify_failed(&thread.uri, now_ms())),
    });
}

async fn like(weak: Weak<RefCell<State>>, id: String) {
    let Some(Some((request, base))) = with(&weak, |st| {
        if !st.likes.begin(&id) {
            return None;
        }
        st.render();
        let writer = st.setup.write.as_ref()?;
        Some((writer.like_request(&id), st.tree.base.clone()))
    }) else {
        return;
    };
    let reply = match request {
        Some(request) => Some(send(&request, &base, TIMEOUT_MS).await),
        None => None,
    };
    with(&weak, |st| {
        let outcome = match (&reply, st.setup.write.as_ref()) {
            (Some(reply), Some(writer)) => writer.like_outcome(reply),
            _ => crate::comments::LikeOutcome::LocalOnly,
        };
        st.likes.finish(&id, outcome);
        storage::write(&likes_key(&st.thread.uri), &st.likes.to_storage());
        st.render();
    });
}

impl State {
    fn weak(&self) -> Weak<RefCell<State>> {
        self.me.clone()
    }

    /// Changes the outbox with `f` and stores it. Other widgets of the page (other articles
    /// share the origin's outbox) and other tabs write it too, so what they stored is taken
    /// in first: the write never drops their submissions or confirmations, and `f`'s own
    /// change (a retry, a removal) is not undone by their older copy.
    fn update_outbox<R>(&mut self, f: impl FnOnce(&mut Outbox) -> R) -> R {
        self.merge_stored_outbox();
        let result = f(&mut self.outbox);
        storage::write(&outbox_key(), &self.outbox.to_storage());
        result
    }

    /// Takes in what another tab or an earlier page stored, so a confirmed key never
    /// comes back and nothing stored is lost.
    fn merge_stored_outbox(&mut self) {
        let policy = self
            .setup
            .write
            .as_ref()
            .unwrap_or(&self.setup.read)
            .outbox_policy();
        let stored =
            Outbox::from_storage(&storage::read(&outbox_key()).unwrap_or_default(), policy);
        self.outbox.merge(stored);
    }

    /// Sets the timer for the next automatic retry of this thread's submissions. None while
    /// offline: the `online` event wakes the outbox.
    fn schedule_wake(&mut self) {
        self.wake = None;
        if !online() {
            return;
        }
        let Some(at) = self.outbox.wake_at_for(&self.thread.uri) else {
            return;
        };
        let delay = (at - now_ms()).clamp(MIN_WAKE_MS, 3_600_000) as u32;
        let weak = self.weak();
        self.wake = Some(Timeout::new(delay, move || {
            wasm_bindgen_futures::spawn_local(pump(weak))
        }));
    }

    fn draft(&self) -> Draft {
        let Some(form) = &self.form else {
            return Draft::default();
        };
        Draft {
            name: form.name.value(),
            website: form.website.value(),
            text: form.text.value(),
            reply_to: self.replying.clone(),
        }
    }

    fn save_draft(&self, draft: &Draft) {
        storage::write(&draft_key(&self.thread.uri), &draft.to_storage());
    }

    fn restore_draft(&mut self) {
        let Some(form) = &self.form else { return };
        let draft = storage::read(&draft_key(&self.thread.uri))
            .and_then(|s| Draft::from_storage(&s))
            .or_else(|| {
                storage::read(&identity_key())
                    .and_then(|s| Identity::from_storage(&s))
                    .map(|i| Draft::from_identity(&i))
            })
            .unwrap_or_default();
        form.name.set_value(&draft.name);
        form.website.set_value(&draft.website);
        form.text.set_value(&draft.text);
        self.replying = draft.reply_to;
        self.update_count();
    }

    fn update_count(&self) {
        let Some(form) = &self.form else { return };
        let count = char_count(&form.text.value());
        form.count.set_text_content(Some(&count.to_string()));
        if count.over() {
            form.text.attr("aria-invalid", "true");
        }
        form.count.flag("data-over", count.over());
    }

    fn wire(&mut self, more: &Element, sort: &HtmlSelectElement) {
        let weak = self.weak();
        let on = |target: &web_sys::EventTarget,
                  event: &'static str,
                  f: fn(&mut State, &web_sys::Event)| {
            let weak = weak.clone();
            EventListener::new(target, event, move |e| {
                with(&weak, |st| f(st, e));
            })
        };
        self.listeners.push(on(more, "click", |st, _| {
            st.paging.load_more(&st.thread_tree());
            st.render();
            wasm_bindgen_futures::spawn_local(load_thread(st.weak()));
        }));
        self.listeners.push(on(sort, "change", |st, _| {
            st.order = match st.sort.value().as_str() {
                "oldest" => Sort::Oldest,
                "liked" => Sort::MostLiked,
                _ => Sort::Newest,
            };
            st.paging.reset();
            if st.server.set_sort(st.order) {
                wasm_bindgen_futures::spawn_local(load_thread(st.weak()));
            }
            st.render();
        }));
        if let Some(window) = web_sys::window() {
            let weak = self.weak();
            self.listeners
                .push(EventListener::new(&window, "online", move |_| {
                    with(&weak, |st| st.outbox.connection_returned(now_ms()));
                    wasm_bindgen_futures::spawn_local(pump(weak.clone()));
                }));
        }
        let Some(form) = &self.form else { return };
        let form_el = Some(form.element.clone());
        let (text, name, website) = (form.text.clone(), form.name.clone(), form.website.clone());
        for input in [
            Element::from(name),
            Element::from(website),
            Element::from(text.clone()),
        ] {
            self.listeners.push(on(&input, "input", |st, _| {
                st.save_draft(&st.draft());
                st.update_count();
            }));
        }
        let weak_keys = self.weak();
        self.listeners.push(EventListener::new_with_options(
            &text,
            "keydown",
            gloo_events::EventListenerOptions::enable_prevent_default(),
            move |e| {
                let Some(key) = e.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                if key.key() == "Enter" && (key.ctrl_key() || key.meta_key()) {
                    e.prevent_default();
                    with(&weak_keys, State::submit);
                }
            },
        ));
        if let Some(form_el) = form_el {
            let weak = self.weak();
            self.listeners.push(EventListener::new_with_options(
                &form_el,
                "submit",
                gloo_events::EventListenerOptions::enable_prevent_default(),
                move |e| {
                    e.prevent_default();
                    with(&weak, State::submit);
                },
            ));
        }
        let weak = self.weak();
        self.listeners
            .push(EventListener::new(&form.replying, "click", move |e| {
                let is_cancel = e
                    .target()
                    .and_then(|t| t.dyn_into::<Element>().ok())
                    .is_some_and(|t| t.tag_name() == "BUTTON");
                if is_cancel {
                    with(&weak, |st| st.reply_to(None));
                }
            }));
    }

    fn submit(&mut self) {
        let Some(form) = self.form.clone() else {
            return;
        };
        let s = self.locale.comment_box();
        let draft = self.draft();
        for (error, input) in form.errors.iter().zip([
            Element::from(form.name.clone()),
            Element::from(form.website.clone()),
            Element::from(form.text.clone()),
        ]) {
            error.set_text_content(None);
            let _ = input.remove_attribute("aria-invalid");
        }
        form.summary.set_text_content(None);
        match validate(&draft) {
            Err(errors) => {
                let mut first: Option<Element> = None;
                for error in &errors {
                    let (index, input): (usize, Element) = match error.field() {
                        Field::Name => (0, form.name.clone().into()),
                        Field::Website => (1, form.website.clone().into()),
                        Field::Text => (2, form.text.clone().into()),
                    };
                    form.errors[index].set_text_content(Some(&error.message(self.locale)));
                    input.attr("aria-invalid", "true");
                    input.attr("aria-errormessage", &form.errors[index].id());
                    first.get_or_insert(input);
                }
                form.summary.set_text_content(Some(
                    &s.form_errors.replace("{}", &errors.len().to_string()),
                ));
                if let Some(el) = first.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = el.focus();
                }
            }
            Ok(comment) => {
                let identity = Draft {
                    text: String::new(),
                    reply_to: None,
                    ..draft.clone()
                };
                let key = key();
                let thread = self.thread.clone();
                if self
                    .update_outbox(|o| o.submit(key.clone(), thread, comment, now_ms()).map(drop))
                    .is_err()
                {
                    return;
                }
                if let Some(submission) = self.outbox.items().iter().find(|s| s.key == key) {
                    storage::write(&identity_key(), &Identity::of(submission).to_storage());
                }
                let cleared = identity.cleared();
                self.save_draft(&Draft {
                    name: identity.name.clone(),
                    website: identity.website.clone(),
                    ..cleared
                });
                let text = form.text.clone();
                text.set_value("");
                self.reply_to(None);
                self.update_count();
                self.status.set_text_content(Some(s.posted));
                let _ = text.focus();
                self.paging.reset();
                self.render();
                wasm_bindgen_futures::spawn_local(pump(self.weak()));
            }
        }
    }

    /// Takes a refused submission out of the outbox and back into the form, to be changed
    /// and sent again.
    fn edit(&mut self, key: &str) {
        let Some(submission) = self.update_outbox(|o| o.remove(key)) else {
            return;
        };
        let draft = Draft::from_submission(&submission);
        self.save_draft(&draft);
        if let Some(form) = &self.form {
            form.name.set_value(&draft.name);
            form.website.set_value(&draft.website);
            form.text.set_value(&draft.text);
        }
        self.reply_to(draft.reply_to.clone());
        self.update_count();
        self.render();
        if let Some(form) = &self.form {
            let _ = form.text.focus();
        }
    }

    /// Makes the form a reply to comment `id` (or a new comment) and focuses it.
    fn reply_to(&mut self, id: Option<String>) {
        self.replying = id;
        self.save_draft(&self.draft());
        self.render_banner(&self.thread_tree());
        if let Some(form) = &self.form {
            let _ = form.text.focus();
        }
    }

    /// Shows "replying to X" while the draft replies to a comment of the thread (the
    /// server's or the reader's own), and nothing otherwise.
    fn render_banner(&self, thread: &Thread) {
        let Some(form) = &self.form else { return };
        let s = self.locale.comment_box();
        form.replying.replace_children_with_node_0();
        let author = self
            .replying
            .as_deref()
            .and_then(|id| thread.find(id).map(|e| e.author(self.locale).to_owned()));
        let Some(author) = author else {
            form.replying.attr("hidden", "");
            return;
        };
        form.replying.unattr("hidden");
        self.tree
            .text(&form.replying, &s.replying_to.replace("{}", &author));
        self.tree
            .text_child(&form.replying, "button", "aw-cancel-reply", s.cancel_reply)
            .attr("type", "button");
    }

    fn thread_tree(&self) -> Thread {
        let entries = merge(
            &self.thread.uri,
            self.server.comments().to_vec(),
            self.local.comments(&self.thread.uri),
            &self.outbox,
        );
        Thread::build(entries, self.order)
    }

    /// Redraws the list, count, buttons and form state from the current state. A control
    /// that had focus and is rebuilt (a like or reply button, "cancel reply") gets it back.
    fn render(&mut self) {
        let section = self.list.parent_element();
        let focused = section
            .as_ref()
            .and_then(focused_within)
            .map(|el| FocusKey::of(&el));
        self.redraw();
        if let (Some(key), Some(section)) = (focused, &section) {
            key.restore(section, &self.list);
        }
    }

    fn redraw(&mut self) {
        let s = self.locale.comment_box();
        let thread = self.thread_tree();
        let total = thread.len() + self.server.unread();
        self.render_banner(&thread);
        self.heading_count
            .set_text_content(Some(&s.count.replace("{}", &total.to_string())));
        if let Some(form) = &self.form {
            let sending = self.in_flight > 0;
            form.submit.flag("disabled", sending);
            form.submit
                .set_text_content(Some(if sending { s.sending } else { s.submit }));
        }
        self.row_listeners.clear();
        self.list.replace_children_with_node_0();
        let _ = self.list.remove_attribute("aria-busy");
        if !self.loaded {
            self.list.attr("aria-busy", "true");
            let _ = self
                .tree
                .text_child(&self.list, "li", "aw-empty", s.loading);
        } else if let Some(error) = &self.load_error {
            let _ = self.load_failed(&format!("{}: {error}", s.load_failed), s.retry);
        } else if thread.is_empty() {
            let _ = self.tree.text_child(&self.list, "li", "aw-empty", s.empty);
        }
        if self.paging.shown == 0 {
            self.paging.load_more(&thread);
        }
        let visible = self.paging.visible(&thread);
        let now = now();
        for row in thread.rows(visible, MAX_DEPTH) {
            let _ = self.row(
                &row.entry.comment,
                &row.entry.origin,
                row.depth,
                row.reply_to,
                &now,
            );
        }
        let remaining = self.paging.remaining(&thread) + self.server.unread_roots();
        if remaining > 0 {
            self.more
                .set_text_content(Some(&s.more.replace("{}", &remaining.to_string())));
        }
        self.more.flag("hidden", remaining == 0);
        self.tick();
    }

    /// Keeps the relative times ("3分钟前") true while the page stays open: rewrites every
    /// one shown, then sleeps until the soonest would read differently.
    fn tick(&mut self) {
        self.clock = None;
        let Ok(times) = self.list.query_selector_all("time[datetime]") else {
            return;
        };
        let now = now();
        let mut soonest: Option<i64> = None;
        for i in 0..times.length() {
            let Some(time) = times.item(i) else { continue };
            let Some(created) = time
                .dyn_ref::<Element>()
                .and_then(|el| el.get_attribute("datetime"))
                .and_then(|iso| DateTime::parse(&iso).ok())
            else {
                continue;
            };
            time.set_text_content(Some(&intl::comment_age(&created, &now, self.locale)));
            if let Some(ms) = refresh_after_ms(&created, &now) {
                soonest = Some(soonest.map_or(ms, |s| s.min(ms)));
            }
        }
        if let Some(ms) = soonest {
            let weak = self.weak();
            let delay = ms.clamp(1_000, 86_400_000) as u32;
            self.clock = Some(Timeout::new(delay, move || {
                with(&weak, |st| st.tick());
            }));
        }
    }

    /// The thread could not be read: say why, with a button to read it again.
    fn load_failed(&mut self, message: &str, retry: &str) -> Result<(), JsValue> {
        let li = self
            .tree
            .text_child(&self.list, "li", "aw-error-detail", message);
        li.attr("role", "alert");
        let button = self
            .tree
            .text_child(&li, "button", "aw-comment-retry", retry);
        button.attr("type", "button");
        let weak = self.weak();
        self.row_listeners
            .push(EventListener::new(&button, "click", move |_| {
                let weak = weak.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    with(&weak, |st| {
                        st.loaded = false;
                        st.render();
                    });
                    load_thread(weak).await;
                });
            }));
        Ok(())
    }

    fn row(
        &mut self,
        comment: &Comment,
        origin: &Origin,
        depth: usize,
        reply_to: Option<&str>,
        now: &Now,
    ) -> Result<(), JsValue> {
        let s = self.locale.comment_box();
        let tree = &self.tree;
        let li = tree.child(&self.list, "li", "aw-comment");
        li.attr("data-depth", &depth.to_string());
        li.attr("data-id", &comment.id);
        let header = tree.child(&li, "p", "aw-comment-meta");
        let author = match &comment.website {
            Some(url) => {
                let a = tree.link(
                    &header,
                    Some(url),
                    &entry_author(comment, self.locale),
                    "aw-comment-author",
                );
                if a.tag_name() == "A" {
                    a.attr("rel", "ugc nofollow noopener");
                    a.attr("target", "_blank");
                }
                a
            }
            None => tree.text_child(
                &header,
                "span",
                "aw-comment-author",
                &entry_author(comment, self.locale),
            ),
        };
        let _ = author;
        if let Some(name) = reply_to {
            tree.text_child(
                &header,
                "span",
                "aw-reply-to",
                &s.replying_to.replace("{}", name),
            );
        }
        let time = tree.text_child(
            &header,
            "time",
            "",
            &intl::comment_age(&comment.created, now, self.locale),
        );
        time.attr("datetime", &iso(&comment.created));
        time.attr("title", &intl::exact(&comment.created, now, self.locale));
        if let Origin::Outbox(status) = origin {
            let key = comment.key.clone().unwrap_or_default();
            let label = self
                .outbox
                .get(&key)
                .map(|sub| sub.label(self.locale))
                .unwrap_or_default();
            let badge = tree.text_child(&header, "span", "aw-comment-status", &label);
            badge.attr(
                "data-status",
                match status {
                    Status::Pending { .. } => "pending",
                    Status::Sending { .. } => "sending",
                    Status::Failed { .. } => "failed",
                    Status::Rejected { .. } => "rejected",
                },
            );
            if matches!(status, Status::Failed { .. } | Status::Rejected { .. }) {
                let retry = tree.text_child(&header, "button", "aw-comment-retry", s.retry);
                retry.attr("type", "button");
                let weak = self.weak();
                let retry_key = key.clone();
                self.row_listeners
                    .push(EventListener::new(&retry, "click", move |_| {
                        with(&weak, |st| {
                            st.update_outbox(|o| o.retry_now(&retry_key, now_ms()));
                        });
                        wasm_bindgen_futures::spawn_local(pump(weak.clone()));
                    }));
            }
            if matches!(status, Status::Rejected { .. }) && self.form.is_some() {
                let edit = tree.text_child(&header, "button", "aw-comment-edit", s.edit);
                edit.attr("type", "button");
                let weak = self.weak();
                self.row_listeners
                    .push(EventListener::new(&edit, "click", move |_| {
                        let weak = weak.clone();
                        let key = key.clone();
                        wasm_bindgen_futures::spawn_local(async move {
                            with(&weak, |st| st.edit(&key));
                        });
                    }));
            }
        } else if matches!(origin, Origin::Local) {
            tree.text_child(
                &header,
                "span",
                "aw-comment-status",
                self.locale.strings().comments.local_only,
            );
        } else if matches!(origin, Origin::Confirmed { moderated: true }) {
            tree.text_child(&header, "span", "aw-comment-status", s.moderated)
                .attr("data-status", "moderated");
        }
        let body = tree.child(&li, "div", "aw-comment-text");
        match &comment.text {
            CommentText::Plain(text) => tree.text(&body, text),
            CommentText::Html(html) => append_sanitized(tree, &body, html)?,
        }
        if matches!(
            origin,
            Origin::Published | Origin::Local | Origin::Confirmed { moderated: false }
        ) && !comment.id.starts_with("outbox:")
        {
            let actions = tree.child(&li, "p", "aw-comment-actions");
            let liked = self.likes.has_liked(&comment.id)
                || matches!(self.likes.state(&comment.id), Some(LikeState::Sending));
            let like = tree.text_child(
                &actions,
                "button",
                "aw-like",
                &s.like.replace("{}", &self.likes.shown(comment).to_string()),
            );
            like.attr("type", "button");
            like.attr("aria-pressed", if liked { "true" } else { "false" });
            if liked {
                // Not `disabled`: the button keeps focus (and says "pressed") after the
                // reader liked with the keyboard; a second press does nothing.
                like.attr("aria-disabled", "true");
            }
            let (weak, id) = (self.weak(), comment.id.clone());
            self.row_listeners
                .push(EventListener::new(&like, "click", move |_| {
                    wasm_bindgen_futures::spawn_local(like_later(weak.clone(), id.clone()));
                }));
            if self.form.is_some() {
                let reply = tree.text_child(&actions, "button", "aw-reply", s.reply);
                reply.attr("type", "button");
                let (weak, id) = (self.weak(), comment.id.clone());
                self.row_listeners
                    .push(EventListener::new(&reply, "click", move |_| {
                        with(&weak, |st| st.reply_to(Some(id.clone())));
                    }));
            }
        }
        Ok(())
    }
}

/// A focused control of the comment section, found again after a redraw by its class and
/// the comment (`data-id`) whose row holds it.
struct FocusKey {
    row: Option<String>,
    class: String,
}

impl FocusKey {
    fn of(element: &Element) -> Self {
        let row = element
            .closest("li.aw-comment")
            .ok()
            .flatten()
            .and_then(|li| li.get_attribute("data-id"));
        FocusKey {
            row,
            class: element.class_name(),
        }
    }

    /// Focuses the control's new copy when the redraw took focus away from `section`.
    fn restore(&self, section: &Element, list: &Element) {
        if self.class.is_empty() || focused_within(section).is_some() {
            return;
        }
        let scope = match &self.row {
            Some(id) => {
                let rows = list.children();
                (0..rows.length())
                    .filter_map(|i| rows.item(i))
                    .find(|row| row.get_attribute("data-id").as_deref() == Some(id.as_str()))
            }
            None => Some(section.clone()),
        };
        if let Some(target) = scope.and_then(|s| s.get_elements_by_class_name(&self.class).item(0))
        {
            focus(&target);
        }
    }
}

/// Likes after the click handler has returned, so the row it belongs to may be redrawn.
async fn like_later(weak: Weak<RefCell<State>>, id: String) {
    like(weak, id).await;
}

fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

fn entry_author(comment: &Comment, locale: Locale) -> String {
    match comment.author.trim() {
        "" => locale.strings().comments.anonymous.to_owned(),
        name => name.to_owned(),
    }
}
