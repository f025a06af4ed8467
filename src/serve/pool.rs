//! Backpressure: `workers` renders at once on blocking threads, a bounded queue in front,
//! and 503 at once beyond it. A render cannot be cancelled: after a 504 its worker stays
//! busy until it ends, and still counts against the capacity.

use super::metrics::Metrics;
use super::problem::Problem;
use crate::Engine;
use axum::http::StatusCode;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// The workers and the queue.
pub struct Pool {
    permits: Arc<Semaphore>,
    workers: usize,
    capacity: usize,
    admitted: Arc<AtomicUsize>,
    render_timeout: Duration,
    metrics: Arc<Metrics>,
}

/// A place in the service (running or waiting), given back when dropped.
pub struct Ticket {
    admitted: Arc<AtomicUsize>,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        self.admitted.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Counts a waiting request in the queue gauge while it waits (also when it is dropped).
struct Waiting<'a>(&'a Metrics);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.queued.fetch_sub(1, Ordering::Relaxed);
    }
}

impl Pool {
    /// A pool of `workers` with `queue` places to wait.
    pub fn new(workers: usize, queue: usize, render_timeout: Duration, metrics: Arc<Metrics>) -> Pool {
        let workers = workers.max(1);
        Pool { permits: Arc::new(Semaphore::new(workers)), workers, capacity: workers + queue, admitted: Arc::new(AtomicUsize::new(0)), render_timeout, metrics }
    }

    /// A place, or 503 at once when every worker is busy and the queue is full.
    pub fn admit(&self) -> Result<Ticket, Problem> {
        let before = self.admitted.fetch_add(1, Ordering::SeqCst);
        let ticket = Ticket { admitted: self.admitted.clone() };
        if before >= self.capacity {
            drop(ticket);
            return Err(Problem::unavailable("queue-full", format!("all {} workers are busy and the queue of {} is full; try again shortly", self.workers, self.capacity - self.workers)));
        }
        Ok(ticket)
    }

    /// Run `f` on a worker once one is free; 504 after the render timeout, 500 on a panic.
    /// `ticket` is held until the render ends (a timed-out render still takes its place).
    pub async fn run<T, F>(&self, engine: &Arc<Engine>, kind: &'static str, ticket: Option<Ticket>, f: F) -> Result<T, Problem>
    where
        T: Send + 'static,
        F: FnOnce(&Engine) -> T + Send + 'static,
    {
        let queued_at = Instant::now();
        let permit = {
            self.metrics.queued.fetch_add(1, Ordering::Relaxed);
            let _waiting = Waiting(&self.metrics);
            self.permits.clone().acquire_owned().await.map_err(|_| Problem::unavailable("draining", "the service is stopping"))?
        };
        self.metrics.queue_wait(queued_at.elapsed().as_secs_f64());
        let engine = engine.clone();
        let metrics = self.metrics.clone();
        metrics.in_flight.fetch_add(1, Ordering::Relaxed);
        let job = tokio::task::spawn_blocking(move || {
            let (_permit, _ticket) = (permit, ticket);
            let start = Instant::now();
            let out = std::panic::catch_unwind(AssertUnwindSafe(|| f(&engine)));
            metrics.in_flight.fetch_sub(1, Ordering::Relaxed);
            metrics.render(kind, start.elapsed().as_secs_f64());
            out
        });
        match tokio::time::timeout(self.render_timeout, job).await {
            Err(_) => {
                let mut p = Problem::new(
                    StatusCode::GATEWAY_TIMEOUT,
                    "render-timeout",
                    format!("the render took more than {} s; it goes on in the background and its worker stays busy until it ends", self.render_timeout.as_secs_f64()),
                );
                p.reason = Some("render-timeout");
                Err(p)
            }
            Ok(Err(e)) => Err(internal(&format!("the render task failed: {e}"))),
            Ok(Ok(Err(panic))) => {
                let m = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "a panic".into());
                tracing::error!(kind, panic = %m, "a render panicked (a bug; the service goes on)");
                Err(internal(&format!("the render failed: {m}")))
            }
            Ok(Ok(Ok(t))) => Ok(t),
        }
    }
}

fn internal(m: &str) -> Problem {
    Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", format!("{m} (a bug in vanban; please report it with the input)"))
}
