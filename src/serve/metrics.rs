//! Prometheus text metrics, kept by hand: a few counters, gauges and histograms need no
//! global recorder. Labels are route templates and statuses, so their number stays bounded.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Mutex;

/// Histogram bucket bounds, seconds: renders take milliseconds, a queue wait may take seconds.
const BUCKETS: [f64; 14] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0];

#[derive(Default, Clone)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    sum: f64,
    count: u64,
}

impl Histogram {
    fn observe(&mut self, v: f64) {
        for (i, b) in BUCKETS.iter().enumerate() {
            if v <= *b {
                self.counts[i] += 1;
            }
        }
        self.sum += v;
        self.count += 1;
    }

    fn write(&self, out: &mut String, name: &str, labels: &str) {
        let sep = if labels.is_empty() { "" } else { "," };
        for (i, b) in BUCKETS.iter().enumerate() {
            let _ = writeln!(out, "{name}_bucket{{{labels}{sep}le=\"{b}\"}} {}", self.counts[i]);
        }
        let _ = writeln!(out, "{name}_bucket{{{labels}{sep}le=\"+Inf\"}} {}", self.count);
        let braces = if labels.is_empty() { String::new() } else { format!("{{{labels}}}") };
        let _ = writeln!(out, "{name}_sum{braces} {}", self.sum);
        let _ = writeln!(out, "{name}_count{braces} {}", self.count);
    }
}

/// The service's metrics.
#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, u16), u64>>,
    request_seconds: Mutex<BTreeMap<String, Histogram>>,
    render_seconds: Mutex<BTreeMap<String, Histogram>>,
    queue_seconds: Mutex<Histogram>,
    rejections: Mutex<BTreeMap<&'static str, u64>>,
    /// Renders running now (a timed-out render still counts until it ends).
    pub in_flight: AtomicI64,
    /// Requests waiting for a worker now.
    pub queued: AtomicI64,
}

impl Metrics {
    /// A finished request.
    pub fn request(&self, route: &str, status: u16, seconds: f64) {
        *self.requests.lock().expect("metrics").entry((route.to_string(), status)).or_default() += 1;
        self.request_seconds.lock().expect("metrics").entry(route.to_string()).or_default().observe(seconds);
    }

    /// A finished render of this kind (pdf, docx, zip, png, layout, batch document).
    pub fn render(&self, kind: &str, seconds: f64) {
        self.render_seconds.lock().expect("metrics").entry(kind.to_string()).or_default().observe(seconds);
    }

    /// Time spent waiting for a worker.
    pub fn queue_wait(&self, seconds: f64) {
        self.queue_seconds.lock().expect("metrics").observe(seconds);
    }

    /// A request refused or cut short, by reason.
    pub fn rejected(&self, reason: &'static str) {
        *self.rejections.lock().expect("metrics").entry(reason).or_default() += 1;
    }

    /// The Prometheus text exposition.
    pub fn text(&self) -> String {
        let mut out = String::new();
        out.push_str("# HELP vanban_http_requests_total Requests answered, by route and status.\n# TYPE vanban_http_requests_total counter\n");
        for ((route, status), n) in self.requests.lock().expect("metrics").iter() {
            let _ = writeln!(out, "vanban_http_requests_total{{route=\"{route}\",status=\"{status}\"}} {n}");
        }
        out.push_str("# HELP vanban_http_request_duration_seconds Time from the request's arrival to its answer.\n# TYPE vanban_http_request_duration_seconds histogram\n");
        for (route, h) in self.request_seconds.lock().expect("metrics").iter() {
            h.write(&mut out, "vanban_http_request_duration_seconds", &format!("route=\"{route}\""));
        }
        out.push_str("# HELP vanban_render_duration_seconds Time a worker spent on one render.\n# TYPE vanban_render_duration_seconds histogram\n");
        for (kind, h) in self.render_seconds.lock().expect("metrics").iter() {
            h.write(&mut out, "vanban_render_duration_seconds", &format!("kind=\"{kind}\""));
        }
        out.push_str("# HELP vanban_queue_wait_seconds Time a request waited for a worker.\n# TYPE vanban_queue_wait_seconds histogram\n");
        self.queue_seconds.lock().expect("metrics").write(&mut out, "vanban_queue_wait_seconds", "");
        out.push_str("# HELP vanban_renders_in_flight Renders running now.\n# TYPE vanban_renders_in_flight gauge\n");
        let _ = writeln!(out, "vanban_renders_in_flight {}", self.in_flight.load(Ordering::Relaxed));
        out.push_str("# HELP vanban_queue_depth Requests waiting for a worker now.\n# TYPE vanban_queue_depth gauge\n");
        let _ = writeln!(out, "vanban_queue_depth {}", self.queued.load(Ordering::Relaxed));
        out.push_str("# HELP vanban_rejections_total Requests refused or cut short, by reason.\n# TYPE vanban_rejections_total counter\n");
        for reason in ["queue-full", "draining", "render-timeout", "read-timeout", "too-large", "unauthorized", "forbidden", "forbidden-origin"] {
            let n = self.rejections.lock().expect("metrics").get(reason).copied().unwrap_or(0);
            let _ = writeln!(out, "vanban_rejections_total{{reason=\"{reason}\"}} {n}");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exposition() {
        let m = Metrics::default();
        m.request("/v1/render", 200, 0.02);
        m.render("pdf", 0.015);
        m.rejected("queue-full");
        let t = m.text();
        assert!(t.contains("vanban_http_requests_total{route=\"/v1/render\",status=\"200\"} 1"), "{t}");
        assert!(t.contains("vanban_render_duration_seconds_bucket{kind=\"pdf\",le=\"0.025\"} 1"), "{t}");
        assert!(t.contains("vanban_render_duration_seconds_bucket{kind=\"pdf\",le=\"0.01\"} 0"), "{t}");
        assert!(t.contains("vanban_rejections_total{reason=\"queue-full\"} 1"), "{t}");
        assert!(t.contains("vanban_queue_wait_seconds_count 0"), "{t}");
    }
}
