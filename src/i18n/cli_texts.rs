//! The command line's own words (reports, histories, confirmations), in both languages.
//! The UI's table (`T`) holds what the screens say; a text both say is taken from there.

use super::{Lang, T};

texts! { C:
    // `tierdesk report`
    ReportTitle => "联系覆盖报告，截至 {}（{}）", "Coverage report as of {} ({})";
    Within => "按期联系", "Within cadence";
    ReportNotes => "按期联系：最近一次联系在“起算日”当天或之后；起算日是截至今天、该级别一个联系周期的第一天（恰好一个周期前联系过的客户今天到期，不算逾期）。\n未到期新客：此后才建档、尚未联系的客户；不计入覆盖率。\n覆盖率 = 按期联系 ÷（客户数 − 未到期新客）；没有应联系的客户时显示“–”。\n逾期：下次应联系日期早于今天，与今日待办一致。\n", "Within cadence: the latest contact is on or after Since, the first day of the tier's own cadence\nending today (a customer contacted exactly one cadence ago is due today, not late).\nNot yet due: taken on since then and not contacted yet; left out of the share.\nShare = within cadence / (customers - not yet due); \"–\" when nobody is due.\nOverdue: the next due date is before today, as on the Today screen.\n";
    WeeksTitle => "每周联系次数，{} 至 {}（共 {} 次；最后一周截至今天）：", "Contacts per week, {} to {} ({} in all; the last week so far):";
    WeekOf => "当周周一", "Week of";
    ContactsCount => "联系次数", "Contacts";
    // `tierdesk history`
    HistoryHead => "{}（#{}），现为 {} 级", "{} (#{}), tier {} now";
    AuditHead => "{}（#{}）：共 {} 条，最新的在前", "{} (#{}): {} entries, newest first";
    UndoneByChange => "  （已被第 {} 次修改撤销）", "  (undone by change {})";
    UndoOfChange => "  （撤销第 {} 次修改）", "  (undo of change {})";
    ColWhen => "时间", "when";
    ColFrom => "原级别", "from";
    ColTo => "新级别", "to";
    ColBy => "操作人", "by";
    ColWhy => "原因", "why";
    ColSignOff => "审批", "sign-off";
    SignedOffBy => "已由 {} 审批", "signed off by {}";
    Awaiting => "待审批", "awaiting";
    Created => "（建档）", "(created)";
    // `tierdesk tier` and `approve`
    TierMoved => "{}：{} → {}，下次应联系 {}", "{}: {} -> {}, next due {}";
    TierAwaiting => "待审批：tierdesk approve {} --by 审批人姓名", "awaiting sign-off: tierdesk approve {} --by NAME";
    Approved => "{}：{} → {} 的调整（{}）已由 {} 审批", "{}: move {} -> {} of {} signed off by {}";
}

/// A weekday's short name.
pub fn weekday(d: chrono::NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    match lang {
        Lang::Zh => ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][d.weekday().num_days_from_monday() as usize]
            .to_string(),
        Lang::En => d.format("%a").to_string(),
    }
}

/// The report's column headings, in table order.
pub fn report_header(lang: Lang) -> [&'static str; 9] {
    [
        T::ColTier.get(lang),
        T::CadenceLabel.get(lang),
        T::RepColSince.get(lang),
        T::RepColCustomers.get(lang),
        C::Within.get(lang),
        T::RepColNotYetDue.get(lang),
        T::RepColShare.get(lang),
        T::RepColOverdue.get(lang),
        T::RepColNever.get(lang),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cli_text_exists_in_both_languages_with_the_same_placeholders() {
        for c in C::ALL {
            assert!(!c.get(Lang::Zh).is_empty() && !c.get(Lang::En).is_empty(), "{c:?}");
            assert_eq!(c.get(Lang::Zh).matches("{}").count(), c.get(Lang::En).matches("{}").count(), "{c:?}");
        }
    }
}
