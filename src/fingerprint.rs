//! Content fingerprints: a 128-bit SipHash-1-3 of bytes (as Typst hashes
//! content), stable across runs, platforms and releases. They name what a
//! build made (the change summary), what watch saw, and the PDF's `/ID`.

use siphasher::sip128::{Hasher128, SipHasher13};
use std::hash::Hasher;

/// A fingerprint being made from several pieces.
///
/// ```
/// use folio::fingerprint::{of, Fingerprint};
/// let mut f = Fingerprint::default();
/// f.write(b"annual ");
/// f.write(b"report");
/// assert_ne!(f.finish(), of(b"annual report"), "pieces are kept apart");
/// assert_eq!(of(b"x"), of(b"x"));
/// ```
#[derive(Default)]
pub struct Fingerprint(SipHasher13);

impl Fingerprint {
    /// Adds a piece (its length too, so "ab"+"c" differs from "a"+"bc").
    pub fn write(&mut self, bytes: &[u8]) {
        self.0.write_usize(bytes.len());
        self.0.write(bytes);
    }

    /// The fingerprint of everything written.
    pub fn finish(&self) -> u128 {
        self.0.finish128().as_u128()
    }
}

/// The fingerprint of one piece of bytes.
pub fn of(bytes: &[u8]) -> u128 {
    let mut f = Fingerprint::default();
    f.write(bytes);
    f.finish()
}
