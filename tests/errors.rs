//! Bad input: every rejection names the place and what was expected, exits 2, writes
//! nothing and never panics. `vanban check`, its lint and JSON output; the schema.

mod common;

use common::*;

const GOOD: &str = r#"{
  "type": "bao-cao",
  "issuer": { "name": "Ủy ban nhân dân xã A", "code": "UBND" },
  "number": 9, "place": "A", "date": "2026-03-04",
  "subject": "Kết quả công tác",
  "recipients": ["UBND huyện B"],
  "body": ["Nội dung./.", { "list": ["một", "hai"] }, { "table": { "columns": [{"title": "A"}, {"title": "B"}], "rows": [["1", "2"]] } }],
  "signer": { "title": "Chủ tịch", "name": "Nguyễn Văn A" },
  "distribution": ["Như trên", "Lưu: VT"]
}"#;

fn with(from: &str, to: &str) -> String {
    assert!(GOOD.contains(from), "{from}");
    GOOD.replacen(from, to, 1)
}

/// (input, code, words the message or hint must hold)
fn cases() -> Vec<(String, &'static str, &'static str)> {
    vec![
        ("".into(), "syntax", "EOF"),
        ("{".into(), "syntax", "line 1"),
        ("[1, 2]".into(), "invalid-type", "JSON object"),
        ("{\"a\": 1,,}".into(), "syntax", "column"),
        (GOOD.replacen("\"Nội dung./.\"", "\"Nội dung./.\" \"x\"", 1), "syntax", "line"),
        (with("\"recipients\"", "\"recipents\""), "unknown-key", "did you mean `recipients`"),
        (with("\"bao-cao\"", "\"bao_cao\""), "unknown-value", "did you mean \"bao-cao\""),
        (with("\"type\": \"bao-cao\",", ""), "missing-key", "`type`"),
        (with("\"number\": 9", "\"number\": \"9\""), "invalid-type", "$.number"),
        (with("\"number\": 9", "\"number\": 0"), "invalid-number", "positive"),
        (with("\"number\": 9", "\"number\": -3"), "invalid-number", "$.number"),
        (with("\"number\": 9", "\"number\": 9.5"), "invalid-type", "$.number"),
        (with("2026-03-04", "2026-02-30"), "invalid-date", "$.date"),
        (with("2026-03-04", "04/03/2026"), "invalid-date", "YYYY-MM-DD"),
        (with("\"place\": \"A\",", "\"place\": \"A\", \"place\": \"B\","), "duplicate-key", "twice"),
        (with("{ \"list\": [\"một\", \"hai\"] }", "{ \"list\": [\"một\", { \"txt\": \"hai\" }] }"), "unknown-key", "$.body[1].list[1]"),
        (with("{ \"list\": [\"một\", \"hai\"] }", "{ \"list\": [\"một\"], \"marker\": \"*\" }"), "unknown-value", "$.body[1].marker"),
        (with("{ \"list\": [\"một\", \"hai\"] }", "{ \"lists\": [] }"), "unknown-key", "did you mean `list`"),
        (with("{ \"list\": [\"một\", \"hai\"] }", "{ \"list\": [], \"section\": \"x\" }"), "invalid", "one kind"),
        (with("[[\"1\", \"2\"]]", "[[\"1\", \"2\", \"3\"]]"), "table", "spans 3 columns"),
        (with("\"body\": [", "\"body\": [{ \"results\": { \"items\": [{ \"label\": \"x\", \"value\": { \"ratio\": [1, 0] } }] } },"), "zero-denominator", "zero"),
        (with("\"signer\": { \"title\": \"Chủ tịch\",", "\"signer\": { \"for\": \"Chủ tịch\","), "signer", "KT."),
        (with("\"signer\": { \"title\": \"Chủ tịch\", \"name\": \"Nguyễn Văn A\" },", ""), "signer", "required"),
        (with("\"distribution\"", "\"style\": { \"body_size\": 16 }, \"distribution\""), "out-of-range", "13–14"),
        (with("\"distribution\"", "\"style\": { \"margins\": { \"left\": \"20mm\" } }, \"distribution\""), "out-of-range", "$.style.margins.left"),
        (with("\"distribution\"", "\"style\": { \"indent\": \"2cm\" } , \"distribution\""), "out-of-range", "1cm or 1.27cm"),
        (with("\"distribution\"", "\"style\": { \"line_spacing\": 2 }, \"distribution\""), "out-of-range", "1.0–1.5"),
        (with("\"distribution\"", "\"style\": { \"header_size\": 14 }, \"distribution\""), "out-of-range", "12 or 13"),
        (with("\"distribution\"", "\"urgency\": \"khẩn\", \"distribution\""), "unknown-value", "$.urgency"),
        (with("\"body\": [\"Nội dung./.\", { \"list\": [\"một\", \"hai\"] }, { \"table\": { \"columns\": [{\"title\": \"A\"}, {\"title\": \"B\"}], \"rows\": [[\"1\", \"2\"]] } }]", "\"body\": []"), "empty-body", "$.body"),
        (with("Nội dung./.", "Chữ 漢 không có"), "missing-glyph", "U+6F22"),
        (with("\"issuer\": {", "\"issuer\": { \"parent\": null,").replace("\"code\": \"UBND\"", "\"code\": \"\""), "empty", "$.issuer.code"),
        ("{\"type\": \"bao-cao\"".to_string() + &"[".repeat(200), "syntax", "line"),
    ]
}

#[test]
fn bad_inputs_exit_2_name_the_place_and_write_nothing() {
    let dir = tempdir("errors");
    let cases = cases();
    assert!(cases.len() >= 25);
    for (k, (json, code, words)) in cases.iter().enumerate() {
        let name = format!("bad{k}.json");
        std::fs::write(dir.join(&name), json).unwrap();
        let out = vanban(&dir, &["render", &name, "--message-format", "json"], None);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "case {k}: {stdout}{stderr}");
        assert!(!stderr.contains("panicked"), "case {k}: {stderr}");
        let v: serde_json::Value = serde_json::from_str(stdout.lines().next().unwrap_or("")).unwrap_or_else(|e| panic!("case {k}: {e}: {stdout}"));
        assert_eq!(v["ok"], false);
        let diags = v["diagnostics"].as_array().unwrap();
        let hit = diags.iter().find(|d| d["code"] == *code).unwrap_or_else(|| panic!("case {k}: no {code} in {stdout}"));
        let said = format!("{} {} {} line {}, column {}", hit["path"], hit["message"], hit["hint"], hit["line"], hit["column"]);
        assert!(said.contains(words) || said.replace("\\\"", "\"").contains(words), "case {k}: {words:?} not in {said}");
        assert!(hit["path"].is_string() || hit["line"].is_number(), "case {k}: a place: {said}");
        // The same input, for people: one line per problem, the place first.
        let out = vanban(&dir, &["render", &name], None);
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains(&format!("error[{code}]")));
    }
    let left: Vec<_> = files_in(&dir).into_iter().filter(|f| !f.ends_with(".json")).collect();
    assert!(left.is_empty(), "no output for bad input: {left:?}");
}

#[test]
fn check_lints_and_exit_codes() {
    let dir = tempdir("check");
    std::fs::write(dir.join("good.json"), GOOD).unwrap();
    let out = vanban(&dir, &["check", "good.json"], None);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let warned = GOOD
        .replace("\"Như trên\", \"Lưu: VT\"", "\"UBND huyện B\"")
        .replace("\"Nguyễn Văn A\"", "\"TS. Nguyễn Văn A\"")
        .replace("\"number\": 9,", "\"number\": 9, \"symbol\": \"BC-XYZ\",")
        .replace("2026-03-04", "2099-03-04");
    std::fs::write(dir.join("warned.json"), warned).unwrap();
    let out = vanban(&dir, &["check", "warned.json", "--message-format", "json"], None);
    assert_eq!(out.status.code(), Some(0), "warnings alone exit 0");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ok"], true);
    let codes: Vec<&str> = v["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    for c in ["no-nhu-tren", "no-luu-vt", "academic-title", "symbol-mismatch", "future-date"] {
        assert!(codes.contains(&c), "{c} in {codes:?}");
    }
    assert!(v["diagnostics"].as_array().unwrap().iter().all(|d| d["severity"] == "warning"));
    let out = vanban(&dir, &["check", "warned.json", "--strict"], None);
    assert_eq!(out.status.code(), Some(2), "--strict: warnings fail");
    let out = vanban(&dir, &["check", "warned.json", "--lang", "vi"], None);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("cảnh báo") && said.contains("Nơi nhận thiếu"), "{said}");
    let out = vanban(&dir, &["check", "missing.json"], None);
    assert_eq!(out.status.code(), Some(1), "I/O failure");
    // A long subject.
    let long = GOOD.replace("Kết quả công tác", &"Kết quả thực hiện nhiệm vụ chuyển đổi số ".repeat(5));
    std::fs::write(dir.join("long.json"), long).unwrap();
    let out = vanban(&dir, &["check", "long.json", "--message-format", "json"], None);
    assert!(String::from_utf8_lossy(&out.stdout).contains("long-subject"));
    // Every fixture passes.
    let mut args = vec!["check".to_string()];
    for e in std::fs::read_dir(root().join("fixtures")).unwrap() {
        args.push(e.unwrap().path().to_string_lossy().into_owned());
    }
    let out = vanban(&dir, &args.iter().map(String::as_str).collect::<Vec<_>>(), None);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn input_size_limit() {
    let dir = tempdir("limit");
    std::fs::write(dir.join("big.json"), GOOD).unwrap();
    let out = vanban(&dir, &["render", "big.json", "--max-input-size", "100"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("too-large"));
    assert_eq!(files_in(&dir), ["big.json"]);
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    let dir = tempdir("schema");
    let out = vanban(&dir, &["schema"], None);
    assert!(out.status.success());
    let generated: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let committed: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(root().join("schema/vanban.schema.json")).unwrap()).unwrap();
    assert!(generated == committed, "schema/vanban.schema.json is stale: run `vanban schema > schema/vanban.schema.json`");
    assert_eq!(generated["$schema"], "https://json-schema.org/draft/2020-12/schema");
    let props = generated["properties"].as_object().unwrap();
    for k in ["type", "issuer", "number", "date", "body", "signer", "distribution", "style", "lead"] {
        assert!(props.contains_key(k), "{k}");
    }
    assert!(props["issuer"].to_string().contains("Cơ quan ban hành") || generated.to_string().contains("Cơ quan ban hành"), "Vietnamese descriptions");
}
