//! The rules of moving a customer by hand from one tier to another: a move needs a reason,
//! and a customer cannot move to the tier it is in. (The sign-off a move into the top tier
//! waits for is in `signoff`.)

/// Why a tier move is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoveProblem {
    /// The reason is blank.
    ReasonRequired,
    /// The customer is already in this tier (its code).
    SameTier(String),
}

/// The reason as it is recorded (trimmed), or the problem if there is none.
pub fn move_reason(reason: &str) -> Result<&str, MoveProblem> {
    let reason = reason.trim();
    if reason.is_empty() { Err(MoveProblem::ReasonRequired) } else { Ok(reason) }
}

/// Whether a customer in tier `from` may move to `to` (both codes as the scheme spells them).
pub fn check_new_tier(from: &str, to: &str) -> Result<(), MoveProblem> {
    if from == to { Err(MoveProblem::SameTier(to.to_string())) } else { Ok(()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[rstest::rstest]
    #[case("", Err(MoveProblem::ReasonRequired))]
    #[case(" \t\n", Err(MoveProblem::ReasonRequired))]
    #[case("  bigger orders ", Ok("bigger orders"))]
    fn a_move_needs_a_reason(#[case] typed: &str, #[case] want: Result<&str, MoveProblem>) {
        assert_eq!(move_reason(typed), want);
    }

    #[test]
    fn a_customer_cannot_move_to_its_own_tier() {
        assert_eq!(check_new_tier("B", "B"), Err(MoveProblem::SameTier("B".into())));
        assert_eq!(check_new_tier("B", "A"), Ok(()));
    }
}
