//! What came in, untouched.

use crate::date::Date;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    pub url: Option<String>,
    pub published: Option<Date>,
    pub source_name: Option<String>,
    pub title: Option<String>,
    pub text: String,
    /// Problems found while reading (e.g. invalid UTF-8 decoded lossily); carried to `Doc::warnings`.
    #[serde(skip)]
    pub warnings: Vec<String>,
}
