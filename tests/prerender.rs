//! The pre-renderer and its command: every demo article pre-renders to markup that parses
//! back, as a browser parses a page, to exactly the view the widget builds (so the widget
//! can take it over), with the widget's stylesheet; hostile data stays text; the command
//! reads files or stdin, writes stdout or a file, and says what is wrong.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::io::Write;
use std::process::{Command, Stdio};

use article_widget::markup::html::serialize;
use article_widget::prerender::{prerender, Options};
use article_widget::view::STYLE;
use common::{json_files, root};

mod common;

const PAGE: &str = "https://news.example/2020/02/jijiehao.html";

fn options(src: &str) -> Options {
    Options {
        src: src.into(),
        page: Some(PAGE.into()),
        ..Options::default()
    }
}

#[test]
fn every_demo_article_prerenders_for_takeover() {
    for path in json_files("www/data/articles") {
        let json = fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let out = prerender(&json, &options(&format!("/data/articles/{name}")))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(out.takeover, "{name}: the markup does not parse back");
        let html = &out.html;
        assert!(html.contains(&format!("<style>{STYLE}</style>")), "{name}");
        assert!(html.contains("<h1 class=\"aw-title\">"), "{name}");
        assert!(html.contains(" data-prerendered=\""), "{name}");
        assert_eq!(html.matches("<template").count(), 1, "{name}");
        // The one script is the JSON-LD for crawlers, in the element's light DOM.
        assert_eq!(html.matches("<script").count(), 1, "{name}");
        assert!(html.contains("</template><script type=\"application/ld+json\" data-article-widget>{\"@context\":\"https://schema.org\""), "{name}");
    }
}

#[test]
fn urls_resolve_against_the_json_as_served() {
    let json = fs::read_to_string(root().join("www/data/articles/jijiehao.json")).unwrap();
    let html = prerender(&json, &options("../../data/articles/jijiehao.json"))
        .unwrap()
        .html;
    // "../../channel/shexian.html" in the JSON, which is served at /data/articles/.
    assert!(
        html.contains("<a href=\"https://news.example/channel/shexian.html\" aria-current=\"page\">今日歙县</a>"),
        "{html}"
    );
    assert!(html.starts_with("<article-widget src=\"../../data/articles/jijiehao.json\">"));
}

#[test]
fn html_blocks_are_sanitized_as_in_the_browser() {
    let html_block = r##"<h1>Head</h1><p onclick="x()">Kept <b>bold</b> <a href="javascript:x()">bad</a> <a href=" rel.html ">rel</a></p><script>x()</script><img src=x onerror="x()"><svg><script>x()</script></svg><div style="color:red"><span>unwrapped</span></div><table><tr><td colspan="2">cell</td></tr></table><pre>
code</pre>"##;
    let json = serde_json::json!({
        "version": "1.0", "id": "h", "title": "t", "published": "2020-02-19T04:32:00+08:00",
        "body": [{ "type": "html", "html": html_block }]
    })
    .to_string();
    let out = prerender(&json, &options("https://s.example/a/h.json")).unwrap();
    assert!(out.takeover);
    let html = out.html;
    let block = &html[html.find("<div class=\"aw-html\">").unwrap()..];
    let block = &block[..block
        .find("</div><footer")
        .or(block.find("</div></div>"))
        .unwrap()];
    assert_eq!(
        block,
        "<div class=\"aw-html\"><h2>Head</h2><p>Kept <b>bold</b> <a rel=\"noopener noreferrer nofollow ugc\" \
         target=\"_blank\">bad</a> <a href=\"https://s.example/a/rel.html\" rel=\"noopener noreferrer nofollow ugc\" \
         target=\"_blank\">rel</a></p><img src=\"https://s.example/a/x\" loading=\"lazy\" decoding=\"async\" referrerpolicy=\"no-referrer\">\
         <span>unwrapped</span><table><tbody><tr><td colspan=\"2\">cell</td></tr></tbody></table><pre>code</pre>"
    );
}

#[test]
fn hostile_text_stays_text() {
    let payload =
        "</template></article-widget><script>alert(1)</script><img src=x onerror=alert(1)>";
    let json = serde_json::json!({
        "version": "1.0", "id": "h", "title": payload, "published": "2020-02-19T04:32:00+08:00",
        "tags": [payload], "body": [{ "type": "paragraph", "children": [{ "text": payload }] }]
    })
    .to_string();
    let out = prerender(&json, &options("https://s.example/h.json")).unwrap();
    assert!(out.takeover);
    assert_eq!(out.html.matches("<script").count(), 1, "{}", out.html);
    assert!(!out.html.contains("<script>alert"), "{}", out.html);
    assert!(!out.html.contains("<img"), "{}", out.html);
    assert_eq!(out.html.matches("</template>").count(), 1);
    assert_eq!(out.html.matches("</script>").count(), 1);
    assert_eq!(out.html.matches("&lt;script&gt;").count(), 3);
}

#[test]
fn the_same_view_the_widget_builds() {
    // What the command writes inside the root element is the serialized view: the very
    // function the widget materializes.
    use article_widget::i18n::Locale;
    use article_widget::model::decode;
    use article_widget::sanitize::rebuild::Parsed;
    use article_widget::sanitize::url::UrlUse;
    use article_widget::view::{article, Env};

    struct Plain;
    impl Env for Plain {
        fn resolve(&self, url: &str, _: UrlUse) -> Option<String> {
            Some(format!(
                "https://s.example/{}",
                url.trim_start_matches("../")
            ))
        }
        fn parse_html(&self, _: &str) -> Vec<Parsed> {
            Vec::new()
        }
    }
    let text = fs::read_to_string(root().join("www/data/articles/jijiehao.json")).unwrap();
    let parsed = decode(serde_json::from_str::<serde_json::Value>(&text).unwrap()).unwrap();
    let view = article(&parsed, Locale::ZhCn, true, &Plain);
    assert!(view.is_well_formed());
    let html = serialize(&view);
    let out = prerender(&text, &options("https://s.example/x/jijiehao.json"))
        .unwrap()
        .html;
    // Same structure; only the platform's URL resolution differs.
    let shape = |h: &str| {
        h.split('<')
            .map(|t| t.split([' ', '>']).next().unwrap_or("").to_owned())
            .collect::<Vec<_>>()
    };
    let inner_start = out.find("data-prerendered=").unwrap();
    let inner = &out[out[inner_start..].find('>').unwrap() + inner_start + 1..];
    let inner = &inner[..inner.find("</div></template>").unwrap()];
    assert_eq!(shape(inner), shape(&html));
    assert!(html.contains("aw-with-feed"));
    assert!(html.contains("<span class=\"aw-text-size\" role=\"group\" aria-label=\"字号\">"));
    assert!(html.contains("role=\"progressbar\" aria-label=\"阅读进度\""));
}

fn command() -> Command {
    Command::new(env!("CARGO_BIN_EXE_article-widget-render"))
}

#[test]
fn command_writes_stdout_or_a_file_from_a_file_or_stdin() {
    let file = root().join("www/data/articles/showcase.json");
    let out = command()
        .args([
            "--src",
            "data/articles/showcase.json",
            "--page",
            "http://127.0.0.1:8080/p.html",
        ])
        .args(["--lang", "en", "--theme", "dark"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with(
        "<article-widget src=\"data/articles/showcase.json\" lang=\"en\" theme=\"dark\"><template shadowrootmode=\"open\">"
    ));
    assert!(stdout.contains("data-theme=\"dark\" lang=\"en\""));
    assert!(stdout.contains("http://127.0.0.1:8080/data/img/"));

    let target = std::env::temp_dir().join(format!("aw-render-{}.html", std::process::id()));
    let mut child = command()
        .args(["--src", "https://s.example/a.json", "-o"])
        .arg(&target)
        .arg("-")
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(fs::read(&file).unwrap().as_slice())
        .unwrap();
    assert!(child.wait().unwrap().success());
    let written = fs::read_to_string(&target).unwrap();
    fs::remove_file(&target).unwrap();
    assert!(written.starts_with("<article-widget src=\"https://s.example/a.json\">"));
    assert!(
        written.contains("https://s.example/img/"),
        "relative to the JSON's URL"
    );
}

#[test]
fn command_says_what_is_wrong() {
    let run = |args: &[&str], stdin: &str| {
        let mut child = command()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The command may refuse its arguments before it reads anything.
        let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
        let out = child.wait_with_output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, err) = run(&["-"], "{}");
    assert_eq!(code, Some(2));
    assert!(
        err.contains("--src is required") && err.contains("usage:"),
        "{err}"
    );
    let (code, err) = run(&["--src", "https://s.example/a.json", "--bogus", "-"], "{}");
    assert_eq!(code, Some(2));
    assert!(err.contains("unknown option --bogus"), "{err}");
    let (code, err) = run(
        &["--src", "https://s.example/a.json", "-"],
        r#"{"version":"1.0"}"#,
    );
    assert_eq!(code, Some(1));
    assert!(err.contains("-: ") && err.contains("id"), "{err}");
    let (code, err) = run(&["--src", "a.json", "-"], "{}");
    assert_eq!(code, Some(1));
    assert!(err.contains("--page"), "{err}");
    let (code, err) = run(
        &["--src", "https://s.example/a.json", "/nonexistent/a.json"],
        "",
    );
    assert_eq!(code, Some(1));
    assert!(err.contains("/nonexistent/a.json"), "{err}");
    let (code, out) = (
        command().arg("--help").output().unwrap().status.code(),
        String::from_utf8(command().arg("--help").output().unwrap().stdout).unwrap(),
    );
    assert_eq!(code, Some(0));
    assert!(out.starts_with("usage: article-widget-render"));
}
