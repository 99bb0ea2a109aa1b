//! Tokens mailed in links: 32 random bytes in hex, stored only as their SHA-256 (hex), so a
//! copy of the database opens nothing.

use rand::RngCore;
use sha2::{Digest, Sha256};

/// The SHA-256 of `token`, in hex: what is stored and looked up.
pub fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A new random token and its digest.
pub fn issue() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    let hash = digest(&token);
    (token, hash)
}
