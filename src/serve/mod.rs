//! `vanban serve`: the HTTP service over one [`Engine`], for e-office systems.
//!
//! axum on tokio. The async executor only moves bytes; every render runs on a blocking
//! thread behind a semaphore of `workers` permits, with a bounded queue in front (503 beyond
//! it). A request's body is read, with a deadline, before it may take a worker, so a slow
//! client holds none. Nothing is written to disk; the same input gives the CLI's bytes.

pub mod app;
pub mod auth;
pub mod batch;
pub mod body;
pub mod compose;
pub mod editor;
pub mod info;
pub mod issuing;
pub mod keys;
pub mod lang;
pub mod local;
pub mod log;
pub mod metrics;
pub mod naming;
pub mod openapi;
pub mod pool;
pub mod problem;
pub mod render;
pub mod verify;

use crate::Engine;
use app::App;
use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

/// How the service runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address to listen on (127.0.0.1 unless told otherwise).
    pub listen: SocketAddr,
    /// Renders at once.
    pub workers: usize,
    /// Requests that may wait for a worker; beyond, 503 at once.
    pub queue: usize,
    /// Largest request body, in bytes (413 beyond).
    pub max_body: usize,
    /// Time allowed to receive a request's body (408 beyond).
    pub read_timeout: Duration,
    /// Time a render may take before the answer is 504.
    pub render_timeout: Duration,
    /// Time allowed, after SIGTERM or SIGINT, to finish what is in flight.
    pub shutdown_timeout: Duration,
    /// An origin allowed to call from a browser (no CORS headers without it).
    pub cors: Option<String>,
    /// The engine's options, as a text, for the ETag (the same input and options, the same tag).
    pub fingerprint: String,
    /// Trust anchors for `/v1/verify` (`--trust`, `--trust-dir`), read at start.
    pub trust: Vec<x509_cert::Certificate>,
    /// The editor at `/` (`--no-editor` turns it off).
    pub editor: bool,
    /// `vanban edit`: the folder, the token, the local guards.
    pub local: Option<Arc<local::Local>>,
}

/// What the service issues with: tokens, the keys it holds and their series, the register.
#[derive(Default)]
pub struct Issuing {
    /// `--tokens`: without, no route needs a token.
    pub tokens: Option<Vec<auth::Token>>,
    /// `--keys`.
    pub keys: keys::Keys,
    /// `--register`.
    pub register: Option<Box<dyn crate::register::Store>>,
}

/// Run the service until SIGTERM or SIGINT; the exit code.
pub fn run(engine: Engine, options: ServeOptions, issuing: Issuing) -> i32 {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // Typst's layout is stack-hungry: renders get the main thread's stack size, as in batch.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cores.clamp(1, 4))
        .max_blocking_threads(options.workers + 4)
        .thread_stack_size(16 << 20)
        .enable_all()
        .build();
    let runtime = match runtime {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error[io]: cannot start the service: {e}");
            return 1;
        }
    };
    let shutdown = options.shutdown_timeout;
    let code = runtime.block_on(serve(engine, options, issuing));
    // Renders that outlived their answers are not waited for beyond the shutdown timeout.
    runtime.shutdown_timeout(shutdown);
    code
}

async fn serve(engine: Engine, options: ServeOptions, issuing: Issuing) -> i32 {
    use std::io::IsTerminal;
    let ansi = std::io::stderr().is_terminal();
    let _ = tracing_subscriber::fmt().with_writer(std::io::stderr).with_target(false).with_ansi(ansi).try_init();
    let listener = match tokio::net::TcpListener::bind(options.listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error[io]: {}: cannot listen: {e}", options.listen);
            return 1;
        }
    };
    let addr = listener.local_addr().map_or_else(|_| options.listen.to_string(), |a| a.to_string());
    if let (Some(l), Ok(a)) = (&options.local, listener.local_addr()) {
        let _ = l.port.set(a.port());
    }
    let app = Arc::new(App::new(engine, options.clone(), issuing));
    let router = app::router(app.clone());
    // First line on stderr, so a supervisor (or a test, or a person) knows where to call.
    match &options.local {
        Some(l) => {
            let url = format!("http://{addr}/?token={}", l.token);
            eprintln!("vanban edit: {url}");
            if l.open_browser {
                local::open_browser(&url);
            }
        }
        None => eprintln!("vanban {}: listening on http://{addr}", env!("CARGO_PKG_VERSION")),
    }
    let draining = app.clone();
    let (done_tx, done_rx) = tokio::sync::oneshot::channel::<()>();
    let signal = async move {
        shutdown_signal().await;
        // /readyz answers 503 from now on; the listener closes, in-flight requests finish.
        draining.draining.store(true, Ordering::SeqCst);
        eprintln!("vanban: draining (at most {} s)", options.shutdown_timeout.as_secs_f64());
        let _ = done_tx.send(());
    };
    let server = axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).with_graceful_shutdown(signal);
    let deadline = async move {
        let _ = done_rx.await;
        tokio::select! {
            _ = tokio::time::sleep(options.shutdown_timeout) => eprintln!("vanban: shutdown timeout; requests still open are cut"),
            _ = shutdown_signal() => eprintln!("vanban: second signal; exiting now"),
        }
    };
    tokio::select! {
        r = server => match r {
            Ok(()) => {
                eprintln!("vanban: stopped");
                0
            }
            Err(e) => {
                eprintln!("error[io]: the service failed: {e}");
                1
            }
        },
        _ = deadline => 0,
    }
}

/// SIGTERM (what Kubernetes and systemd send) or SIGINT (Ctrl+C).
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let term = signal(SignalKind::terminate());
        let int = signal(SignalKind::interrupt());
        match (term, int) {
            (Ok(mut t), Ok(mut i)) => {
                tokio::select! {
                    _ = t.recv() => {}
                    _ = i.recv() => {}
                }
            }
            _ => std::future::pending::<()>().await,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
