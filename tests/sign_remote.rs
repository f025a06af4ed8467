//! Signing where the key is not a file: the two phases (prepare → a remote signer → finish),
//! with `openssl pkeyutl` and `openssl cms` standing in for the remote service; a SoftHSM2
//! token through PKCS#11; RFC 3161 timestamps from `openssl ts` behind a test HTTP handler.
//! Judged by vanban's verifier and, with VANBAN_EXTERNAL=1, by pyHanko and pdfsig.

mod common;

use base64::Engine as _;
use common::keys::Alg;
use common::signing::*;
use common::tsa::{self, Behaviour};
use common::*;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn openssl(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new("openssl").current_dir(dir).args(args).output().expect("openssl runs");
    assert!(out.status.success(), "openssl {}: {}", args.join(" "), String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// `vanban sign prepare`: the printed digest and the state.
fn prepare(dir: &Path, input: &str, field: &str, chain: &Path, out: &str, state: &str, extra: &[&str]) -> (String, Value) {
    let mut args = vec!["sign", "prepare", input, "--field", field, "--cert", chain.to_str().unwrap(), "-o", out, "--state", state, "--time", TIME];
    args.extend_from_slice(extra);
    let o = vanban(dir, &args, None);
    ok(&o);
    let digest = String::from_utf8(o.stdout).unwrap();
    assert_eq!(digest.lines().count(), 1, "one line: {digest:?}");
    let state: Value = serde_json::from_slice(&std::fs::read(dir.join(state)).unwrap()).unwrap();
    (digest.trim().to_string(), state)
}

/// The remote signer: `openssl pkeyutl` over the digest with the key file; base64.
fn remote_sign(dir: &Path, digest_b64: &str, key: &Path, rsa: bool) -> String {
    let digest = base64::engine::general_purpose::STANDARD.decode(digest_b64).unwrap();
    assert_eq!(digest.len(), 32, "a SHA-256 digest");
    std::fs::write(dir.join("digest.bin"), &digest).unwrap();
    let mut args = vec!["pkeyutl", "-sign", "-inkey", key.to_str().unwrap(), "-in", "digest.bin"];
    if rsa {
        args.extend(["-pkeyopt", "digest:sha256"]); // PKCS#1 v1.5 with the SHA-256 DigestInfo
    }
    base64::engine::general_purpose::STANDARD.encode(openssl(dir, &args))
}

/// An ECDSA DER signature as r‖s (32 bytes each), as some services return it.
fn der_to_raw(der: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut at = 2;
    for _ in 0..2 {
        assert_eq!(der[at], 0x02);
        let len = der[at + 1] as usize;
        let int = &der[at + 2..at + 2 + len];
        let int = &int[int.len().saturating_sub(32)..];
        out.extend(std::iter::repeat_n(0, 32 - int.len()));
        out.extend_from_slice(int);
        at += 2 + len;
    }
    out
}

fn finish(dir: &Path, prepared: &str, state: &str, sig_file: &str, out: &str) -> std::process::Output {
    vanban(dir, &["sign", "finish", prepared, "--state", state, "--signature", sig_file, "-o", out], None)
}

/// The seed signed by the leader (RSA) and the agency (EC, its signature returned as r‖s),
/// each through prepare → openssl pkeyutl → finish: both valid in vanban, pyHanko and pdfsig.
#[test]
fn two_phases_with_openssl_pkeyutl() {
    let Some(s) = setup("remote-two") else { return };
    let d = &s.dir;
    let leader_chain = s.pki.chain("leader");
    let agency_chain = s.pki.chain("agency");
    let (digest, state) = prepare(d, "doc.pdf", "signer", &leader_chain, "p1.pdf", "s1.json", &["--image", "signature.png"]);
    assert_eq!(state["format"], "vanban-sign-state/1");
    assert_eq!(state["algorithm"], "rsa-pkcs1v15-sha256");
    assert_eq!(state["digest"], digest.as_str());
    // The printed digest is the SHA-256 of the signed attributes as a SET OF.
    let attrs = base64::engine::general_purpose::STANDARD.decode(state["signed_attributes"].as_str().unwrap()).unwrap();
    assert_eq!(attrs[0], 0x31, "a SET OF");
    use sha2::Digest;
    assert_eq!(base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(&attrs)), digest);
    // document_digest is the SHA-256 of the ByteRange of the prepared file.
    let p1 = std::fs::read(d.join("p1.pdf")).unwrap();
    let r: Vec<usize> = state["byte_range"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect();
    let dd = sha2::Sha256::digest([&p1[r[0]..r[1]], &p1[r[2]..r[2] + r[3]]].concat());
    assert_eq!(state["document_digest"], base64::engine::general_purpose::STANDARD.encode(dd));

    std::fs::write(d.join("sig1.b64"), remote_sign(d, &digest, &s.pki.dir.join("leader.key"), true)).unwrap();
    ok(&finish(d, "p1.pdf", "s1.json", "sig1.b64", "s1.pdf"));
    let s1 = std::fs::read(d.join("s1.pdf")).unwrap();
    assert!(s1.starts_with(&std::fs::read(d.join("doc.pdf")).unwrap()), "an incremental update");

    let (digest, state) = prepare(d, "s1.pdf", "agency", &agency_chain, "p2.pdf", "s2.json", &["--image", "seal.png"]);
    assert_eq!(state["algorithm"], "ecdsa-p256-sha256");
    let der = base64::engine::general_purpose::STANDARD.decode(remote_sign(d, &digest, &s.pki.dir.join("agency.key"), false)).unwrap();
    std::fs::write(d.join("sig2.b64"), base64::engine::general_purpose::STANDARD.encode(der_to_raw(&der))).unwrap();
    ok(&finish(d, "p2.pdf", "s2.json", "sig2.b64", "s2.pdf"));

    let (report, code) = verify(d, "s2.pdf", Some(&s.pki.root()));
    assert_eq!(code, 0, "{report}");
    for (f, who) in [("signer", "Nguyễn Thị Bích Ngọc"), ("agency", "Ủy ban nhân dân xã Hương Xuân")] {
        let f = field(&report, f);
        assert_eq!(f["intact"], true, "{f}");
        assert_eq!(f["trusted"], true, "{f}");
        assert_eq!(f["signer"], who, "{f}");
        assert_eq!(f["claimed_time"], TIME, "{f}");
    }
    assert_eq!(field(&report, "signer")["later_changes"], "form-filling");
    let problems = pdfa::problems(&std::fs::read(d.join("s2.pdf")).unwrap(), "2");
    assert!(problems.is_empty(), "{problems:?}");

    if !external() {
        return;
    }
    let text = pdfsig_valid(d, "s2.pdf", 2);
    assert!(text.contains("Signer Certificate Common Name: Nguyễn Thị Bích Ngọc") && text.contains("Signing Hash Algorithm: SHA-256"), "{text}");
    let lines = pyhanko(d, "s2.pdf", &s.pki.root());
    assert_eq!(lines.len(), 2);
    for v in &lines {
        assert_eq!((v["intact"].as_bool(), v["valid"].as_bool(), v["trusted"].as_bool()), (Some(true), Some(true), Some(true)), "{v}");
    }
    assert_eq!(lines[0]["modification_level"], "FORM_FILLING");
}

/// What finish refuses — a signature that does not verify, a prepared file changed since, a
/// state of another file, a state that is not vanban's — each with exit 2 and no file; and
/// prepare's own refusals.
#[test]
fn finish_refusals() {
    let Some(s) = setup("remote-refuse") else { return };
    let d = &s.dir;
    let chain = s.pki.chain("leader");
    let (digest, _) = prepare(d, "doc.pdf", "signer", &chain, "p.pdf", "s.json", &[]);
    // Another key's signature of the right digest.
    std::fs::write(d.join("other.b64"), remote_sign(d, &digest, &s.pki.dir.join("agency.key"), false)).unwrap();
    refused(&finish(d, "p.pdf", "s.json", "other.b64", "out.pdf"), "bad-signature", d, "out.pdf");
    // The leader's signature of another digest.
    std::fs::write(d.join("wrong.b64"), remote_sign(d, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", &s.pki.dir.join("leader.key"), true)).unwrap();
    refused(&finish(d, "p.pdf", "s.json", "wrong.b64", "out.pdf"), "bad-signature", d, "out.pdf");
    std::fs::write(d.join("junk.b64"), "not base64 at all!").unwrap();
    refused(&finish(d, "p.pdf", "s.json", "junk.b64", "out.pdf"), "bad-signature", d, "out.pdf");
    // The prepared file changed since prepare (one byte of its page content).
    let good = remote_sign(d, &digest, &s.pki.dir.join("leader.key"), true);
    std::fs::write(d.join("good.b64"), &good).unwrap();
    let mut changed = std::fs::read(d.join("p.pdf")).unwrap();
    let at = changed.len() / 3;
    changed[at] ^= 0x01;
    std::fs::write(d.join("changed.pdf"), &changed).unwrap();
    refused(&finish(d, "changed.pdf", "s.json", "good.b64", "out.pdf"), "prepared-changed", d, "out.pdf");
    // The state of another file.
    ok(&vanban(d, &["render", fixture("cong-van-xa.json").to_str().unwrap(), "--to", "pdf", "-o", "other.pdf"], None));
    prepare(d, "other.pdf", "signer", &chain, "p-other.pdf", "s-other.json", &[]);
    refused(&finish(d, "p.pdf", "s-other.json", "good.b64", "out.pdf"), "prepared-changed", d, "out.pdf");
    std::fs::write(d.join("bad.json"), "{\"format\": 3}").unwrap();
    refused(&finish(d, "p.pdf", "bad.json", "good.b64", "out.pdf"), "bad-state", d, "out.pdf");
    // And the right one works.
    ok(&finish(d, "p.pdf", "s.json", "good.b64", "out.pdf"));

    // prepare: the digest goes to standard output, so the PDF may not.
    let o = vanban(d, &["sign", "prepare", "doc.pdf", "--field", "signer", "--cert", chain.to_str().unwrap(), "-o", "-", "--state", "x.json"], None);
    refused(&o, "prepared-to-stdout", d, "x.json");
    let o = vanban(d, &["sign", "prepare", "doc.pdf", "--field", "nope", "--cert", chain.to_str().unwrap(), "-o", "x.pdf", "--state", "x.json"], None);
    refused(&o, "no-such-field", d, "x.pdf");
    assert!(!d.join("x.json").exists(), "no state either");
    let o = vanban(d, &["sign", "prepare", "doc.pdf", "--field", "signer", "--cert", "doc.pdf", "-o", "x.pdf", "--state", "x.json"], None);
    refused(&o, "bad-certificate", d, "x.pdf");
}

/// A whole CMS made elsewhere (`openssl cms` over the ByteRange, with signing-time) embedded
/// by finish --cms; one over other bytes is refused.
#[test]
fn finish_with_a_whole_cms() {
    let Some(s) = setup("remote-cms") else { return };
    let d = &s.dir;
    let chain = s.pki.chain("leader");
    let (_, state) = prepare(d, "doc.pdf", "signer", &chain, "p.pdf", "s.json", &[]);
    let p = std::fs::read(d.join("p.pdf")).unwrap();
    let r: Vec<usize> = state["byte_range"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect();
    std::fs::write(d.join("ranges.bin"), [&p[r[0]..r[1]], &p[r[2]..r[2] + r[3]]].concat()).unwrap();
    let pki = s.pki.dir.to_str().unwrap().to_string();
    let cms = |input: &str, out: &str| {
        openssl(d, &["cms", "-sign", "-binary", "-in", input, "-signer", &format!("{pki}/leader.pem"), "-inkey", &format!("{pki}/leader.key"), "-certfile", &format!("{pki}/int.pem"), "-md", "sha256", "-outform", "DER", "-out", out]);
    };
    cms("ranges.bin", "good.der");
    ok(&vanban(d, &["sign", "finish", "p.pdf", "--state", "s.json", "--cms", "good.der", "-o", "out.pdf"], None));
    let (report, code) = verify(d, "out.pdf", Some(&s.pki.root()));
    assert_eq!(code, 0, "{report}");
    assert_eq!(field(&report, "signer")["intact"], true);
    assert_eq!(field(&report, "signer")["trusted"], true);

    std::fs::write(d.join("other.bin"), b"other bytes").unwrap();
    cms("other.bin", "bad.der");
    let o = vanban(d, &["sign", "finish", "p.pdf", "--state", "s.json", "--cms", "bad.der", "-o", "out2.pdf"], None);
    refused(&o, "bad-cms", d, "out2.pdf");
    if external() {
        pdfsig_valid(d, "out.pdf", 1);
    }
}

/// PAdES B-T: one step and two phases with --tsa, the token from `openssl ts -reply`; vanban
/// reports the timestamp's time, the TSA and the imprint; pyHanko accepts it.
#[test]
fn timestamps_from_a_tsa() {
    let Some(s) = setup("remote-tsa") else { return };
    let d = &s.dir;
    s.pki.tsa();
    let url = tsa::start(s.pki.dir.clone(), Behaviour::Openssl);
    let o = sign(d, "doc.pdf", "s1.pdf", "signer", &s.leader, &s.pki.pass_file(), &["--tsa", &url]);
    ok(&o);
    let (digest, state) = prepare(d, "s1.pdf", "agency", &s.pki.chain("agency"), "p2.pdf", "st.json", &["--tsa", &url]);
    assert_eq!(state["tsa"], url.as_str());
    std::fs::write(d.join("sig.b64"), remote_sign(d, &digest, &s.pki.dir.join("agency.key"), false)).unwrap();
    ok(&finish(d, "p2.pdf", "st.json", "sig.b64", "s2.pdf"));

    let (report, code) = verify(d, "s2.pdf", Some(&s.pki.root()));
    assert_eq!(code, 0, "{report}");
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    for name in ["signer", "agency"] {
        let f = field(&report, name);
        let ts = &f["timestamp"];
        assert_eq!(ts["imprint_matches"], true, "{f}");
        assert_eq!(ts["intact"], true, "{f}");
        assert!(ts["tsa"].as_str().unwrap().contains("Test Timestamp Authority"), "{ts}");
        let t = chrono::DateTime::parse_from_rfc3339(ts["time"].as_str().unwrap()).unwrap();
        assert!((t.timestamp() - now).abs() < 3600, "the TSA's own time: {ts}");
        assert!(ts["time"].as_str().unwrap().ends_with("+07:00"), "{ts}");
    }
    let human = vanban(d, &["verify", "s2.pdf"], None);
    assert!(String::from_utf8_lossy(&human.stdout).contains("timestamp: "), "{}", String::from_utf8_lossy(&human.stdout));

    if !external() {
        return;
    }
    pdfsig_valid(d, "s2.pdf", 2);
    let lines = pyhanko(d, "s2.pdf", &s.pki.root());
    assert_eq!(lines.len(), 2);
    for (v, f) in lines.iter().zip(["signer", "agency"]) {
        assert_eq!(v["intact"], true, "{v}");
        assert_eq!(v["valid"], true, "{v}");
        assert_eq!(v["timestamp_intact"], true, "{v}");
        assert_eq!(v["timestamp_valid"], true, "{v}");
        // pyHanko reads the same time vanban reports.
        let ours = chrono::DateTime::parse_from_rfc3339(field(&report, f)["timestamp"]["time"].as_str().unwrap()).unwrap();
        let theirs = chrono::DateTime::parse_from_rfc3339(v["timestamp"].as_str().unwrap()).unwrap();
        assert_eq!(ours, theirs, "{v}");
    }
}

/// A TSA that refuses, that is not there or that never answers: exit 1, a message naming the
/// TSA, nothing written (the silent one after the 10 s limit).
#[test]
fn tsa_failures_write_nothing() {
    let Some(s) = setup("remote-tsa-fail") else { return };
    let d = &s.dir;
    let check = |o: std::process::Output, file: &str, what: &str| {
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{what}: {err}");
        assert!(err.contains("timestamp authority"), "{what}: {err}");
        assert!(!d.join(file).exists(), "{what}: no file");
    };
    let error = tsa::start(s.pki.dir.clone(), Behaviour::Error);
    check(sign(d, "doc.pdf", "e.pdf", "signer", &s.leader, &s.pki.pass_file(), &["--tsa", &error]), "e.pdf", "HTTP 500");
    // A port nothing listens on.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://127.0.0.1:{}/tsa", l.local_addr().unwrap().port())
    };
    check(sign(d, "doc.pdf", "c.pdf", "signer", &s.leader, &s.pki.pass_file(), &["--tsa", &closed]), "c.pdf", "closed port");
    let silent = tsa::start(s.pki.dir.clone(), Behaviour::Silent);
    let t0 = std::time::Instant::now();
    let o = sign(d, "doc.pdf", "t.pdf", "signer", &s.leader, &s.pki.pass_file(), &["--tsa", &silent]);
    assert!(t0.elapsed().as_secs() < 30, "gives up after its limit");
    assert!(String::from_utf8_lossy(&o.stderr).contains("10 s"), "{}", String::from_utf8_lossy(&o.stderr));
    check(o, "t.pdf", "silent TSA");
    // Two phases: the request is made by finish, which then writes nothing.
    let (digest, _) = prepare(d, "doc.pdf", "signer", &s.pki.chain("leader"), "p.pdf", "st.json", &["--tsa", &error]);
    std::fs::write(d.join("sig.b64"), remote_sign(d, &digest, &s.pki.dir.join("leader.key"), true)).unwrap();
    check(finish(d, "p.pdf", "st.json", "sig.b64", "f.pdf"), "f.pdf", "finish with a failing TSA");
    let o = sign(d, "doc.pdf", "u.pdf", "signer", &s.leader, &s.pki.pass_file(), &["--tsa", "ftp://tsa.example.vn"]);
    refused(&o, "bad-tsa-url", d, "u.pdf");
}

/// SoftHSM2 as the token: `softhsm2-util` imports the keys, OpenSC's `pkcs11-tool` writes the
/// certificates. The leader signs by key label with the chain read from the token, the agency
/// by key id with --cert; both validate. A wrong PIN, an unknown token or key, and a --cert
/// of another key are refused with exit 2 and no file.
#[test]
fn pkcs11_token_signs_the_seed() {
    let have = Command::new("sh").arg("-c").arg("command -v softhsm2-util && command -v pkcs11-tool").output().is_ok_and(|o| o.status.success());
    if !have {
        assert!(!external(), "VANBAN_EXTERNAL=1 but softhsm2-util or pkcs11-tool is not installed");
        eprintln!("SoftHSM2 / OpenSC not installed: token test not run");
        return;
    }
    let module = ["/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so", "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so", "/usr/local/lib/softhsm/libsofthsm2.so"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .expect("libsofthsm2.so is installed with softhsm2-util");
    let Some(s) = setup("remote-pkcs11") else { return };
    let d = &s.dir;
    let pki = &s.pki.dir;
    std::fs::create_dir_all(d.join("tokens")).unwrap();
    std::fs::write(d.join("softhsm2.conf"), format!("directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n", d.join("tokens").display())).unwrap();
    let conf = d.join("softhsm2.conf");
    let tool_run = |cmd: &str, args: &[&str]| {
        let out = Command::new(cmd).args(args).env("SOFTHSM2_CONF", &conf).current_dir(d).output().unwrap();
        assert!(out.status.success(), "{cmd} {}: {}{}", args.join(" "), String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    };
    let label = "UBND xa Huong Xuan";
    tool_run("softhsm2-util", &["--init-token", "--free", "--label", label, "--pin", "123456", "--so-pin", "654321"]);
    for (name, id) in [("leader", "01"), ("agency", "a1b2")] {
        tool_run("softhsm2-util", &["--import", pki.join(format!("{name}.key")).to_str().unwrap(), "--token", label, "--label", name, "--id", id, "--pin", "123456"]);
    }
    for (name, id) in [("leader", "01"), ("int", "99")] {
        openssl(d, &["x509", "-in", pki.join(format!("{name}.pem")).to_str().unwrap(), "-outform", "DER", "-out", &format!("{name}.der")]);
        tool_run("pkcs11-tool", &["--module", module, "--token-label", label, "--login", "--pin", "123456", "--write-object", &format!("{name}.der"), "--type", "cert", "--id", id, "--label", name]);
    }
    std::fs::write(d.join("pin.txt"), "123456\n").unwrap();
    std::fs::write(d.join("wrong-pin.txt"), "000000\n").unwrap();
    let token_sign = |input: &str, output: &str, field: &str, extra: &[&str]| {
        let mut args = vec!["sign", input, "-o", output, "--field", field, "--pkcs11", module, "--token", label, "--time", TIME];
        args.extend_from_slice(extra);
        let mut c = Command::new(env!("CARGO_BIN_EXE_vanban"));
        c.args(&args).env("SOFTHSM2_CONF", &conf).current_dir(d);
        c.output().unwrap()
    };
    let agency_chain = s.pki.chain("agency");
    let chain = agency_chain.to_str().unwrap();
    refused(&token_sign("doc.pdf", "x.pdf", "signer", &["--key", "leader", "--pin-file", "wrong-pin.txt"]), "wrong-pin", d, "x.pdf");
    refused(&token_sign("doc.pdf", "x.pdf", "signer", &["--key", "nobody", "--pin-file", "pin.txt"]), "no-such-key", d, "x.pdf");
    refused(&token_sign("doc.pdf", "x.pdf", "signer", &["--key", "leader", "--pin-file", "pin.txt", "--cert", chain]), "key-mismatch", d, "x.pdf");
    refused(&token_sign("doc.pdf", "x.pdf", "signer", &["--key-id", "a1b2", "--pin-file", "pin.txt"]), "no-certificate", d, "x.pdf");
    // Another RSA certificate beside the leader's RSA key: caught by checking the signature.
    s.pki.leaf("other", "Người khác", Alg::Rsa(2048), FROM, UNTIL, "leaf", false);
    let other = s.pki.chain("other");
    refused(&token_sign("doc.pdf", "x.pdf", "signer", &["--key", "leader", "--pin-file", "pin.txt", "--cert", other.to_str().unwrap()]), "key-mismatch", d, "x.pdf");
    let mut c = Command::new(env!("CARGO_BIN_EXE_vanban"));
    c.args(["sign", "doc.pdf", "-o", "x.pdf", "--field", "signer", "--pkcs11", module, "--token", "no such token", "--key", "leader", "--pin-file", "pin.txt"]).env("SOFTHSM2_CONF", &conf).current_dir(d);
    refused(&c.output().unwrap(), "no-such-token", d, "x.pdf");

    ok(&token_sign("doc.pdf", "s1.pdf", "signer", &["--key", "leader", "--pin-file", "pin.txt", "--image", "signature.png"]));
    ok(&token_sign("s1.pdf", "s2.pdf", "agency", &["--key-id", "a1b2", "--pin-file", "pin.txt", "--cert", chain, "--image", "seal.png"]));
    let (report, code) = verify(d, "s2.pdf", Some(&s.pki.root()));
    assert_eq!(code, 0, "{report}");
    assert_eq!(field(&report, "signer")["signer"], "Nguyễn Thị Bích Ngọc");
    assert_eq!(field(&report, "signer")["trusted"], true, "the chain read from the token reaches the root");
    assert_eq!(field(&report, "agency")["signature_algorithm"], "sha256-ecdsa");
    if external() {
        pdfsig_valid(d, "s2.pdf", 2);
        for v in pyhanko(d, "s2.pdf", &s.pki.root()) {
            assert_eq!((v["intact"].as_bool(), v["valid"].as_bool(), v["trusted"].as_bool()), (Some(true), Some(true), Some(true)), "{v}");
        }
    }

    // The same token held by `vanban serve --keys`: the leader signs over HTTP; a key whose
    // token is not plugged in is unavailable (503), not an error of the service.
    let keys = serde_json::json!({"keys": {
        "lanh-dao": {"pkcs11": module, "token": label, "key": "leader", "pin_file": d.join("pin.txt")},
        "vang-mat": {"pkcs11": module, "token": "token đã rút ra", "key": "leader", "pin_file": d.join("pin.txt")},
    }});
    std::fs::write(d.join("keys.json"), keys.to_string()).unwrap();
    let token = "tok-softhsm";
    use sha2::Digest;
    let sha: String = sha2::Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    std::fs::write(d.join("tokens.txt"), format!("office {sha} * sign\n")).unwrap();
    // SAFETY: no other thread of this test binary reads SOFTHSM2_CONF; the service inherits it.
    unsafe { std::env::set_var("SOFTHSM2_CONF", &conf) };
    let svc = common::http::Service::start(&["--keys", d.join("keys.json").to_str().unwrap(), "--tokens", d.join("tokens.txt").to_str().unwrap()]);
    let bearer = format!("Bearer {token}");
    let h = [("Content-Type", "application/pdf"), ("Authorization", bearer.as_str())];
    let doc = std::fs::read(d.join("doc.pdf")).unwrap();
    let r = svc.call("POST", "/v1/sign?field=signer&key=vang-mat", &h, &doc);
    assert_eq!(r.status, 503, "{}", r.text());
    assert!(r.text().contains("key-unavailable"));
    let r = svc.call("POST", "/v1/sign?field=signer&key=lanh-dao", &h, &doc);
    assert_eq!(r.status, 200, "{}", r.text());
    std::fs::write(d.join("http.pdf"), &r.body).unwrap();
    let (report, code) = verify(d, "http.pdf", Some(&s.pki.root()));
    assert_eq!(code, 0, "{report}");
    assert!(!svc.log().contains("123456"), "no PIN in the log");
}

/// An unregistered draft through two phases: the leader, then the agency issuing it with
/// `--number 15 --date 2026-03-09` given to prepare; the fields hold the values and both
/// signatures verify.
#[test]
fn draft_issued_in_two_phases() {
    let Some(s) = setup("remote-issue") else { return };
    let d = &s.dir;
    ok(&vanban(d, &["render", fixture("ke-hoach-du-thao.json").to_str().unwrap(), "--to", "pdf", "-o", "draft.pdf"], None));
    let (digest, _) = prepare(d, "draft.pdf", "signer", &s.pki.chain("leader"), "p1.pdf", "s1.json", &[]);
    std::fs::write(d.join("sig1.b64"), remote_sign(d, &digest, &s.pki.dir.join("leader.key"), true)).unwrap();
    ok(&finish(d, "p1.pdf", "s1.json", "sig1.b64", "d1.pdf"));
    let o = vanban(d, &["sign", "prepare", "d1.pdf", "--field", "agency", "--cert", s.pki.chain("agency").to_str().unwrap(), "-o", "x.pdf", "--state", "x.json", "--time", TIME], None);
    refused(&o, "number-required", d, "x.pdf");
    let (digest, _) = prepare(d, "d1.pdf", "agency", &s.pki.chain("agency"), "p2.pdf", "s2.json", &["--number", "15", "--date", "2026-03-09", "--image", "seal.png"]);
    std::fs::write(d.join("sig2.b64"), remote_sign(d, &digest, &s.pki.dir.join("agency.key"), false)).unwrap();
    ok(&finish(d, "p2.pdf", "s2.json", "sig2.b64", "d2.pdf"));
    let d2 = std::fs::read(d.join("d2.pdf")).unwrap();
    assert_eq!(text_field(&d2, "number").0.as_deref(), Some("15"));
    assert_eq!(text_field(&d2, "day").0.as_deref(), Some("09"));
    assert_eq!(text_field(&d2, "month").0.as_deref(), Some("3"));
    let (report, code) = verify(d, "d2.pdf", Some(&s.pki.root()));
    assert_eq!(code, 0, "{report}");
    assert_eq!(field(&report, "signer")["later_changes"], "form-filling", "{report}");
    if external() {
        pdfsig_valid(d, "d2.pdf", 2);
    }
}
