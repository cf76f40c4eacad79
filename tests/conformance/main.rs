//! The store conformance suite: the behaviour every storage engine must have (the due
//! query, the audit log, undo, the imports' all-or-nothing, busy handling, dates written by
//! hand), written once as functions generic over `Engine` and run against each engine.
//!
//! Why a test crate and not a module of the library: the suite is test code (it panics on
//! failure, uses temp dirs and the engines' own shells), so it stays out of the shipped
//! library and needs no feature flag; it reaches the store only through its public
//! interface, as the app does, so an engine that passes it serves the app. A new engine is
//! one `impl Engine` in `engine.rs` (or a file of its own, as `postgres.rs`) and one line at
//! the bottom of this file: no test is copied.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

#[path = "../common/pg.rs"]
mod pg;

mod audit;
mod busy;
mod calendar;
mod due;
mod due_head;
mod engine;
mod follow_up_transfer;
mod import;
mod indicators;
mod moving;
mod notes;
mod payments;
mod people;
mod refs;
mod search;
mod temperament;
mod undo;

/// Every test of the suite, as `#[test]` functions for one engine.
macro_rules! conformance_tests {
    ($engine:ty) => {
        use $crate::{
            audit, busy, due, follow_up_transfer, import, indicators, moving, notes, payments, people, refs, search,
            temperament, undo,
        };

        #[test]
        fn search_finds_a_customer_by_what_it_is_called_now() {
            search::a_customer_is_found_by_what_it_is_called_now::<$engine>();
        }
        #[test]
        fn search_finds_an_undone_rename_by_the_old_name_again() {
            search::an_undone_rename_is_found_by_the_old_name_again::<$engine>();
        }
        #[test]
        fn search_keys_handed_over_are_those_of_the_fields() {
            search::the_keys_handed_over_are_those_of_the_fields::<$engine>();
        }

        #[test]
        fn contacts_with_a_known_uuid_are_skipped() {
            moving::contacts_with_a_known_uuid_are_skipped::<$engine>();
        }
        #[test]
        fn export_all_writes_every_section_with_references_by_uuid() {
            moving::export_all_writes_every_section_with_references_by_uuid::<$engine>();
        }
        #[test]
        fn a_temperament_is_written_read_changed_cleared_and_logged() {
            temperament::a_temperament_is_written_read_changed_cleared_and_logged::<$engine>();
        }
        #[test]
        fn a_temperament_set_since_an_edit_began_refuses_the_edit() {
            temperament::a_temperament_set_since_an_edit_began_refuses_the_edit::<$engine>();
        }
        #[test]
        fn references_starting_with_a_prefix_are_found() {
            refs::references_starting_with_a_prefix_are_found::<$engine>();
        }
        #[test]
        fn references_of_customers_not_seen_count_too() {
            refs::references_of_customers_not_seen_count_too::<$engine>();
        }

        #[test]
        fn due_list_of_a_small_book_is_as_worked_out_by_hand() {
            due::the_due_list_of_a_small_book_is_as_worked_out_by_hand::<$engine>();
        }
        #[test]
        fn the_start_of_the_list_is_its_first_items() {
            due::the_start_of_the_list_is_its_first_items::<$engine>();
        }
        #[test]
        fn the_start_of_a_long_list_is_its_first_items_for_everyone_and_each_owner() {
            $crate::due_head::the_start_of_a_long_list_is_its_first_items_for_everyone_and_each_owner::<$engine>();
        }
        #[test]
        fn a_snooze_holds_an_item_until_its_date() {
            due::a_snooze_holds_an_item_until_its_date::<$engine>();
        }
        #[test]
        fn a_follow_up_is_read_by_its_id() {
            due::a_follow_up_is_read_by_its_id::<$engine>();
        }
        #[test]
        fn due_rows_carry_the_region() {
            due::due_rows_carry_the_region::<$engine>();
        }
        #[test]
        fn logging_a_contact_moves_the_due_date() {
            due::logging_a_contact_moves_the_due_date::<$engine>();
        }
        #[test]
        fn customers_contacted_today_are_worked_out_from_all_their_contacts() {
            due::customers_contacted_today_are_worked_out_from_all_their_contacts::<$engine>();
        }
        #[test]
        fn every_write_path_leaves_an_entry_in_the_audit_log() {
            audit::every_write_path_leaves_an_entry_in_the_audit_log::<$engine>();
        }
        #[test]
        fn the_audit_log_refuses_update_and_delete() {
            audit::the_audit_log_refuses_update_and_delete::<$engine>();
        }
        #[test]
        fn undo_of_the_last_change_restores_the_records() {
            undo::undo_of_the_last_change_restores_the_records::<$engine>();
        }
        #[test]
        fn undo_walks_back_this_sessions_changes_only() {
            undo::undo_walks_back_this_sessions_changes_only::<$engine>();
        }
        #[test]
        fn undo_is_refused_when_someone_changed_the_records_since() {
            undo::undo_is_refused_when_someone_changed_the_records_since::<$engine>();
        }
        #[test]
        fn follow_ups_go_out_and_come_back_once() {
            follow_up_transfer::follow_ups_go_out_and_come_back_once::<$engine>();
        }
        #[test]
        fn a_follow_ups_import_with_one_bad_row_writes_nothing() {
            follow_up_transfer::a_follow_ups_import_with_one_bad_row_writes_nothing::<$engine>();
        }
        #[test]
        fn a_contacts_import_with_one_bad_row_writes_nothing() {
            import::a_contacts_import_with_one_bad_row_writes_nothing::<$engine>();
        }
        #[test]
        fn a_customers_import_failing_on_its_last_row_writes_nothing() {
            import::a_customers_import_failing_on_its_last_row_writes_nothing::<$engine>();
        }
        #[test]
        fn two_imports_of_one_file_at_once_do_not_duplicate() {
            import::two_imports_of_one_file_at_once_do_not_duplicate::<$engine>();
        }
        #[test]
        fn a_held_write_lock_gives_busy_not_a_damaged_book() {
            busy::a_held_write_lock_gives_busy_not_a_damaged_book::<$engine>();
        }
        #[test]
        fn a_bad_date_written_by_hand_is_named_with_its_row() {
            busy::a_bad_date_written_by_hand_is_named_with_its_row::<$engine>();
        }
        #[test]
        fn the_same_indicator_value_twice_in_one_call_keeps_the_later() {
            indicators::the_same_value_twice_in_one_call_keeps_the_later::<$engine>();
        }
        #[test]
        fn an_indicator_value_for_no_customer_is_refused_naming_it() {
            indicators::a_value_for_no_customer_is_refused_naming_it::<$engine>();
        }
        #[test]
        fn the_signed_in_person_and_colleagues_are_people() {
            people::the_signed_in_person_and_colleagues_are_people::<$engine>();
        }
        #[test]
        fn every_list_shows_the_owners_asked_for() {
            people::every_list_shows_the_owners_asked_for::<$engine>();
        }
        #[test]
        fn notes_search_finds_substrings_newest_first() {
            notes::notes_search_finds_substrings_newest_first::<$engine>();
        }
        #[test]
        fn the_notes_index_follows_every_write_and_is_not_logged() {
            notes::the_notes_index_follows_every_write_and_is_not_logged::<$engine>();
        }
        #[test]
        fn a_late_payment_is_recorded_logged_and_undone() {
            payments::a_late_payment_is_recorded_logged_and_undone::<$engine>();
        }
        #[test]
        fn the_window_s_contacts_and_ticked_off_follow_ups_are_read() {
            $crate::calendar::the_window_s_contacts_and_ticked_off_follow_ups_are_read::<$engine>();
        }
    };
}

mod sqlite {
    conformance_tests!(crate::engine::Sqlite);
}

/// The team book: skipped (loudly) where no PostgreSQL answers at `TIERDESK_TEST_PG`,
/// never under `.ci/with-pg` (`TIERDESK_REQUIRE_PG=1`).
mod postgres {
    conformance_tests!(crate::engine::Postgres);
}
