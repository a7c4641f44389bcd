//! What the handlers share: the configuration, a pool of read connections, the one writer and
//! the coding pipeline (loaded on the first write).

use crate::error::{ApiError, ApiResult};
use flashpoint_core::Pipeline;
use flashpoint_store::Store;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Config {
    pub db: PathBuf,
    /// The bearer token that writes must carry; none refuses every write.
    pub token: Option<String>,
    /// Largest request body accepted (bytes).
    pub max_body: usize,
    /// Time for a request's head to arrive, also the longest a kept-alive connection may stay
    /// idle: a client that trickles bytes (slowloris) is cut off.
    pub header_timeout: Duration,
    /// Time for a request's body to arrive (408 after it).
    pub body_timeout: Duration,
    /// Longest a read (a GET) may take before it is answered 503: every query is bounded by its
    /// filters and `limit`, so only a store far larger than this one was built for takes longer.
    /// Writes have no such limit: once articles are being coded, stopping the answer would not
    /// stop the write.
    pub read_timeout: Duration,
}

impl Config {
    pub fn new(db: PathBuf) -> Config {
        Config {
            db,
            token: None,
            max_body: 8 << 20,
            header_timeout: Duration::from_secs(10),
            // 8 MiB at 150 KB/s.
            body_timeout: Duration::from_secs(60),
            read_timeout: Duration::from_secs(30),
        }
    }
}

/// Idle read connections kept for reuse.
const IDLE_READERS: usize = 8;

struct Inner {
    config: Config,
    readers: Mutex<Vec<Store>>,
    writer: Mutex<Option<Store>>,
    pipeline: OnceLock<Pipeline>,
}

#[derive(Clone)]
pub struct AppState(Arc<Inner>);

impl AppState {
    /// Open the store (creating it only when writes are enabled: a server that takes articles
    /// may start empty; one that only reads has nothing to show from a missing file).
    pub fn new(config: Config) -> Result<AppState, flashpoint_store::Error> {
        let first = match Store::open(&config.db) {
            Err(flashpoint_store::Error::Missing(_)) if config.token.is_some() => {
                Store::create(&config.db)?
            }
            other => other?,
        };
        Ok(AppState(Arc::new(Inner {
            config,
            readers: Mutex::new(vec![first]),
            writer: Mutex::new(None),
            pipeline: OnceLock::new(),
        })))
    }

    pub fn config(&self) -> &Config {
        &self.0.config
    }

    /// Run `f` on a read connection, off the async threads.
    pub(crate) async fn read<T, F>(&self, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> ApiResult<T> + Send + 'static,
    {
        let state = self.clone();
        tokio::task::spawn_blocking(move || {
            let store = state.take_reader()?;
            let result = f(&store);
            state.give_back(store);
            result
        })
        .await
        .map_err(|e| ApiError::internal(format!("request failed: {e}")))?
    }

    fn take_reader(&self) -> ApiResult<Store> {
        let idle = self.0.readers.lock().ok().and_then(|mut r| r.pop());
        match idle {
            Some(s) => Ok(s),
            None => Ok(Store::open(&self.0.config.db)?),
        }
    }

    fn give_back(&self, store: Store) {
        if let Ok(mut r) = self.0.readers.lock() {
            if r.len() < IDLE_READERS {
                r.push(store);
            }
        }
    }

    /// Run `f` with the writer and the pipeline, off the async threads; one write at a time.
    pub(crate) async fn write<T, F>(&self, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store, &Pipeline) -> ApiResult<T> + Send + 'static,
    {
        let state = self.clone();
        tokio::task::spawn_blocking(move || {
            let inner = &state.0;
            let mut guard = inner
                .writer
                .lock()
                .map_err(|_| ApiError::internal("the writer failed in an earlier request"))?;
            if guard.is_none() {
                *guard = Some(Store::open(&inner.config.db)?);
            }
            let pipeline = inner.pipeline.get_or_init(flashpoint_coder::standard);
            match guard.as_mut() {
                Some(store) => f(store, pipeline),
                None => Err(ApiError::internal("no writer")),
            }
        })
        .await
        .map_err(|e| ApiError::internal(format!("request failed: {e}")))?
    }
}
