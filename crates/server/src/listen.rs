//! Connections: each served by hyper's HTTP/1 with the limits a server reachable from a network
//! needs, so that no client can hold it up or exhaust it. Request bodies are limited where they
//! are read (`POST /api/articles`, `Config::max_body`).

use axum::body::Body;
use axum::extract::Request;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{watch, Semaphore};
use tower::ServiceExt;

/// Connections served at once; more wait in the listen queue. Each costs a task and a few KB;
/// reads share a pool of 8 SQLite connections, so more would only queue inside.
pub const MAX_CONNECTIONS: usize = 256;
/// Largest request head: hyper answers 431 above it (its buffer is at least 8 KiB).
pub const MAX_HEAD_BYTES: usize = 16 << 10;
/// Most header fields in a request (431 above).
pub const MAX_HEADERS: usize = 64;
/// Longest wait for connections to finish their requests after shutdown was asked for.
const DRAIN: Duration = Duration::from_secs(10);

/// Serve `app` on `listener` until `shutdown` completes, then let open requests finish (for at
/// most 10 s). A request head must arrive within `header_timeout` of the connection being
/// ready for one (idle kept-alive connections are closed after it too).
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    header_timeout: Duration,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let (stop, stopped) = watch::channel(false);
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            p = permits.clone().acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => break,
            },
            _ = &mut shutdown => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors and the like pass; wait a little instead of
                    // spinning.
                    eprintln!("flashpoint serve: accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let service = app
            .clone()
            .map_request(|req: Request<hyper::body::Incoming>| req.map(Body::new));
        let mut stopped = stopped.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .max_buf_size(MAX_HEAD_BYTES.max(8192))
                .max_headers(MAX_HEADERS);
            let conn =
                http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
            tokio::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = stopped.changed() => {
                    conn.as_mut().graceful_shutdown();
                    let _ = tokio::time::timeout(DRAIN, conn).await;
                }
            }
        });
    }
    let _ = stop.send(true);
    // Every connection holds a permit: having them all back means all have ended.
    let all = u32::try_from(MAX_CONNECTIONS).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(DRAIN + Duration::from_secs(1), permits.acquire_many(all)).await;
    Ok(())
}
