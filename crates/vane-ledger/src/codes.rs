//! The codes under which SQL stores keep enumerations and dates: one
//! definition for SQLite and PostgreSQL, so that both write (and read back)
//! the same values.

use crate::StoreError;
use vane_core::{Date, StatementKind};

/// Question items: aliases, terms and the example sentences of each side.
pub const ITEM_ALIAS: &str = "alias";
pub const ITEM_TERM: &str = "term";
pub const ITEM_SUPPORT: &str = "support";
pub const ITEM_OPPOSE: &str = "oppose";

/// A statement kind's stored code.
pub fn kind_code(k: StatementKind) -> &'static str {
    // Not `as_str`: that maps Turn to "direct", which would not round-trip.
    match k {
        StatementKind::Direct => "direct",
        StatementKind::Partial => "partial",
        StatementKind::Indirect => "indirect",
        StatementKind::Action => "action",
        StatementKind::Turn => "turn",
    }
}

/// The statement kind of a stored code.
pub fn parse_kind(s: &str) -> Option<StatementKind> {
    Some(match s {
        "direct" => StatementKind::Direct,
        "partial" => StatementKind::Partial,
        "indirect" => StatementKind::Indirect,
        "action" => StatementKind::Action,
        "turn" => StatementKind::Turn,
        _ => return None,
    })
}

/// A stored day number (days from the common era) as a date; `context`
/// names the row for the error.
pub fn date(days: i64, context: &dyn Fn() -> String) -> Result<Date, StoreError> {
    i32::try_from(days)
        .ok()
        .and_then(Date::from_num_days_from_ce_opt)
        .ok_or_else(|| StoreError::corrupt(context(), format!("day number {days} is not a date")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for k in [
            StatementKind::Direct,
            StatementKind::Partial,
            StatementKind::Indirect,
            StatementKind::Action,
            StatementKind::Turn,
        ] {
            assert_eq!(parse_kind(kind_code(k)), Some(k));
        }
        assert_eq!(parse_kind("sung"), None);
    }

    #[test]
    fn day_numbers_out_of_range_are_corrupt_rows() {
        assert!(date(739_000, &|| "row".into()).is_ok());
        assert!(date(i64::MAX, &|| "row".into()).is_err());
    }
}
