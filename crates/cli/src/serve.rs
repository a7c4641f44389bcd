//! `flashpoint serve`: the HTTP API and the dashboard over a store.

use anyhow::Context;
use clap::Args;
use flashpoint_server::{AppState, Config};
use std::path::PathBuf;

#[derive(Args)]
pub struct ServeArgs {
    /// The database file.
    #[arg(long, default_value = "flashpoint.db")]
    db: PathBuf,
    /// Address to listen on (host:port). Only loopback by default: the API has no users, and
    /// reads need no token.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: String,
    /// Bearer token that POST /api/articles must carry (else the FLASHPOINT_TOKEN environment
    /// variable; with neither, writes are refused).
    #[arg(long)]
    token: Option<String>,
    /// Largest request body accepted, in MiB.
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=1024))]
    max_body_mib: u32,
}

pub fn run(args: &ServeArgs) -> anyhow::Result<bool> {
    let token = args
        .token
        .clone()
        .or_else(|| std::env::var("FLASHPOINT_TOKEN").ok())
        .filter(|t| !t.trim().is_empty());
    let mut config = Config::new(args.db.clone());
    config.token = token;
    config.max_body = (args.max_body_mib as usize) << 20;
    let state = AppState::new(config)?;
    serve_until_ctrl_c(state, &args.addr)?;
    Ok(true)
}

/// Listen on `addr` and serve until Ctrl-C (or SIGTERM).
pub fn serve_until_ctrl_c(state: AppState, addr: &str) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen on {addr}"))?;
        let local = listener.local_addr()?;
        let writes = if state.config().token.is_some() {
            "POST /api/articles enabled (bearer token)"
        } else {
            "read-only (no token)"
        };
        eprintln!(
            "serving {} at http://{local}/ ({writes}); API description at /api/openapi.json; \
             Ctrl-C stops",
            state.config().db.display()
        );
        flashpoint_server::serve(listener, state, shutdown()).await?;
        eprintln!("stopped");
        anyhow::Ok(())
    })
}

async fn shutdown() {
    #[cfg(unix)]
    {
        let term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate());
        match term {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
