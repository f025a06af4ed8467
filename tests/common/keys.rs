//! Test keys made with the `openssl` command, as an office's CA would issue them: a root, an
//! intermediate, and leaf certificates in PKCS#12 files (OpenSSL 3's AES and `-legacy`),
//! with fixed validity dates so that signing at a fixed `--time` is reproducible.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The password of every test .p12.
pub const PASSWORD: &str = "mật khẩu 123";

/// A CA directory with its files.
pub struct Pki {
    /// The folder.
    pub dir: PathBuf,
}

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl").current_dir(dir).args(args).output().expect("openssl runs");
    assert!(out.status.success(), "openssl {}: {}", args.join(" "), String::from_utf8_lossy(&out.stderr));
}

const CONFIG: &str = "[ ca ]
default_ca = any
[ any ]
dir = .
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = loose
unique_subject = no
preserve = yes
[ loose ]
countryName = optional
stateOrProvinceName = optional
organizationName = optional
commonName = supplied
[ v3_ca ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ leaf ]
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ encipher ]
keyUsage = critical,keyEncipherment
[ tsa_cert ]
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
";

/// `openssl ts -reply`'s configuration: a TSA under the intermediate, its chain in tokens.
const TS_CONFIG: &str = "[ tsa ]
default_tsa = tsa1
[ tsa1 ]
dir = .
serial = ./tsaserial
crypto_device = builtin
signer_cert = ./tsa.pem
certs = ./int.pem
signer_key = ./tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
other_policies = 1.2.3.4.5
digests = sha1, sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
";

/// Which key a leaf gets.
pub enum Alg {
    /// RSA of this many bits.
    Rsa(u32),
    /// ECDSA on P-256.
    P256,
}

impl Pki {
    /// A root valid 2025–2035 and an intermediate under it.
    pub fn new(dir: &Path) -> Pki {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join("ca.cnf"), CONFIG).unwrap();
        std::fs::write(dir.join("index.txt"), "").unwrap();
        std::fs::write(dir.join("serial"), "1000\n").unwrap();
        openssl(dir, &["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "root.key", "-out", "root.csr", "-utf8", "-subj", "/C=VN/O=Test Root CA/CN=Test Root CA"]);
        openssl(dir, &["ca", "-batch", "-config", "ca.cnf", "-selfsign", "-keyfile", "root.key", "-in", "root.csr", "-out", "root.pem", "-notext", "-utf8", "-startdate", "20250101000000Z", "-enddate", "20350101000000Z", "-extensions", "v3_ca"]);
        openssl(dir, &["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "int.key", "-out", "int.csr", "-utf8", "-subj", "/C=VN/O=Test CA/CN=Test Intermediate CA"]);
        openssl(dir, &["ca", "-batch", "-config", "ca.cnf", "-cert", "root.pem", "-keyfile", "root.key", "-in", "int.csr", "-out", "int.pem", "-notext", "-utf8", "-startdate", "20250101000000Z", "-enddate", "20340101000000Z", "-extensions", "v3_ca"]);
        std::fs::write(dir.join("pass.txt"), format!("{PASSWORD}\n")).unwrap();
        Pki { dir: dir.to_path_buf() }
    }

    /// The root certificate (PEM).
    pub fn root(&self) -> PathBuf {
        self.dir.join("root.pem")
    }

    /// The password file.
    pub fn pass_file(&self) -> PathBuf {
        self.dir.join("pass.txt")
    }

    /// A leaf `name.p12` with subject CN `cn`, issued by the intermediate, valid `from`–`until`
    /// (YYYYMMDDhhmmssZ); `extensions` is `leaf` or `encipher`; `legacy` writes RC2/3DES.
    pub fn leaf(&self, name: &str, cn: &str, alg: Alg, from: &str, until: &str, extensions: &str, legacy: bool) -> PathBuf {
        let d = &self.dir;
        let key = format!("{name}.key");
        match alg {
            Alg::Rsa(bits) => openssl(d, &["genpkey", "-algorithm", "RSA", "-pkeyopt", &format!("rsa_keygen_bits:{bits}"), "-out", &key]),
            Alg::P256 => openssl(d, &["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", &key]),
        }
        let csr = format!("{name}.csr");
        let pem = format!("{name}.pem");
        openssl(d, &["req", "-new", "-key", &key, "-out", &csr, "-utf8", "-subj", &format!("/C=VN/O=UBND tỉnh Thái Nguyên/CN={cn}")]);
        openssl(d, &["ca", "-batch", "-config", "ca.cnf", "-cert", "int.pem", "-keyfile", "int.key", "-in", &csr, "-out", &pem, "-notext", "-utf8", "-startdate", from, "-enddate", until, "-extensions", extensions]);
        let p12 = format!("{name}.p12");
        let pass = format!("pass:{PASSWORD}");
        let mut args = vec!["pkcs12", "-export", "-inkey", &key, "-in", &pem, "-certfile", "int.pem", "-out", &p12, "-passout", &pass];
        if legacy {
            args.push("-legacy");
        }
        openssl(d, &args);
        d.join(p12)
    }
}

impl Pki {
    /// A timestamp authority's certificate and key (`tsa.pem`, `tsa.key`) and the
    /// configuration `openssl ts -reply -config ts.cnf` reads.
    pub fn tsa(&self) {
        let d = &self.dir;
        openssl(d, &["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "tsa.key"]);
        openssl(d, &["req", "-new", "-key", "tsa.key", "-out", "tsa.csr", "-utf8", "-subj", "/C=VN/O=Test TSA/CN=Test Timestamp Authority"]);
        openssl(d, &["ca", "-batch", "-config", "ca.cnf", "-cert", "int.pem", "-keyfile", "int.key", "-in", "tsa.csr", "-out", "tsa.pem", "-notext", "-utf8", "-startdate", "20250101000000Z", "-enddate", "20340101000000Z", "-extensions", "tsa_cert"]);
        std::fs::write(d.join("ts.cnf"), TS_CONFIG).unwrap();
        std::fs::write(d.join("tsaserial"), "01\n").unwrap();
    }

    /// A leaf's chain as PEM: its certificate, then the intermediate (`name-chain.pem`).
    pub fn chain(&self, name: &str) -> PathBuf {
        let leaf = std::fs::read_to_string(self.dir.join(format!("{name}.pem"))).unwrap();
        let int = std::fs::read_to_string(self.dir.join("int.pem")).unwrap();
        let p = self.dir.join(format!("{name}-chain.pem"));
        std::fs::write(&p, leaf + &int).unwrap();
        p
    }
}

/// Whether `openssl` is there; with VANBAN_EXTERNAL=1 it must be.
pub fn have_openssl() -> bool {
    let ok = Command::new("openssl").arg("version").output().is_ok_and(|o| o.status.success());
    if !ok {
        assert!(std::env::var("VANBAN_EXTERNAL").map_or(true, |v| v != "1"), "VANBAN_EXTERNAL=1 but openssl is not installed");
        eprintln!("openssl is not installed: signing tests not run");
    }
    ok
}
