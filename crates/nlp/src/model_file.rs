//! The model file: named float32 arrays and JSON documents in one checksummed container.
//!
//! The format is written by `scripts/export_model.py` and described in `data/model/README.md`.
//! Parsing only indexes the sections; an array is converted to `f32`s the first time a part asks
//! for it (each part asks once, and the parts load on several threads), and a document is
//! deserialised straight from the file's bytes.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;
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

/// An array section: where its payload lies, converted on first use.
#[derive(Debug)]
struct LazyArray {
    shape: Vec<usize>,
    payload: Range<usize>,
    array: OnceLock<Array>,
}

/// Every section of a model file, by name.
#[derive(Debug, Default)]
pub struct ModelFile<'a> {
    bytes: Cow<'a, [u8]>,
    arrays: HashMap<String, LazyArray>,
    documents: HashMap<String, Range<usize>>,
}

impl ModelFile<'static> {
    /// Read and parse a model file from disk.
    pub fn open(path: &std::path::Path) -> Result<Self, ModelError> {
        let bytes = std::fs::read(path).map_err(|source| ModelError::Io {
            path: path.display().to_string(),
            source,
        })?;
        let (body, stored) = split_checksum(&bytes)?;
        let computed = fnv1a64(body);
        if stored != computed {
            return Err(ModelError::Checksum { stored, computed });
        }
        let body_len = body.len();
        let mut bytes = bytes;
        bytes.truncate(body_len);
        ModelFile::index(Cow::Owned(bytes))
    }
}

impl<'a> ModelFile<'a> {
    /// Parse a whole model file, checking magic, version and checksum first.
    pub fn parse(bytes: &'a [u8]) -> Result<Self, ModelError> {
        let (body, stored) = split_checksum(bytes)?;
        let computed = fnv1a64(body);
        if stored != computed {
            return Err(ModelError::Checksum { stored, computed });
        }
        Self::index(Cow::Borrowed(body))
    }

    /// Parse the model file built into the binary without recomputing its checksum: those bytes
    /// are part of the executable and a test checks their checksum, while the checksum is a
    /// byte-at-a-time hash that costs a sixth of the model's load time. Magic, version, section
    /// bounds and shapes are still checked.
    pub fn parse_bundled(bytes: &'a [u8]) -> Result<Self, ModelError> {
        let (body, _) = split_checksum(bytes)?;
        Self::index(Cow::Borrowed(body))
    }

    /// The table of sections of a checked body (the file without its checksum).
    fn index(bytes: Cow<'a, [u8]>) -> Result<Self, ModelError> {
        let mut r = Reader {
            bytes: &bytes,
            at: 0,
        };
        if r.take(8)? != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let version = r.u32()?;
        if version != FORMAT_VERSION {
            return Err(ModelError::Version { found: version });
        }
        let count = r.u32()?;
        let mut arrays = HashMap::with_capacity(count as usize);
        let mut documents = HashMap::new();
        for _ in 0..count {
            match read_section(&mut r)? {
                Section::Array(name, array) => {
                    arrays.insert(name, array);
                }
                Section::Document(name, range) => {
                    documents.insert(name, range);
                }
            }
        }
        Ok(ModelFile {
            bytes,
            arrays,
            documents,
        })
    }

    /// The array `name`, checked against the expected shape.
    pub fn array(&self, name: &str, expected: &[usize]) -> Result<&Array, ModelError> {
        let lazy = self
            .arrays
            .get(name)
            .ok_or_else(|| ModelError::Missing(name.to_string()))?;
        if lazy.shape != expected {
            return Err(ModelError::Shape {
                name: name.to_string(),
                found: lazy.shape.clone(),
                expected: expected.to_vec(),
            });
        }
        Ok(self.convert(lazy))
    }

    /// The array `name` whatever its shape (the caller reads the dimensions from it).
    pub fn array_any(&self, name: &str) -> Result<&Array, ModelError> {
        self.arrays
            .get(name)
            .map(|lazy| self.convert(lazy))
            .ok_or_else(|| ModelError::Missing(name.to_string()))
    }

    fn convert<'s>(&'s self, lazy: &'s LazyArray) -> &'s Array {
        lazy.array.get_or_init(|| Array {
            shape: lazy.shape.clone(),
            data: f32s(&self.bytes[lazy.payload.clone()]),
        })
    }

    /// The JSON document `name`, deserialised.
    pub fn document<T: serde::de::DeserializeOwned>(&self, name: &str) -> Result<T, ModelError> {
        let range = self
            .documents
            .get(name)
            .ok_or_else(|| ModelError::Missing(name.to_string()))?;
        serde_json::from_slice(&self.bytes[range.clone()]).map_err(|source| ModelError::Json {
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

/// The body of a model file and the checksum stored after it.
fn split_checksum(bytes: &[u8]) -> Result<(&[u8], u64), ModelError> {
    let body_len = bytes
        .len()
        .checked_sub(8)
        .ok_or(ModelError::Truncated(bytes.len()))?;
    let (body, stored) = bytes.split_at(body_len);
    let stored = stored
        .try_into()
        .map_err(|_| ModelError::Truncated(body_len))?;
    Ok((body, u64::from_le_bytes(stored)))
}

enum Section {
    Array(String, LazyArray),
    Document(String, Range<usize>),
}

fn read_section(r: &mut Reader) -> Result<Section, ModelError> {
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
    let start = r.at;
    r.take(len)?;
    let payload = start..r.at;
    match kind {
        0 => {
            let count = shape
                .iter()
                .try_fold(1usize, |n, &d| n.checked_mul(d))
                .and_then(|n| n.checked_mul(4));
            if count != Some(len) {
                return Err(ModelError::Section {
                    name,
                    reason: format!("{len} bytes for shape {shape:?}"),
                });
            }
            let array = OnceLock::new();
            Ok(Section::Array(
                name,
                LazyArray {
                    shape,
                    payload,
                    array,
                },
            ))
        }
        1 => Ok(Section::Document(name, payload)),
        other => Err(ModelError::Section {
            name,
            reason: format!("unknown kind {other}"),
        }),
    }
}

/// Little-endian float32s; `payload`'s length is a multiple of 4 (checked when indexed).
fn f32s(payload: &[u8]) -> Vec<f32> {
    payload
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect()
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
        let bytes = tiny_file(0);
        let file = ModelFile::parse(&bytes).expect("valid file");
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
    fn bundled_parsing_skips_only_the_checksum() {
        let bytes = tiny_file(1);
        let file = ModelFile::parse_bundled(&bytes).expect("checksum not recomputed");
        assert_eq!(file.array_any("w").expect("array w").data, vec![1.5, -2.0]);
        let mut bad_magic = tiny_file(0);
        bad_magic[0] = b'X';
        assert!(matches!(
            ModelFile::parse_bundled(&bad_magic),
            Err(ModelError::BadMagic)
        ));
        let mut truncated = tiny_file(0);
        truncated.truncate(30);
        assert!(ModelFile::parse_bundled(&truncated).is_err());
    }

    #[test]
    fn refuses_a_payload_that_does_not_fit_its_shape() {
        let mut bytes = tiny_file(0);
        // The array's first dimension, 1 → 3: 8 bytes no longer hold 3 × 2 floats.
        bytes[21] = 3;
        bytes.truncate(bytes.len() - 8);
        let sum = fnv1a64(&bytes);
        bytes.extend(sum.to_le_bytes());
        assert!(matches!(
            ModelFile::parse(&bytes),
            Err(ModelError::Section { .. })
        ));
    }

    #[test]
    fn opens_a_file_from_disk() {
        let path = std::env::temp_dir().join(format!("fpm-test-{}.fpm", std::process::id()));
        std::fs::write(&path, tiny_file(0)).expect("write temp file");
        let file = ModelFile::open(&path);
        let _ = std::fs::remove_file(&path);
        let file = file.expect("valid file");
        assert_eq!(
            file.array("w", &[1, 2]).expect("array w").data,
            vec![1.5, -2.0]
        );
        assert_eq!(file.array_names(), vec!["w"]);
    }

    #[test]
    fn fnv_matches_published_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
