//! The Rust normalizer (`tests/support/normalize.rs`) reproduces `tools/normalize.py`: its
//! output for every CDK reference template equals the Python tool's, stored in
//! `tests/fixtures/reference/expected/`.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use support::normalize::{diff, fold_ids, normalize};

fn reference_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reference")
}

fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// (case name, CDK template) for every `cdk/<case>.template.json`, sorted by name.
fn cases() -> Vec<(String, Value)> {
    let dir = reference_dir().join("cdk");
    let mut cases: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?.strip_suffix(".template.json")?;
            Some((name.to_owned(), read_json(&path)))
        })
        .collect();
    cases.sort_by(|a, b| a.0.cmp(&b.0));
    cases
}

fn expected(case: &str) -> Value {
    read_json(&reference_dir().join(format!("expected/{case}.json")))
}

#[test]
fn normalizes_every_reference_template_like_normalize_py() {
    let cases = cases();
    assert!(cases.len() >= 77, "only {} reference templates", cases.len());
    let mut failures = vec![];
    for (case, template) in &cases {
        let differences = diff(&expected(case), &normalize(template, false));
        if !differences.is_empty() {
            failures.push(format!("{case}:\n  {}", differences.join("\n  ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ from normalize.py:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn fold_ids_folds_placeholders_like_normalize_py() {
    // outputs of normalize.py's fold_ids
    for (text, folded) in [
        ("${Convert to-Seconds.Arn}", "${converttoseconds.Arn}"),
        ("${a:${Bee_2}}", "${a:${bee2}}"),
        ("${1x} ${AWS::Region} ${X$y}", "${1x} ${AWS::Region} ${X$y}"),
        ("${Ab.C.D}:*", "${ab.C.D}:*"),
        ("${Unclosed", "${Unclosed"),
        ("${Ab}${Cd.E}", "${ab}${cd.E}"),
        ("${\u{c9}-x}", "${\u{c9}-x}"),
    ] {
        assert_eq!(fold_ids(&json!(text)), json!(folded), "{text}");
    }
    assert_eq!(
        fold_ids(&json!({"${A-B}": "${C}", "K": ["${DdD.Arn}"]})),
        json!({"${ab}": "${c}", "K": ["${ddd.Arn}"]})
    );
}

#[test]
fn folded_normalization_matches_normalize_py() {
    // `normalize.py --fold-ids cdk/evaluate_expression_wait.template.json`, in part
    let template = read_json(&reference_dir().join("cdk/evaluate_expression_wait.template.json"));
    let folded = normalize(&template, true);
    let sm = &folded["state_machines"][0];
    assert_eq!(sm["id"], "StateMachine");
    let states = &sm["definition"]["States"];
    assert_eq!(
        states["Convert to seconds"]["Resource"],
        "${converttosecondsevalfunction.Arn}"
    );
    assert_eq!(states["Publish message"]["Parameters"]["TopicArn"], "${cooltopic}");
    // not a placeholder of an id: left alone
    assert_eq!(
        states["Create message"]["Parameters"]["expression"],
        "`Now waiting ${$.waitSeconds} seconds...`"
    );
    assert_eq!(
        sm["permissions"],
        json!([
            ["lambda:InvokeFunction", "${converttosecondsevalfunction.Arn}"],
            ["lambda:InvokeFunction", "${converttosecondsevalfunction.Arn}:*"],
            ["lambda:InvokeFunction", "${createmessageevalfunction.Arn}"],
            ["lambda:InvokeFunction", "${createmessageevalfunction.Arn}:*"],
            ["sns:Publish", "${cooltopic}"]
        ])
    );
    // resource keys are plain ids, not placeholders: normalize.py leaves them as they are
    assert_eq!(
        folded["resources"]["ConverttosecondsEvalFunction"],
        "AWS::Lambda::Function"
    );

    // for every case, folding is a function of the unfolded output
    for (case, template) in cases() {
        let mut want = fold_ids(&expected(&case));
        for sm in want["state_machines"].as_array_mut().expect("list") {
            let perms = sm["permissions"].as_array_mut().expect("list");
            perms.sort_by_key(|p| (p[0].as_str().map(str::to_owned), p[1].as_str().map(str::to_owned)));
        }
        let differences = diff(&want, &normalize(&template, true));
        assert!(differences.is_empty(), "{case}:\n  {}", differences.join("\n  "));
    }
}

#[test]
fn diff_names_differences_by_json_pointer() {
    let expected = json!({"a": {"b/c": [1, 2]}, "l": [["x", "y"]], "gone": 1, "same": true});
    let actual = json!({"a": {"b/c": [1, 3]}, "l": [["x", "y"], ["z", "w"]], "new": 2, "same": true});
    assert_eq!(
        diff(&expected, &actual),
        [
            "/a/b~1c/1: expected 2, got 3",
            "/l: expected 1 items, got 2",
            r#"/l: unexpected item ["z","w"]"#,
            "/gone: missing, expected 1",
            "/new: unexpected 2",
        ]
    );
    assert!(diff(&expected, &expected).is_empty());
    assert_eq!(diff(&json!(1), &json!("1")), [r#"/: expected 1, got "1""#]);
}
