//! Errors as the API answers them: a status and a JSON body `{"error": {"status", "message"}}`.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

#[derive(Debug, thiserror::Error)]
#[error("{status}: {message}")]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }
}

impl From<flashpoint_store::Error> for ApiError {
    fn from(e: flashpoint_store::Error) -> ApiError {
        match e {
            // The store's own word on a request it cannot answer (a cursor of another order, a
            // timeline too long): the client's to fix.
            flashpoint_store::Error::Invalid(msg) => ApiError::bad_request(msg),
            flashpoint_store::Error::Input(e) => ApiError::bad_request(e.to_string()),
            other => ApiError::internal(format!("store error: {other}")),
        }
    }
}

impl IntoResponse for ApiError {
    /// A client error says what was wrong with the request. A server error says nothing of the
    /// server (no store message, SQL, path or panic text reaches the client): its detail goes
    /// to the server's log.
    fn into_response(self) -> Response {
        let message = if self.status.is_server_error() {
            eprintln!(
                "flashpoint serve: {}: {}",
                self.status.as_u16(),
                self.message
            );
            match self.status {
                StatusCode::SERVICE_UNAVAILABLE => self.message,
                _ => "internal server error (the details are in the server's log)".to_string(),
            }
        } else {
            self.message
        };
        let body = serde_json::json!({
            "error": { "status": self.status.as_u16(), "message": message }
        });
        let mut resp = (self.status, Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            resp.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        resp
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
