//! The model file: named float32 arrays and JSON documents in one checksummed container.
//!
//! The format is written by `scripts/export_model.py` and described in `data/model/README.md`.
//! Arrays are copied out once at load time, so every later read is a plain slice.

use std::collections::HashMap;
use thiserror::Error;

const MAGIC: &[u8; 8] = b"FPMODEL\0";
const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Error)]
pub enum ModelError {
    #[error("not a Flashpoint model file (bad magic bytes)")]
    BadMagic,
    #[error("model format version {found}, this build reads version {FORMAT_VERSION}")]
    Version { found: u32 },
    #[error("model file checksum mismatch: stored {stored:016x}, computed {computed:016x}")]
    Checksum { stored: u64, computed: u64 },
    #[error("model file truncated at byte {0}")]
    Truncated(usize),
    #[error("model section {name}: {reason}")]
    Section { name: String, reason: String },
    #[error("model file has no section {0}")]
    Missing(String),
    #[error("model section {name} has shape {found:?}, expected {expected:?}")]
    Shape {
        name: String,
        found: Vec<usize>,
        expected: Vec<usize>,
    },
    #[error("model document {name}: {source}")]
    Json {
        name: String,
        source: serde_json::Error,
    },
    #[error("cannot read model file {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// A float32 array in C order.
#[derive(Clone, Debug, PartialEq)]
pub struct Array {
    pub shape: Vec<usize>,
    pub data: Vec<f32>,
}

/// Every section of a model file, by name.
#[derive(Debug, Default)]
pub struct ModelFile {
    arrays: HashMap<String, Array>,
    documents: HashMap<String, Vec<u8>>,
}

impl ModelFile {
    /// Parse a whole model file, checking magic, version and checksum first.
    pub fn parse(bytes: &[u8]) -> Result<Self, ModelError> {
        let body_len = bytes
            .len()
            .checked_sub(8)
            .ok_or(ModelError::Truncated(bytes.len()))?;
        let (body, stored) = bytes.split_at(body_len);
        let stored = u64::from_le_bytes(
            stored
                .try_into()
                .map_err(|_| ModelError::Truncated(body_len))?,
        );
        let computed = fnv1a64(body);
        if stored != computed {
            return Err(ModelError::Checksum { stored, computed });
        }
        let mut r = Reader { bytes: body, at: 0 };
        if r.take(8)? != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let version = r.u32()?;
        if version != FORMAT_VERSION {
            return Err(ModelError::Version { found: version });
        }
        let count = r.u32()?;
        let mut file = ModelFile::default();
        for _ in 0..count {
            file.read_section(&mut r)?;
        }
        Ok(file)
    }

    /// Read and parse a model file from disk.
    pub fn open(path: &std::path::Path) -> Result<Self, ModelError> {
        let bytes = std::fs::read(path).map_err(|source| ModelError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Self::parse(&bytes)
    }

    fn read_section(&mut self, r: &mut Reader) -> Result<(), ModelError> {
        let name_len = r.u16()? as usize;
        let name = std::str::from_utf8(r.take(name_len)?)
            .map_err(|_| ModelError::Section {
                name: "?".into(),
                reason: "name is not UTF-8".into(),
            })?
            .to_string();
        let kind = r.u8()?;
        let ndim = r.u8()? as usize;
        let shape = (0..ndim)
            .map(|_| r.u32().map(|d| d as usize))
            .collect::<Result<Vec<_>, _>>()?;
        let len = usize::try_from(r.u64()?).map_err(|_| ModelError::Truncated(r.at))?;
        let payload = r.take(len)?;
        match kind {
            0 => {
                let data = f32s(&name, &shape, payload)?;
                self.arrays.insert(name, Array { shape, data });
            }
            1 => {
                self.documents.insert(name, payload.to_vec());
            }
            other => {
                return Err(ModelError::Section {
                    name,
                    reason: format!("unknown kind {other}"),
                })
            }
        }
        Ok(())
    }

    /// The array `name`, checked against the expected shape.
    pub fn array(&self, name: &str, expected: &[usize]) -> Result<&Array, ModelError> {
        let array = self
            .arrays
            .get(name)
            .ok_or_else(|| ModelError::Missing(name.to_string()))?;
        if array.shape != expected {
            return Err(ModelError::Shape {
                name: name.to_string(),
                found: array.shape.clone(),
                expected: expected.to_vec(),
            });
        }
        Ok(array)
    }

    /// The array `name` whatever its shape (the caller reads the dimensions from it).
    pub fn array_any(&self, name: &str) -> Result<&Array, ModelError> {
        self.arrays
            .get(name)
            .ok_or_else(|| ModelError::Missing(name.to_string()))
    }

    /// The JSON document `name`, deserialised.
    pub fn document<T: serde::de::DeserializeOwned>(&self, name: &str) -> Result<T, ModelError> {
        let bytes = self
            .documents
            .get(name)
            .ok_or_else(|| ModelError::Missing(name.to_string()))?;
        serde_json::from_slice(bytes).map_err(|source| ModelError::Json {
            name: name.to_string(),
            source,
        })
    }

    /// Names of all arrays, sorted.
    pub fn array_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.arrays.keys().map(String::as_str).collect();
        names.sort_unstable();
        names
    }
}

fn f32s(name: &str, shape: &[usize], payload: &[u8]) -> Result<Vec<f32>, ModelError> {
    let count: usize = shape.iter().product();
    if payload.len() != count * 4 {
        return Err(ModelError::Section {
            name: name.to_string(),
            reason: format!("{} bytes for shape {shape:?}", payload.len()),
        });
    }
    Ok(payload
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect())
}

/// FNV-1a, 64 bit: a checksum against truncation and corruption, not against tampering.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self
            .at
            .checked_add(n)
            .ok_or(ModelError::Truncated(self.at))?;
        let slice = self
            .bytes
            .get(self.at..end)
            .ok_or(ModelError::Truncated(self.at))?;
        self.at = end;
        Ok(slice)
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, ModelError> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self) -> Result<u64, ModelError> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny_file(checksum_delta: u64) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend(1u32.to_le_bytes());
        out.extend(2u32.to_le_bytes());
        out.extend(1u16.to_le_bytes());
        out.extend(b"w");
        out.extend([0u8, 2]);
        out.extend(1u32.to_le_bytes());
        out.extend(2u32.to_le_bytes());
        out.extend(8u64.to_le_bytes());
        out.extend(1.5f32.to_le_bytes());
        out.extend((-2.0f32).to_le_bytes());
        out.extend(1u16.to_le_bytes());
        out.extend(b"d");
        out.extend([1u8, 0]);
        out.extend(7u64.to_le_bytes());
        out.extend(br#"{"a":1}"#);
        let sum = fnv1a64(&out).wrapping_add(checksum_delta);
        out.extend(sum.to_le_bytes());
        out
    }

    #[test]
    fn reads_arrays_and_documents() {
        let file = ModelFile::parse(&tiny_file(0)).expect("valid file");
        let w = file.array("w", &[1, 2]).expect("array w");
        assert_eq!(w.data, vec![1.5, -2.0]);
        let d: serde_json::Value = file.document("d").expect("document d");
        assert_eq!(d["a"], 1);
        assert!(matches!(
            file.array("w", &[2, 1]),
            Err(ModelError::Shape { .. })
        ));
        assert!(matches!(file.array("x", &[1]), Err(ModelError::Missing(_))));
    }

    #[test]
    fn refuses_corruption_and_truncation() {
        assert!(matches!(
            ModelFile::parse(&tiny_file(1)),
            Err(ModelError::Checksum { .. })
        ));
        let mut bytes = tiny_file(0);
        bytes.truncate(20);
        assert!(ModelFile::parse(&bytes).is_err());
        assert!(ModelFile::parse(&[]).is_err());
    }

    #[test]
    fn fnv_matches_published_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
