//! `vanban serve [--listen ADDR] [--workers N] [--queue N] …`: the HTTP service.

use super::args::ServeArgs;
use super::{engine_from, report};
use crate::error::Error;
use crate::serve::{run, Issuing, ServeOptions};
use std::time::Duration;

/// Run the command until SIGTERM or SIGINT; the exit code.
pub fn serve(args: ServeArgs) -> i32 {
    let seconds = |name: &str, s: f64| {
        if s.is_finite() && s > 0.0 && s <= 86_400.0 {
            Ok(Duration::from_secs_f64(s))
        } else {
            Err(Error::Usage(format!("--{name} {s}: a number of seconds above 0 and at most 86400")))
        }
    };
    let options = (|| {
        let workers = args.workers.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
        if workers == 0 || workers > 1024 {
            return Err(Error::Usage(format!("--workers {workers}: from 1 to 1024")));
        }
        let e = &args.engine;
        Ok(ServeOptions {
            listen: args.listen,
            workers,
            queue: args.queue.unwrap_or(workers * 8),
            max_body: args.max_body,
            read_timeout: seconds("read-timeout", args.read_timeout)?,
            render_timeout: seconds("render-timeout", args.render_timeout)?,
            shutdown_timeout: seconds("shutdown-timeout", args.shutdown_timeout)?,
            cors: args.cors.clone(),
            trust: crate::sign::verify::trust::anchors(&args.trust, &args.trust_dir)?,
            fingerprint: fingerprint(e),
            editor: !args.no_editor,
            local: None,
        })
    })();
    let options = match options {
        Ok(o) => o,
        Err(e) => return report(None, &e),
    };
    let issuing = (|| {
        if args.keys.is_some() && args.tokens.is_none() {
            return Err(Error::Usage("--keys needs --tokens: a service that signs must know who calls it (a web page can post to 127.0.0.1 too)".into()));
        }
        Ok(Issuing {
            tokens: args.tokens.as_deref().map(crate::serve::auth::load).transpose()?,
            keys: args.keys.as_deref().map(crate::serve::keys::Keys::load).transpose()?.unwrap_or_default(),
            register: args.register.as_deref().map(crate::register::open).transpose()?,
        })
    })();
    let issuing = match issuing {
        Ok(i) => i,
        Err(e) => return report(None, &e),
    };
    let engine = match engine_from(&args.engine) {
        Ok(e) => e,
        Err(e) => return report(None, &e),
    };
    run(engine, options, issuing)
}

/// The engine's options as a text, for the ETag (the same input and options, the same tag).
pub fn fingerprint(e: &super::args::EngineArgs) -> String {
    format!("{:?};{};{:?};{:?};{}", e.pdf_standard, e.no_signature_fields, e.font_dirs, e.layout, e.max_input_size)
}
