//! Browser tests of the shell: rendering, error states, retries and the sanitizer, in a
//! real headless browser (`wasm-pack test --headless --chrome`). `fetch` is replaced by
//! a scripted fake so each network outcome is exact; real servers are in tests/e2e.
#![cfg(target_arch = "wasm32")]

use gloo_timers::future::TimeoutFuture;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::{Element, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
export function script_fetch(routes) {
  const calls = [];
  window.fetch = (input) => {
    const url = String(input);
    calls.push(url);
    const list = routes[url];
    if (!list) return Promise.resolve(new Response('no route', { status: 404, statusText: 'Not Found' }));
    const step = list.length > 1 ? list.shift() : list[0];
    if (step.hang) return new Promise(() => {});
    if (step.reject) return Promise.reject(new TypeError('Failed to fetch'));
    const headers = { 'Content-Type': 'application/json' };
    return Promise.resolve(new Response(step.body, { status: step.status || 200, headers }));
  };
  return calls;
}
export function set_canary() { window.__pwned = 0; }
export function intl_date(ms, zone, time, locale) {
  const en = locale === 'en';
  const options = en
    ? { year: 'numeric', month: 'short', day: 'numeric', timeZone: zone }
    : { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: zone };
  if (time) Object.assign(options, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, en && { timeZoneName: 'short' });
  const format = new Intl.DateTimeFormat(locale, options);
  if (en) return format.format(ms);
  const parts = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return time ? `${date} ${parts.hour}:${parts.minute}` : date;
}
export function intl_relative(value, unit, locale) {
  return new Intl.RelativeTimeFormat(locale, { numeric: 'always' }).format(value, unit);
}
export function canary() { return window.__pwned; }
"#)]
extern "C" {
    fn script_fetch(routes: &Object) -> Array;
    fn set_canary();
    fn canary() -> JsValue;
    fn intl_date(ms: f64, zone: &str, time: bool, locale: &str) -> String;
    fn intl_relative(value: f64, unit: &str, locale: &str) -> String;
}

const SEED: &str = include_str!("../www/data/articles/jijiehao.json");
const SHOWCASE: &str = include_str!("../www/data/articles/showcase.json");
const FEED: &str = include_str!("../www/data/feeds/shexian.json");
const BASE: &str = "https://static.example/articles/";
const FEED_URL: &str = "https://static.example/feeds/shexian.json";

/// One scripted answer: a body with a status, or a network failure, or no answer at all.
enum Step<'a> {
    Ok(&'a str),
    Status(u16),
    Reject,
    Hang,
}

fn routes(entries: &[(&str, &[Step])]) -> Object {
    let routes = Object::new();
    for (url, steps) in entries {
        let list = Array::new();
        for step in *steps {
            let s = Object::new();
            let set = |k: &str, v: JsValue| {
                Reflect::set(&s, &k.into(), &v).unwrap();
            };
            match step {
                Step::Ok(body) => set("body", (*body).into()),
                Step::Status(code) => {
                    set("status", (*code).into());
                    set("body", "error".into());
                }
                Step::Reject => set("reject", true.into()),
                Step::Hang => set("hang", true.into()),
            }
            list.push(&s);
        }
        let key = if url.starts_with("https://") {
            (*url).to_owned()
        } else {
            format!("{BASE}{url}")
        };
        Reflect::set(&routes, &key.into(), &list).unwrap();
    }
    routes
}

/// How many requests went to `url` (relative to the test base).
fn calls_to(calls: &Array, url: &str) -> usize {
    let full = format!("{BASE}{url}");
    calls
        .iter()
        .filter(|c| c.as_string().as_deref() == Some(full.as_str()))
        .count()
}

fn host() -> Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let el = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el
}

fn options(src: &str, extra: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    Reflect::set(&o, &"src".into(), &format!("{BASE}{src}").into()).unwrap();
    for (k, v) in extra {
        Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o.into()
}

/// Waits until the widget shows the article or an error, and returns its shadow root.
async fn settled(el: &Element) -> ShadowRoot {
    for _ in 0..300 {
        if let Some(root) = el.shadow_root() {
            if root
                .query_selector(".aw-article, .aw-error")
                .unwrap()
                .is_some()
            {
                return root;
            }
        }
        TimeoutFuture::new(10).await;
    }
    panic!("widget did not settle");
}

fn text(root: &ShadowRoot, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .text_content()
        .unwrap_or_default()
}

fn count(root: &ShadowRoot, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

async fn mounted(url: &str, body: &str, extra: &[(&str, JsValue)]) -> ShadowRoot {
    script_fetch(&routes(&[(url, &[Step::Ok(body)])]));
    let el = host();
    article_widget::mount(&el, &options(url, extra)).unwrap();
    settled(&el).await
}

#[wasm_bindgen_test]
async fn renders_the_seed_article() {
    let root = mounted("jijiehao.json", SEED, &[]).await;
    assert_eq!(text(&root, "h1"), "天天可闻“集结号”处处都见先锋队");
    assert_eq!(count(&root, ".aw-channels a"), 5);
    assert_eq!(text(&root, ".aw-channels a[aria-current=page]"), "今日歙县");
    assert_eq!(text(&root, ".aw-breadcrumbs [aria-current=page]"), "正文");
    assert_eq!(count(&root, ".aw-breadcrumbs li"), 5);
    let time = root.query_selector("time").unwrap().unwrap();
    assert_eq!(
        time.get_attribute("datetime").unwrap(),
        "2020-02-19T04:32:00+08:00"
    );
    assert_eq!(time.text_content().unwrap(), "2020-02-19 04:32");
    assert_eq!(text(&root, ".aw-source a"), "黄山日报");
    assert_eq!(count(&root, ".aw-body h2"), 3);
    assert_eq!(count(&root, ".aw-body > p"), 10);
    assert!(text(&root, ".aw-byline").contains("汪亚清 柯为"));
    assert!(text(&root, ".aw-reading-time").starts_with("阅读约 "));
    assert!(text(&root, ".aw-channel").starts_with("歙县新闻"));
}

#[wasm_bindgen_test]
async fn renders_every_block_type_and_resolves_urls_against_the_json() {
    let root = mounted("showcase.json", SHOWCASE, &[("lang", "en".into())]).await;
    for selector in [
        ".aw-body h2",
        ".aw-body h3",
        ".aw-body h4",
        "figure img",
        "figcaption",
        "blockquote",
        ".aw-body ol",
        ".aw-body ul",
        ".aw-body hr",
        ".aw-html",
        ".aw-fallback",
        ".aw-body strong",
        ".aw-body em",
    ] {
        assert!(count(&root, selector) > 0, "{selector}");
    }
    let img = root.query_selector("figure img").unwrap().unwrap();
    assert!(
        img.get_attribute("src")
            .unwrap()
            .starts_with("https://static.example/img/"),
        "{:?}",
        img.get_attribute("src")
    );
    assert_eq!(img.get_attribute("loading").as_deref(), Some("lazy"));
    assert!(img.get_attribute("width").is_some() && img.get_attribute("height").is_some());
    assert!(img
        .get_attribute("srcset")
        .unwrap()
        .contains("https://static.example/img/"));
    assert!(text(&root, ".aw-reading-time").ends_with("min read"));
    assert_eq!(text(&root, ".aw-published"), "Jan 15, 2025, 10:00 GMT+1");
}

/// The widget writes dates itself (setting up `Intl` costs a page 20-70 ms of main thread),
/// in the forms this browser's `Intl.DateTimeFormat` gives: the date line in the article's
/// own offset (the Chinese newsroom form from Intl's parts, the English medium form with the
/// zone), with the pre-renderer writing the same text.
#[wasm_bindgen_test]
async fn dates_read_as_the_browsers_intl_writes_them() {
    use article_widget::i18n::Locale;
    use article_widget::text::datetime::DateTime;
    for published in [
        "2020-02-19T04:32:00+08:00",
        "2024-02-29T23:59:59-03:30",
        "2020-02-18T20:32:00Z",
        "2021-12-31T00:05:00+00:00",
        "1999-07-04T12:00:00+05:45",
    ] {
        let time = DateTime::parse(published).unwrap();
        let ms = time.unix_seconds() as f64 * 1000.0;
        let zone = published
            .strip_suffix('Z')
            .map_or(&published[19..], |_| "UTC");
        for (lang, locale) in [
            ("zh-CN", Locale::ZhCn),
            ("zh-TW", Locale::ZhTw),
            ("en", Locale::En),
        ] {
            let body = format!(
                r#"{{"version":"1.0","id":"d","title":"t","published":"{published}","body":[]}}"#
            );
            let root = mounted(&format!("d-{lang}.json"), &body, &[("lang", lang.into())]).await;
            let intl = intl_date(ms, zone, true, locale.tag());
            assert_eq!(text(&root, ".aw-published"), intl, "{published} in {lang}");
            assert_eq!(time.display(locale), intl, "{published} in {lang}");
            let date = intl_date(ms, zone, false, locale.tag());
            assert_eq!(time.display_date(locale), date, "{published} in {lang}");
        }
    }
}

/// Comment times read as this browser's `Intl.RelativeTimeFormat` (`numeric: 'always'`)
/// writes them, in every interface language.
#[wasm_bindgen_test]
fn comment_ages_read_as_the_browsers_intl_writes_them() {
    use article_widget::comments::time::{label, Now};
    use article_widget::i18n::Locale;
    use article_widget::text::datetime::DateTime;
    let created = DateTime::parse("2020-02-19T07:12:00+08:00").unwrap();
    let at = created.unix_seconds() * 1000;
    for (unit, seconds, counts) in [
        ("minute", 60, [1, 2, 59]),
        ("hour", 3_600, [1, 5, 23]),
        ("day", 86_400, [1, 3, 6]),
    ] {
        for count in counts {
            let now = Now::new(at + count * seconds * 1000, 480);
            for locale in [Locale::ZhCn, Locale::ZhTw, Locale::En] {
                assert_eq!(
                    label(&created, &created, &now, locale),
                    intl_relative(-(count as f64), unit, locale.tag()),
                    "{count} {unit} in {}",
                    locale.tag()
                );
            }
        }
    }
}

#[wasm_bindgen_test]
async fn hostile_text_stays_text() {
    let payload = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=1</script>";
    let doc = serde_json_like(&[
        ("title", payload),
        ("source_name", payload),
        ("para", payload),
    ]);
    set_canary();
    let root = mounted("hostile.json", &doc, &[]).await;
    assert_eq!(text(&root, "h1"), payload);
    assert_eq!(text(&root, ".aw-source a"), payload);
    assert_eq!(count(&root, "img, script"), 0);
    TimeoutFuture::new(50).await;
    assert_eq!(canary().as_f64(), Some(0.0));
}

/// A minimal article whose strings are the given payloads, JSON-escaped by the browser.
fn serde_json_like(fields: &[(&str, &str)]) -> String {
    let get = |k: &str| {
        fields
            .iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| *v)
            .unwrap_or("x")
    };
    let s = |v: &str| {
        js_sys::JSON::stringify(&JsValue::from_str(v))
            .unwrap()
            .as_string()
            .unwrap()
    };
    format!(
        r#"{{"version":"1.0","id":"h","title":{},"published":"2020-02-19T04:32:00+08:00",
        "source":{{"name":{},"url":"https://a.example/"}},
        "body":[{{"type":"paragraph","children":[{{"text":{}}}]}}]}}"#,
        s(get("title")),
        s(get("source_name")),
        s(get("para")),
    )
}

#[wasm_bindgen_test]
async fn html_blocks_pass_through_the_sanitizer() {
    let html = r##"<h1>Head</h1><p onclick="window.__pwned=1">Kept <b>bold</b> <a href="javascript:window.__pwned=1">bad</a> <a href=" https://ok.example/x ">ok</a> <a href="../rel.html">rel</a></p>
<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"><img src="data:image/png;base64,AA">
<svg><script>window.__pwned=1</script></svg><math><mi xlink:href="javascript:alert(1)">m</mi></math>
<iframe src="javascript:window.__pwned=1"></iframe><style>*{display:none}</style>
<div style="color:red" id="x" class="y"><span>unwrapped</span></div>
<a href="&#106;avascript:window.__pwned=1">entity</a><a href="java&#x09;script:window.__pwned=1">tab</a>
<form action="javascript:1"><input autofocus onfocus="window.__pwned=1"></form>
<noscript><p title="</noscript><img src=x onerror=window.__pwned=1>"></p></noscript>
<table><tr><td colspan="2">cell</td></tr></table>"##;
    let doc = format!(
        r#"{{"version":"1.0","id":"h","title":"t","published":"2020-02-19T04:32:00+08:00","body":[{{"type":"html","html":{}}}]}}"#,
        js_sys::JSON::stringify(&JsValue::from_str(html))
            .unwrap()
            .as_string()
            .unwrap()
    );
    set_canary();
    let root = mounted("html.json", &doc, &[]).await;
    let block = root.query_selector(".aw-html").unwrap().unwrap();
    let markup = block.inner_html();
    TimeoutFuture::new(50).await;
    assert_eq!(canary().as_f64(), Some(0.0), "{markup}");
    assert_eq!(count(&root, ".aw-html script, .aw-html iframe, .aw-html svg, .aw-html math, .aw-html style, .aw-html form, .aw-html input, .aw-html h1, .aw-html div"), 0, "{markup}");
    let all = root.query_selector_all(".aw-html *").unwrap();
    for i in 0..all.length() {
        let el: Element = all.item(i).unwrap().dyn_into().unwrap();
        for name in el
            .get_attribute_names()
            .iter()
            .filter_map(|n| n.as_string())
        {
            assert!(
                !name.starts_with("on") && name != "style" && name != "id" && name != "class",
                "{name} in {markup}"
            );
            let value = el.get_attribute(&name).unwrap().to_ascii_lowercase();
            assert!(
                !value.contains("javascript:") && !value.starts_with("data:"),
                "{name}={value} in {markup}"
            );
        }
    }
    let hrefs: Vec<String> = (0..count(&root, ".aw-html a[href]"))
        .map(|i| {
            root.query_selector_all(".aw-html a[href]")
                .unwrap()
                .item(i)
                .unwrap()
                .dyn_into::<Element>()
                .unwrap()
                .get_attribute("href")
                .unwrap()
        })
        .collect();
    assert_eq!(
        hrefs,
        ["https://ok.example/x", "https://static.example/rel.html"]
    );
    assert_eq!(text(&root, ".aw-html h2"), "Head");
    assert_eq!(text(&root, ".aw-html b"), "bold");
    assert!(markup.contains("unwrapped"), "{markup}");
    assert_eq!(count(&root, ".aw-html td[colspan='2']"), 1);
    assert_eq!(
        count(&root, ".aw-html a[rel~=noopener]"),
        count(&root, ".aw-html a")
    );
}

async fn error_text(steps: &[Step<'_>], extra: &[(&str, JsValue)]) -> (ShadowRoot, String, Array) {
    let calls = script_fetch(&routes(&[("a.json", steps)]));
    let el = host();
    article_widget::mount(&el, &options("a.json", extra)).unwrap();
    let root = settled(&el).await;
    let message = text(&root, ".aw-error");
    (root, message, calls)
}

#[wasm_bindgen_test]
async fn http_errors_name_the_url_and_status_and_are_not_retried() {
    let (root, message, calls) = error_text(&[Step::Status(404)], &[]).await;
    assert!(
        message.contains("https://static.example/articles/a.json answered HTTP 404"),
        "{message}"
    );
    assert_eq!(calls_to(&calls, "a.json"), 1);
    assert_eq!(
        root.query_selector(".aw-error")
            .unwrap()
            .unwrap()
            .get_attribute("role")
            .as_deref(),
        Some("alert")
    );
    assert_eq!(count(&root, "button.aw-retry"), 1);
}

#[wasm_bindgen_test]
async fn transient_errors_are_retried_with_backoff() {
    let steps = [Step::Status(503), Step::Reject, Step::Ok(SEED)];
    let calls = script_fetch(&routes(&[("a.json", &steps)]));
    let el = host();
    article_widget::mount(&el, &options("a.json", &[])).unwrap();
    let root = settled(&el).await;
    assert_eq!(calls_to(&calls, "a.json"), 3);
    assert_eq!(count(&root, ".aw-article h1"), 1);
}

#[wasm_bindgen_test]
async fn network_failure_after_all_attempts_mentions_cors() {
    let (_, message, calls) = error_text(&[Step::Reject], &[]).await;
    assert!(
        message.contains("could not reach https://static.example/articles/a.json"),
        "{message}"
    );
    assert!(message.contains("CORS"), "{message}");
    assert_eq!(calls_to(&calls, "a.json"), 3);
}

#[wasm_bindgen_test]
async fn a_hanging_server_times_out() {
    let steps = [Step::Hang, Step::Hang, Step::Hang];
    let (_, message, _) = error_text(&steps, &[("timeout", 30.into())]).await;
    assert!(message.contains("did not answer within 30 ms"), "{message}");
}

#[wasm_bindgen_test]
async fn bad_json_version_and_fields_each_say_what_is_wrong() {
    let (_, message, _) = error_text(&[Step::Ok("{\"version\": ")], &[]).await;
    assert!(message.contains("a.json is not valid JSON"), "{message}");

    let (_, message, _) =
        error_text(&[Step::Ok(r#"{"version":"2.1","whatever":true}"#)], &[]).await;
    assert!(message.contains("unsupported version \"2.1\""), "{message}");

    let bad = SEED.replacen("\"https://www.yybnet.net/\"", "\"javascript:alert(1)\"", 1);
    let (root, message, _) = error_text(&[Step::Ok(&bad)], &[]).await;
    assert!(
        message.contains("source.url: only http, https, mailto or relative URLs are allowed"),
        "{message}"
    );
    assert_eq!(count(&root, ".aw-article"), 0);
}

#[wasm_bindgen_test]
async fn retry_button_loads_again() {
    let steps = [Step::Status(404), Step::Ok(SEED)];
    let calls = script_fetch(&routes(&[("a.json", &steps)]));
    let el = host();
    article_widget::mount(&el, &options("a.json", &[])).unwrap();
    let root = settled(&el).await;
    let button: web_sys::HtmlElement = root
        .query_selector(".aw-retry")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    button.click();
    for _ in 0..200 {
        if count(&root, ".aw-article").eq(&1) {
            break;
        }
        TimeoutFuture::new(10).await;
    }
    assert_eq!(count(&root, ".aw-article h1"), 1);
    assert_eq!(calls_to(&calls, "a.json"), 2);
}

#[wasm_bindgen_test]
async fn widgets_on_one_page_are_independent_and_unmount_cleans_up() {
    script_fetch(&routes(&[
        ("good.json", &[Step::Ok(SEED)]),
        ("bad.json", &[Step::Status(500)]),
    ]));
    let (good, bad) = (host(), host());
    article_widget::mount(&bad, &options("bad.json", &[])).unwrap();
    article_widget::mount(&good, &options("good.json", &[])).unwrap();
    let good_root = settled(&good).await;
    assert_eq!(count(&good_root, "h1"), 1);
    let bad_root = settled(&bad).await;
    assert!(text(&bad_root, ".aw-error").contains("HTTP 500"));
    article_widget::unmount(&good);
    assert_eq!(good_root.child_element_count(), 0);
    assert_eq!(count(&bad_root, ".aw-error"), 1);
}

#[wasm_bindgen_test]
async fn refuses_a_script_url_as_src_without_fetching() {
    let calls = script_fetch(&Object::new());
    let el = host();
    let o = Object::new();
    Reflect::set(&o, &"src".into(), &"javascript:alert(1)".into()).unwrap();
    article_widget::mount(&el, &o).unwrap();
    let root = settled(&el).await;
    assert!(text(&root, ".aw-error")
        .contains("javascript:alert(1): only http, https or relative URLs can be fetched"));
    assert_eq!(calls.length(), 0);
}

#[wasm_bindgen_test]
async fn theme_and_language_come_from_options() {
    let root = mounted(
        "jijiehao.json",
        SEED,
        &[("theme", "dark".into()), ("lang", "zh-TW".into())],
    )
    .await;
    let aw = root.query_selector(".aw").unwrap().unwrap();
    assert_eq!(aw.get_attribute("data-theme").as_deref(), Some("dark"));
    assert!(text(&root, ".aw-reading-time").starts_with("閱讀約"));
    assert_eq!(
        root.query_selector(".aw-article")
            .unwrap()
            .unwrap()
            .get_attribute("lang")
            .as_deref(),
        Some("zh-CN")
    );
}

/// Waits until the recommendation column holds sections or an error.
async fn feed_settled(root: &ShadowRoot) {
    for _ in 0..300 {
        if count(root, ".aw-aside .aw-section, .aw-aside .aw-error") > 0 {
            return;
        }
        TimeoutFuture::new(10).await;
    }
    panic!("feed did not settle");
}

#[wasm_bindgen_test]
async fn renders_every_recommendation_section_from_the_feed() {
    script_fetch(&routes(&[
        ("jijiehao.json", &[Step::Ok(SEED)]),
        (FEED_URL, &[Step::Ok(FEED)]),
    ]));
    let el = host();
    article_widget::mount(&el, &options("jijiehao.json", &[])).unwrap();
    let root = settled(&el).await;
    feed_settled(&root).await;
    let titles: Vec<String> = (0..count(&root, ".aw-section-title"))
        .map(|i| {
            root.query_selector_all(".aw-section-title")
                .unwrap()
                .item(i)
                .unwrap()
                .text_content()
                .unwrap()
        })
        .collect();
    for expected in [
        "新闻推荐",
        "相关推荐",
        "猜你喜欢",
        "频道推荐",
        "热点阅读",
        "图文看点",
        "乡里乡亲",
        "热点排行",
    ] {
        assert!(
            titles.iter().any(|t| t == expected),
            "{expected} missing from {titles:?}"
        );
    }
    assert_eq!(count(&root, "[data-section=related] li"), 3);
    assert_eq!(count(&root, "[data-section=related] .aw-why"), 3);
    assert!(count(&root, ".aw-ranking-list .aw-rank") >= 5);
    let first = root
        .query_selector("[data-section=channel-picks] a")
        .unwrap()
        .unwrap();
    assert!(first
        .get_attribute("href")
        .unwrap()
        .starts_with("https://static.example/articles/"));
    let carousel = root
        .query_selector("[data-section=pictures] .aw-carousel")
        .unwrap()
        .unwrap();
    assert_eq!(
        carousel.get_attribute("aria-roledescription").as_deref(),
        Some("轮播")
    );
    let slides = root
        .query_selector_all("[data-section=pictures] .aw-slide")
        .unwrap();
    let first_slide: Element = slides.item(0).unwrap().dyn_into().unwrap();
    assert_eq!(
        first_slide.get_attribute("aria-label").unwrap(),
        format!("第 1 张,共 {} 张", slides.length())
    );
    assert!(first_slide.get_attribute("inert").is_none());
    let last: Element = slides
        .item(slides.length() - 1)
        .unwrap()
        .dyn_into()
        .unwrap();
    assert!(
        last.get_attribute("inert").is_some(),
        "an off-screen slide must be inert"
    );
    assert!(root
        .query_selector("[data-section=pictures] .aw-prev")
        .unwrap()
        .unwrap()
        .get_attribute("aria-disabled")
        .is_some_and(|v| v == "true"));
    assert_eq!(
        count(&root, "[data-section=pictures] .aw-rotate"),
        0,
        "no autoplay by default"
    );
}

#[wasm_bindgen_test]
async fn a_broken_section_shows_its_own_error_and_keeps_the_article_and_the_rest() {
    let bad = FEED.replacen("\"../../articles/", "\"javascript:alert(1)//", 1);
    script_fetch(&routes(&[
        ("jijiehao.json", &[Step::Ok(SEED)]),
        (FEED_URL, &[Step::Ok(&bad)]),
    ]));
    let el = host();
    article_widget::mount(&el, &options("jijiehao.json", &[])).unwrap();
    let root = settled(&el).await;
    feed_settled(&root).await;
    assert_eq!(count(&root, ".aw-article h1"), 1);
    let message = text(&root, "section[data-section=news-pick] .aw-error");
    assert!(message.contains(FEED_URL), "{message}");
    assert!(message.contains("sections[0].items[0].url"), "{message}");
    assert_eq!(
        count(&root, ".aw-retry"),
        1,
        "one retry, in the broken section"
    );
    assert_eq!(count(&root, ".aw-error"), 1);
    assert_eq!(count(&root, "a[href^=javascript]"), 0);
    assert_eq!(
        count(&root, "[data-section=hot-ranking] li"),
        5,
        "the rest renders"
    );
}

/// The widget's own URL resolution, for building the view the way it does: against the
/// JSON's URL, the resolved scheme checked.
struct SameAsWidget(String);

impl article_widget::view::Env for SameAsWidget {
    fn resolve(&self, url: &str, usage: article_widget::sanitize::url::UrlUse) -> Option<String> {
        let resolved = web_sys::Url::new_with_base(url, &self.0).ok()?;
        article_widget::sanitize::url::protocol_allowed(&resolved.protocol(), usage)
            .then(|| resolved.href())
    }

    fn parse_html(&self, _: &str) -> Vec<article_widget::sanitize::rebuild::Parsed> {
        unreachable!("the seed article has no html block")
    }
}

/// A host whose shadow root holds the seed article pre-rendered (as article-widget-render
/// writes it) under fingerprint `print` (its own if `None`); its h1 carries a mark.
fn prerendered_seed(print: Option<&str>) -> (Element, Element) {
    use article_widget::view::{article, STYLE};
    let value = article_widget::model::Value::parse(SEED).unwrap();
    let seed = article_widget::model::validate(&value).unwrap();
    let env = SameAsWidget(format!("{BASE}jijiehao.json"));
    let markup = article(&seed, article_widget::i18n::Locale::ZhCn, true, &env);
    let print = print.map_or_else(|| markup.fingerprint(), str::to_owned);
    let el = host();
    let root = el
        .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
        .unwrap();
    root.set_inner_html(&format!(
        "<style>{STYLE}</style><div class=\"aw\" part=\"root\" data-theme=\"light\" lang=\"zh-CN\" \
         data-prerendered=\"{print}\">{}</div>",
        article_widget::markup::html::serialize(&markup)
    ));
    let h1 = root.query_selector("h1").unwrap().unwrap();
    Reflect::set(&h1, &"marked".into(), &true.into()).unwrap();
    (el, h1)
}

/// Mounts `el` on the seed article and waits until its controls are wired up.
async fn mounted_ready(el: &Element) -> ShadowRoot {
    script_fetch(&routes(&[
        ("jijiehao.json", &[Step::Ok(SEED)]),
        (FEED_URL, &[Step::Ok(FEED)]),
    ]));
    article_widget::mount(el, &options("jijiehao.json", &[])).unwrap();
    let root = el.shadow_root().unwrap();
    for _ in 0..300 {
        if count(&root, ".aw[data-ready]") == 1 {
            return root;
        }
        TimeoutFuture::new(10).await;
    }
    panic!("the widget did not get ready");
}

#[wasm_bindgen_test]
async fn takes_prerendered_markup_over_without_drawing_it_again() {
    let (el, h1) = prerendered_seed(None);
    let root = mounted_ready(&el).await;
    let now = root.query_selector("h1").unwrap().unwrap();
    assert!(
        now.is_same_node(Some(&h1)),
        "the pre-rendered h1 was replaced"
    );
    assert_eq!(count(&root, "h1"), 1);
    // Its inline <style> gave way to the adopted stylesheet (allowed by a strict style-src).
    assert_eq!(count(&root, "style"), 0);
    let adopted = js_sys::Reflect::get(&root, &"adoptedStyleSheets".into()).unwrap();
    assert_eq!(js_sys::Array::from(&adopted).length(), 1);
    assert_eq!(count(&root, ".aw[data-prerendered]"), 0);
    feed_settled(&root).await;
    assert!(
        count(&root, ".aw-aside .aw-section") > 0,
        "the feed was added"
    );
}

#[wasm_bindgen_test]
async fn draws_prerendered_markup_of_other_data_again() {
    let (el, h1) = prerendered_seed(Some("0000000000000000"));
    let root = mounted_ready(&el).await;
    let now = root.query_selector("h1").unwrap().unwrap();
    assert!(!now.is_same_node(Some(&h1)), "stale markup was kept");
    assert_eq!(count(&root, "h1"), 1);
    assert_eq!(text(&root, "h1"), "天天可闻“集结号”处处都见先锋队");
}
