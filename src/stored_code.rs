//! Enumerations kept in the database as text codes ("idea", "submitted", "fr"…) read back
//! with `TryFrom`: a code the program does not know is an error that names the kind and the
//! code ([`UnknownCode`]), never a silent default. Shared by server and browser (the types
//! are); on the server each such type is also `sqlx::Decode` through `TryFrom` (a row field
//! of that type reads its code column), and an `UnknownCode` fails the row's reading
//! (`sqlx::Error::ColumnDecode`, or `Decode` through `From`), is logged by
//! `AppError::from(sqlx::Error)` and answers "internal error".
//!
//! (`#[sqlx(try_from = "String")]` would lose the error's text: the derive's error
//! specialisation answers "unprintable error" for it, so these types decode themselves.)

/// A stored code no variant of `kind` has.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} {code:?} stored in the database")]
pub struct UnknownCode {
    /// What the code names ("maturity", "fiche state"…).
    pub kind: &'static str,
    pub code: String,
}

/// `TryFrom<&str>` and `TryFrom<String>` for an enumeration with
/// `fn parse(&str) -> Option<Self>`, failing with [`UnknownCode`] of `kind`; on the server,
/// `sqlx::Type` and `sqlx::Decode` (as TEXT) through them.
macro_rules! stored_code {
    ($ty:ty, $kind:literal) => {
        impl TryFrom<&str> for $ty {
            type Error = $crate::stored_code::UnknownCode;

            fn try_from(code: &str) -> Result<$ty, $crate::stored_code::UnknownCode> {
                <$ty>::parse(code).ok_or_else(|| $crate::stored_code::UnknownCode {
                    kind: $kind,
                    code: code.to_string(),
                })
            }
        }

        impl TryFrom<String> for $ty {
            type Error = $crate::stored_code::UnknownCode;

            fn try_from(code: String) -> Result<$ty, $crate::stored_code::UnknownCode> {
                <$ty>::try_from(code.as_str())
            }
        }

        /// Stored as its code (TEXT).
        #[cfg(feature = "ssr")]
        impl sqlx::Type<sqlx::Any> for $ty {
            fn type_info() -> sqlx::any::AnyTypeInfo {
                <String as sqlx::Type<sqlx::Any>>::type_info()
            }

            fn compatible(ty: &sqlx::any::AnyTypeInfo) -> bool {
                <String as sqlx::Type<sqlx::Any>>::compatible(ty)
            }
        }

        /// Read with `TryFrom<&str>`: an unknown code fails the column's decoding with the
        /// [`UnknownCode`]($crate::stored_code::UnknownCode) naming it.
        #[cfg(feature = "ssr")]
        impl<'r> sqlx::Decode<'r, sqlx::Any> for $ty {
            fn decode(value: sqlx::any::AnyValueRef<'r>) -> Result<$ty, sqlx::error::BoxDynError> {
                let code = <&str as sqlx::Decode<'r, sqlx::Any>>::decode(value)?;
                Ok(<$ty>::try_from(code)?)
            }
        }
    };
}
pub(crate) use stored_code;

#[cfg(feature = "ssr")]
impl From<UnknownCode> for sqlx::Error {
    fn from(error: UnknownCode) -> sqlx::Error {
        sqlx::Error::Decode(Box::new(error))
    }
}

#[cfg(test)]
mod tests {
    use super::UnknownCode;

    /// A stored enumeration of the tests' own (the module uses no domain).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Maturity {
        Idea,
        Pilot,
    }

    impl Maturity {
        fn parse(code: &str) -> Option<Maturity> {
            match code {
                "idea" => Some(Maturity::Idea),
                "pilot" => Some(Maturity::Pilot),
                _ => None,
            }
        }
    }

    stored_code!(Maturity, "maturity");

    #[test]
    fn a_known_code_reads_and_an_unknown_one_is_an_error_naming_it() {
        assert_eq!(Maturity::try_from("pilot"), Ok(Maturity::Pilot));
        assert_eq!(Maturity::try_from(String::from("idea")), Ok(Maturity::Idea));
        let error = Maturity::try_from("prototype").expect_err("unknown");
        assert_eq!(
            error,
            UnknownCode {
                kind: "maturity",
                code: "prototype".into()
            }
        );
        assert_eq!(
            error.to_string(),
            "unknown maturity \"prototype\" stored in the database"
        );
    }
}
