//! `vanban edit [DIR] [--port N] [--no-open] [--register URL] [--pkcs11 MODULE.so] …`: the
//! editor for one person, on 127.0.0.1 only, over a folder of documents.

use super::args::EditArgs;
use super::{engine_from, report};
use crate::error::Error;
use crate::serve::local::{new_token, Local};
use crate::serve::{run, Issuing, ServeOptions};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// Run the command until Ctrl+C; the exit code (0; 2 bad usage; 1 I/O).
pub fn edit(args: EditArgs) -> i32 {
    let made = (|| {
        let dir = std::fs::canonicalize(&args.dir).map_err(|e| Error::Io(format!("{}: {e}", args.dir.display())))?;
        if !dir.is_dir() {
            return Err(Error::Usage(format!("{} is not a folder", args.dir.display())));
        }
        if let Some(m) = &args.pkcs11 {
            if !m.is_file() {
                return Err(Error::Usage(format!("--pkcs11 {}: no such module", m.display())));
            }
        }
        if let Some(p) = &args.profiles {
            let text = std::fs::read(p).map_err(|e| Error::Io(format!("--profiles {}: {e}", p.display())))?;
            let v: serde_json::Value = serde_json::from_slice(&text).map_err(|e| Error::Usage(format!("--profiles {}: not JSON ({e})", p.display())))?;
            if !v.get("profiles").is_some_and(|p| p.is_array()) {
                return Err(Error::Usage(format!("--profiles {}: write {{\"profiles\": [...]}}", p.display())));
            }
        }
        let series = args.series.as_deref().map(crate::register::series::load).transpose()?.unwrap_or_default();
        let token = new_token().map_err(|e| Error::Io(format!("no randomness for the token: {e}")))?;
        let local = Local { dir, token, port: OnceLock::new(), profiles: args.profiles.clone(), pkcs11: args.pkcs11.clone(), series, open_browser: !args.no_open };
        let options = ServeOptions {
            listen: std::net::SocketAddr::from(([127, 0, 0, 1], args.port)),
            workers: std::thread::available_parallelism().map_or(1, |n| n.get()).min(4),
            queue: 32,
            max_body: 64 << 20,
            read_timeout: Duration::from_secs(30),
            render_timeout: Duration::from_secs(60),
            shutdown_timeout: Duration::from_secs(5),
            cors: None,
            fingerprint: super::serve::fingerprint(&args.engine),
            trust: crate::sign::verify::trust::anchors(&args.trust, &[])?,
            editor: true,
            local: Some(Arc::new(local)),
        };
        let issuing = Issuing { tokens: None, keys: Default::default(), register: args.register.as_deref().map(crate::register::open).transpose()? };
        Ok((options, issuing, engine_from(&args.engine)?))
    })();
    match made {
        Ok((options, issuing, engine)) => run(engine, options, issuing),
        Err(e) => report(None, &e),
    }
}
