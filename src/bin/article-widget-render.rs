//! `article-widget-render`: pre-renders an article JSON as the `<article-widget>` element
//! with the article inside (Declarative Shadow DOM), the same markup the widget draws, for
//! readers without JavaScript and for crawlers. The widget takes it over without drawing
//! it again. See README.md, "Pre-rendering".

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::io::{Read, Write};
    use std::process::ExitCode;

    use article_widget::prerender::{prerender, Options};

    const USAGE: &str = "usage: article-widget-render --src URL [--page URL] [--lang TAG] \
[--theme light|dark|auto] [--feed URL] [-o FILE] ARTICLE.json|-

Writes the <article-widget> element for ARTICLE.json with the article pre-rendered in a
Declarative Shadow DOM template, to stdout or FILE.

  --src URL    the element's src: where the page loads the JSON from
  --page URL   the page's URL, when --src is relative to it
  --lang TAG   the element's lang (interface language)
  --theme T    the element's theme: light (default), dark or auto
  --feed URL   the element's feed (recommendations feed URL)
  -o FILE      write to FILE instead of stdout";

    struct Args {
        options: Options,
        input: String,
        output: Option<String>,
    }

    fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
        let mut options = Options::default();
        let (mut src, mut input, mut output) = (None, None, None);
        while let Some(arg) = args.next() {
            let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
            match arg.as_str() {
                "--src" => src = Some(value("--src")?),
                "--page" => options.page = Some(value("--page")?),
                "--lang" => options.lang = Some(value("--lang")?),
                "--theme" => options.theme = Some(value("--theme")?),
                "--feed" => options.feed = Some(value("--feed")?),
                "-o" | "--output" => output = Some(value("-o")?),
                "-h" | "--help" => return Err(String::new()),
                flag if flag.starts_with('-') && flag != "-" => {
                    return Err(format!("unknown option {flag}"))
                }
                _ if input.is_some() => return Err("only one ARTICLE.json".into()),
                _ => input = Some(arg),
            }
        }
        options.src = src.ok_or("--src is required")?;
        Ok(Args {
            options,
            input: input.ok_or("ARTICLE.json is required (or - for stdin)")?,
            output,
        })
    }

    fn read(input: &str) -> Result<String, String> {
        let mut text = String::new();
        let result = if input == "-" {
            std::io::stdin().read_to_string(&mut text).map(drop)
        } else {
            std::fs::File::open(input).and_then(|mut f| f.read_to_string(&mut text).map(drop))
        };
        result.map(|()| text).map_err(|e| format!("{input}: {e}"))
    }

    pub fn main() -> ExitCode {
        let args = match parse(std::env::args().skip(1)) {
            Ok(args) => args,
            Err(message) if message.is_empty() => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            Err(message) => {
                eprintln!("article-widget-render: {message}\n\n{USAGE}");
                return ExitCode::from(2);
            }
        };
        let result = read(&args.input).and_then(|json| {
            prerender(&json, &args.options).map_err(|e| format!("{}: {e}", args.input))
        });
        let page = match result {
            Ok(page) => page,
            Err(message) => {
                eprintln!("article-widget-render: {message}");
                return ExitCode::FAILURE;
            }
        };
        if !page.takeover {
            eprintln!(
                "article-widget-render: warning: {}: the markup does not parse back to the same \
                 tree (unusual HTML in an html block); the widget will draw the article again",
                args.input
            );
        }
        let html = page.html + "\n";
        let written = match &args.output {
            Some(path) => std::fs::write(path, html),
            None => std::io::stdout().write_all(html.as_bytes()),
        };
        match written {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!(
                    "article-widget-render: {}: {e}",
                    args.output.as_deref().unwrap_or("stdout")
                );
                ExitCode::FAILURE
            }
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

/// The renderer is a native program. Cargo builds every binary of the crate for the
/// wasm32 browser tests too; there it has nothing to do.
#[cfg(target_arch = "wasm32")]
fn main() {}
