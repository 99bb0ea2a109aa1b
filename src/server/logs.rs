//! Log lines on standard output: human-readable text, or one JSON object a line for a log
//! collector (`[log] format = "json"`). `RUST_LOG` chooses what is logged in both.

use super::config::LogFormat;
use tracing_subscriber::{
    fmt::MakeWriter, layer::SubscriberExt, util::SubscriberInitExt, EnvFilter, Layer, Registry,
};

/// Installs the process's logger, once (later calls keep the first one: tests build several
/// apps in one process).
pub fn init(format: LogFormat) {
    let _ = subscriber(format, std::io::stdout).try_init();
}

/// The logger for `format`, writing to `writer`.
pub fn subscriber<W>(format: LogFormat, writer: W) -> impl tracing::Subscriber + Send + Sync
where
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_sessions=warn"));
    let lines = tracing_subscriber::fmt::layer().with_writer(writer);
    let lines = match format {
        LogFormat::Text => lines.boxed(),
        // Spans are listed in each line, so a server function's line carries its request's id.
        LogFormat::Json => lines.json().with_span_list(true).boxed(),
    };
    Registry::default().with(filter).with(lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    /// What a logger of `format` writes for one event inside a span.
    fn written(format: LogFormat) -> String {
        let buffer = Arc::new(Mutex::new(Vec::<u8>::new()));
        let sink = buffer.clone();
        let writer = move || Sink(sink.clone());
        tracing::subscriber::with_default(subscriber(format, writer), || {
            let span = tracing::info_span!("request", id = "00ab");
            let _entered = span.enter();
            tracing::warn!(kind = "stages.notice", "job done");
        });
        let bytes = buffer.lock().map(|b| b.clone()).unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    }

    struct Sink(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Sink {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            if let Ok(mut buffer) = self.0.lock() {
                buffer.extend_from_slice(bytes);
            }
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn the_json_format_writes_one_json_object_a_line() {
        let json = written(LogFormat::Json);
        let lines: Vec<&str> = json.lines().collect();
        assert_eq!(lines.len(), 1, "{json}");
        let line: serde_json::Value = serde_json::from_str(lines[0]).expect("a JSON line");
        assert_eq!(line["fields"]["message"], "job done");
        assert_eq!(line["fields"]["kind"], "stages.notice");
        assert_eq!(line["level"], "WARN");
        assert_eq!(
            line["spans"][0]["id"], "00ab",
            "the request span is in the line"
        );
    }

    #[test]
    fn the_text_format_writes_plain_lines() {
        let text = written(LogFormat::Text);
        assert!(
            text.contains("job done") && text.contains("stages.notice"),
            "{text}"
        );
        assert!(
            serde_json::from_str::<serde_json::Value>(text.trim()).is_err(),
            "{text}"
        );
    }
}
