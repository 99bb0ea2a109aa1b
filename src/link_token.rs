//! The shape of a token carried in a link (mailed links, share links, calendar feeds):
//! 64 hexadecimal digits, as `server::tokens::issue` makes them. Checked before any lookup
//! (a malformed token is unknown without asking the database) and by pages that show a
//! token from their address.

/// Length of a token: 32 random bytes in hex.
pub const TOKEN_CHARS: usize = 64;

/// Whether `token` has a token's shape ([`TOKEN_CHARS`] hexadecimal digits).
pub fn well_formed(token: &str) -> bool {
    token.len() == TOKEN_CHARS && token.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::well_formed;

    #[test]
    fn only_sixty_four_hex_digits_are_a_token() {
        assert!(well_formed(&"a1".repeat(32)));
        assert!(!well_formed(&"a1".repeat(31)));
        assert!(!well_formed(&"g1".repeat(32)));
        assert!(!well_formed(&format!("{}/", "a".repeat(63))));
        assert!(!well_formed(""));
    }
}
