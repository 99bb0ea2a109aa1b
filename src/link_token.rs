//! The shape of a token carried in a link (mailed links, share links, calendar feeds):
//! 64 hexadecimal digits, as `server::tokens::issue` makes them. Checked before any lookup
//! (a malformed token is unknown without asking the database) and by pages that show a
//! token from their address.

/// A link made for its creator and shown once (a share link, a calendar feed link) reaches a
/// browser without JavaScript through the address of the page it was made on: the server
/// function redirects there with the token in this query parameter, and the page shows it
/// again only after the server checked it is a link of that page made by the caller less
/// than [`SHOWN_AGAIN_SECONDS`] ago — any other token in an address shows nothing.
pub const SHOWN_ONCE_PARAMETER: &str = "lien";

/// How long after its making a link is shown again from [`SHOWN_ONCE_PARAMETER`] (seconds).
pub const SHOWN_AGAIN_SECONDS: i64 = 10 * 60;

/// The address of `page` showing the new link `token` once (see [`SHOWN_ONCE_PARAMETER`]).
pub fn shown_once(page: &str, token: &str) -> String {
    format!("{page}?{SHOWN_ONCE_PARAMETER}={token}")
}

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
