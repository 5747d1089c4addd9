//! How the reader's enums are spelled in the database: exactly as serde spells them
//! (`zh`, `Hant`, `article`, `joined_break`), so the database and the JSON agree.

use crate::error::{Result, StoreError};
use serde::{de::DeserializeOwned, Serialize};

/// The serde name of a unit enum variant.
pub fn code<T: Serialize>(value: &T) -> Result<String> {
    match serde_json::to_value(value)? {
        serde_json::Value::String(s) => Ok(s),
        other => Err(StoreError::Range(format!("not a unit variant: {other}"))),
    }
}

/// The enum value a stored code names.
pub fn parse<T: DeserializeOwned>(code: &str) -> Result<T> {
    Ok(serde_json::from_value(serde_json::Value::String(
        code.to_owned(),
    ))?)
}

/// A byte offset or count as SQLite's integer.
pub fn int(n: usize) -> Result<i64> {
    i64::try_from(n).map_err(|_| StoreError::Range(format!("{n} does not fit in i64")))
}

/// A stored integer as an offset or count.
pub fn uint(n: i64) -> Result<usize> {
    usize::try_from(n).map_err(|_| StoreError::Range(format!("{n} is not a valid offset")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use readout_text::{Lang, RepairKind, Script};

    #[test]
    fn codes_follow_serde_names_and_round_trip() {
        assert_eq!(code(&Lang::Zh).unwrap(), "zh");
        assert_eq!(code(&Script::Hant).unwrap(), "Hant");
        assert_eq!(code(&RepairKind::JoinedBreak).unwrap(), "joined_break");
        assert_eq!(parse::<Script>("Hans").unwrap(), Script::Hans);
        assert!(parse::<Lang>("klingon").is_err());
    }
}
