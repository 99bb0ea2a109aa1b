//! The one way a page makes a resource: [`page_resource`], whose data the server writes into
//! the page as JSON and the browser reads back with [`BytesJson`].
//!
//! Why not Leptos's `Resource::new`: its codec (`codee`'s `JsonSerdeCodec`) reads the page's
//! data with `serde_json::from_str`, while server functions read their answers with
//! `serde_json::from_slice` (server_fn's `JsonEncoding`). The two are separate instances of
//! every wire type's whole deserialiser (`StrRead` and `SliceRead`), so each type a page both
//! hydrates and fetches was compiled twice into the WASM. Reading the page's data from its
//! bytes shares one instance with the server functions.

use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
use serde::{de::DeserializeOwned, Serialize};
use std::future::Future;

/// JSON written as a string (as Leptos's default codec writes it) and read from the string's
/// bytes with `serde_json::from_slice`, the server functions' own reader. Same text on the
/// wire as before; errors are `serde_json::Error`.
pub struct BytesJson;

impl<T: Serialize> Encoder<T> for BytesJson {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(value: &T) -> Result<String, serde_json::Error> {
        serde_json::to_string(value)
    }
}

impl<T: DeserializeOwned> Decoder<T> for BytesJson {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(text: &str) -> Result<T, serde_json::Error> {
        serde_json::from_slice(text.as_bytes())
    }
}

/// A page's resource (what [`page_resource`] makes).
pub type PageResource<T> = Resource<T, BytesJson>;

/// A resource as `Resource::new(source, fetcher)` makes it (not blocking: the page streams),
/// whose data crosses to the browser through [`BytesJson`].
#[track_caller]
pub fn page_resource<T, S, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> PageResource<T>
where
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    S: PartialEq + Clone + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, serde::Deserialize)]
    struct Card {
        title: String,
        places: u32,
    }

    #[test]
    fn reads_back_what_it_writes_and_refuses_what_is_not_its_type() {
        let card = Card {
            title: "Stage « voirie » \u{1F33F}".into(),
            places: 2,
        };
        let text = <BytesJson as Encoder<Card>>::encode(&card).expect("encodes");
        assert_eq!(
            text,
            serde_json::to_string(&card).expect("json"),
            "same text as before"
        );
        let back: Card = <BytesJson as Decoder<Card>>::decode(&text).expect("decodes");
        assert_eq!(back, card);
        assert!(<BytesJson as Decoder<Card>>::decode(r#"{"title":1}"#).is_err());
    }
}
