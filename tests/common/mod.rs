//! Helpers shared by the native contract tests: the repository's JSON files and the
//! invalid-fixture check every contract runs against its published schema's fixtures.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use article_widget::model::ModelError;

/// The repository root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The JSON of the file at `path`.
pub fn read_json(path: &Path) -> serde_json::Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `.json` files of `dir` (relative to the root), sorted; there must be some.
pub fn json_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<_> = fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no files in {dir}");
    files
}

/// Checks that `decode` refuses every fixture in `dir` (at least `min` of them) at the
/// field its `_expect.field` names: as the only error when `only`, among others otherwise.
pub fn invalid_fixtures_are_refused<T>(
    dir: &str,
    min: usize,
    only: bool,
    decode: impl Fn(serde_json::Value) -> Result<T, ModelError>,
) {
    let files = json_files(dir);
    assert!(
        files.len() >= min,
        "{} invalid fixtures in {dir}",
        files.len()
    );
    let mut wrong = Vec::new();
    for path in files {
        let json = read_json(&path);
        let expected = json["_expect"]["field"].as_str().unwrap().to_owned();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        match decode(json) {
            Ok(_) => wrong.push(format!("{name}: accepted, expected an error at {expected}")),
            Err(ModelError::UnsupportedVersion { .. }) if expected == "version" => {}
            Err(e @ ModelError::UnsupportedVersion { .. }) => wrong.push(format!("{name}: {e}")),
            Err(ModelError::Invalid(fields)) => {
                let paths: Vec<&str> = fields.iter().map(|f| f.path.as_str()).collect();
                let ok = if only {
                    paths == [expected.as_str()]
                } else {
                    paths.contains(&expected.as_str())
                };
                if !ok {
                    wrong.push(format!("{name}: expected {expected}, got {fields:?}"));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} mismatches:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
