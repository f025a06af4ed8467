//! Batch rendering: many documents, one bad among them, NDJSON in and out.

mod common;

use common::*;

#[test]
fn one_broken_input_among_a_hundred() {
    let dir = tempdir("batch");
    let base: serde_json::Value = serde_json::from_slice(&std::fs::read(fixture("to-trinh-so-tttt.json")).unwrap()).unwrap();
    let mut lines = Vec::new();
    for i in 0..100 {
        let mut d = base.clone();
        d["number"] = serde_json::json!(i + 1);
        if i == 41 {
            d["date"] = serde_json::json!("2026-02-31");
        }
        if i == 7 {
            d["meta"] = serde_json::json!({ "output": "to-trinh-dac-biet" });
        }
        lines.push(serde_json::to_string(&d).unwrap());
    }
    std::fs::write(dir.join("docs.ndjson"), lines.join("\n")).unwrap();
    std::fs::create_dir(dir.join("out")).unwrap();
    let out = vanban(&dir, &["batch", "--ndjson", "docs.ndjson", "--out-dir", "out", "-j", "2", "--to", "pdf"], None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "a failure exits 2: {err}");
    assert!(err.contains("docs.ndjson:42") && err.contains("$.date"), "the broken one is named: {err}");
    assert!(err.contains("99 done, 1 failed"), "{err}");
    let files = files_in(&dir.join("out"));
    assert_eq!(files.len(), 99, "the other 99 rendered");
    assert!(files.contains(&"to-trinh-dac-biet.pdf".to_string()), "meta.output names the file");
    assert!(files.contains(&"1-01-TTr-STTTT.pdf".to_string()), "<line>-<number>-<symbol>: {:?}", &files[..3]);
}

#[test]
fn ndjson_from_stdin_with_json_results() {
    let dir = tempdir("batch-stdin");
    let doc = std::fs::read_to_string(fixture("bao-cao-truc-tiep.json")).unwrap();
    let one: serde_json::Value = serde_json::from_str(&doc).unwrap();
    let line = serde_json::to_string(&one).unwrap();
    let input = format!("{line}\n{line}\n{{\"type\": 1}}\n");
    let out = vanban(&dir, &["batch", "--ndjson", "-", "--message-format", "json", "--to", "docx"], Some(input.as_bytes()));
    assert_eq!(out.status.code(), Some(2));
    let results: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(results.len(), 3, "one result line per document");
    let mut names: Vec<&str> = results.iter().map(|r| r["name"].as_str().unwrap()).collect();
    names.sort();
    assert_eq!(names, ["1-03-BC-UBND", "2-03-BC-UBND", "3"], "a name taken twice would get -2; lines number them");
    let bad = results.iter().find(|r| r["ok"] == false).unwrap();
    assert_eq!(bad["diagnostics"][0]["path"], "$.type");
    let good = results.iter().find(|r| r["ok"] == true).unwrap();
    assert!(good["files"][0].as_str().unwrap().ends_with(".docx"));
}

#[test]
fn files_with_the_same_name_get_a_suffix() {
    let dir = tempdir("batch-names");
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::fs::create_dir_all(dir.join("b")).unwrap();
    std::fs::copy(fixture("bao-cao-truc-tiep.json"), dir.join("a/x.json")).unwrap();
    std::fs::copy(fixture("bao-cao-truc-tiep.json"), dir.join("b/x.json")).unwrap();
    std::fs::create_dir(dir.join("out")).unwrap();
    let out = vanban(&dir, &["batch", "a/x.json", "b/x.json", "--out-dir", "out", "--to", "pdf"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(files_in(&dir.join("out")), ["x-2.pdf", "x.pdf"]);
}

#[test]
fn a_suffix_never_takes_a_name_already_given() {
    let dir = tempdir("batch-suffix");
    for sub in ["a", "b", "c"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    // "x", "x" and "x-2": the second x must not become a second "x-2".
    std::fs::copy(fixture("bao-cao-truc-tiep.json"), dir.join("a/x-2.json")).unwrap();
    std::fs::copy(fixture("bao-cao-truc-tiep.json"), dir.join("b/x.json")).unwrap();
    std::fs::copy(fixture("bao-cao-truc-tiep.json"), dir.join("c/x.json")).unwrap();
    std::fs::create_dir(dir.join("out")).unwrap();
    let out = vanban(&dir, &["batch", "a/x-2.json", "b/x.json", "c/x.json", "--out-dir", "out", "--to", "docx"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(files_in(&dir.join("out")), ["x-2.docx", "x-3.docx", "x.docx"]);
}

#[test]
fn bad_lines_are_reported_and_the_rest_rendered() {
    let dir = tempdir("batch-lines");
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(fixture("bao-cao-truc-tiep.json")).unwrap()).unwrap();
    let line = serde_json::to_string(&doc).unwrap();
    let mut input = Vec::new();
    input.extend_from_slice(line.as_bytes());
    input.extend_from_slice(b"\r\n   \n{\"type\": \"bao-cao\", \"x\": \"\xff\xfe\"}\n");
    input.extend_from_slice(format!("{{\"pad\": \"{}\"}}\n", "a".repeat(3000)).as_bytes());
    input.extend_from_slice(line.as_bytes());
    std::fs::write(dir.join("docs.ndjson"), &input).unwrap();
    let out = vanban(
        &dir,
        &["batch", "--ndjson", "docs.ndjson", "--max-input-size", "2000", "--message-format", "json", "--to", "docx"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let results: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let by_input = |i: &str| results.iter().find(|r| r["input"] == i).unwrap_or_else(|| panic!("no result for {i}: {results:?}"));
    assert_eq!(results.len(), 4, "the blank line is skipped: {results:?}");
    assert_eq!(by_input("docs.ndjson:1")["ok"], true, "CRLF line endings are accepted");
    let bad_utf8 = by_input("docs.ndjson:3");
    assert_eq!(bad_utf8["ok"], false);
    assert!(bad_utf8["diagnostics"][0]["message"].as_str().unwrap().contains("UTF-8"), "{bad_utf8}");
    let long = by_input("docs.ndjson:4");
    assert_eq!(long["diagnostics"][0]["code"], "too-large", "{long}");
    assert_eq!(by_input("docs.ndjson:5")["ok"], true, "lines after bad ones still render");
}

#[test]
fn results_stream_while_the_input_is_still_open() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};
    let dir = tempdir("batch-stream");
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(fixture("bao-cao-truc-tiep.json")).unwrap()).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .current_dir(&dir)
        .args(["batch", "--ndjson", "-", "--message-format", "json", "--to", "docx", "-j", "1"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    // A server sends one document and waits for its result before it sends the next.
    for i in 1..=2 {
        let mut d = doc.clone();
        d["number"] = serde_json::json!(i);
        writeln!(stdin, "{}", serde_json::to_string(&d).unwrap()).unwrap();
        stdin.flush().unwrap();
        let mut answer = String::new();
        stdout.read_line(&mut answer).unwrap();
        let v: serde_json::Value = serde_json::from_str(&answer).unwrap_or_else(|e| panic!("{e}: {answer:?}"));
        assert_eq!(v["ok"], true, "{v}");
        assert_eq!(v["input"], format!("-:{i}"));
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

/// The library: one engine shared by threads gives every document the bytes it gets alone,
/// and `pdf_and_docx` the bytes of `pdf` and `docx`.
#[test]
fn one_engine_many_threads_same_bytes() {
    use vanban::{Engine, Options};
    let engine = Engine::new(Options::default()).unwrap();
    let names = ["bao-cao-612.json", "cong-van-xa.json", "giay-moi-hoi-nghi.json", "quyet-dinh-ban-hanh-quy-che.json"];
    let render = |name: &str| {
        let input = std::fs::read(fixture(name)).unwrap();
        let doc = engine.prepare(&engine.parse(&input).unwrap(), &input);
        engine.pdf_and_docx(&doc).unwrap()
    };
    let alone: Vec<(Vec<u8>, Vec<u8>)> = names.iter().map(|n| render(n)).collect();
    let input = std::fs::read(fixture(names[0])).unwrap();
    let doc = engine.prepare(&engine.parse(&input).unwrap(), &input);
    assert_eq!(engine.pdf(&doc).unwrap(), alone[0].0, "pdf_and_docx's PDF is pdf()'s");
    assert_eq!(engine.docx(&doc).unwrap(), alone[0].1, "pdf_and_docx's DOCX is docx()'s");
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..2)
            .map(|t| {
                let render = &render;
                s.spawn(move || (0..names.len()).map(|k| render(names[(k + t) % names.len()])).collect::<Vec<_>>())
            })
            .collect();
        for (t, h) in handles.into_iter().enumerate() {
            for (k, got) in h.join().unwrap().into_iter().enumerate() {
                let want = &alone[(k + t) % names.len()];
                assert!(got.0 == want.0 && got.1 == want.1, "thread {t}: {} differs when rendered beside another", names[(k + t) % names.len()]);
            }
        }
    });
}
