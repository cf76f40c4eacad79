//! The bindable verbs. Keys resolve to these through the keymap; screens act on them.
//! Each action has a stable name (used in keymap files) and a label (help texts).

use crate::i18n::Lang;

macro_rules! actions {
    ($($variant:ident => $name:literal, $zh:literal, $en:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action { $($variant,)* }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The name used in keymap files.
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name,)* }
            }

            pub fn from_name(name: &str) -> Option<Action> {
                match name { $($name => Some(Action::$variant),)* _ => None }
            }

            /// What the action does, for the help bar and the `?` overlay.
            pub fn label(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Action::$variant, Lang::Zh) => $zh, (Action::$variant, Lang::En) => $en,)*
                }
            }
        }
    };
}

actions! {
    Quit => "quit", "退出", "quit";
    ForceQuit => "force_quit", "立即退出", "quit now";
    Help => "help", "按键说明", "keys";
    Refresh => "refresh", "重新读取账本", "reload from the book";
    Up => "up", "上移", "up";
    Down => "down", "下移", "down";
    PageUp => "page_up", "上一页", "page up";
    PageDown => "page_down", "下一页", "page down";
    Top => "top", "到顶", "first";
    Bottom => "bottom", "到底", "last";
    FocusLeft => "focus_left", "左栏", "left pane";
    FocusRight => "focus_right", "右栏", "right pane";
    SwitchPane => "switch_pane", "切换栏", "switch pane";
    Open => "open", "打开", "open";
    Back => "back", "返回", "back";
    SortByName => "sort_by_name", "按名称排序", "sort by name";
    SortByLastContact => "sort_by_last_contact", "按上次联系排序", "sort by last contact";
    SortByNextDue => "sort_by_next_due", "按下次应联系排序", "sort by next due";
    SortByDaysLeft => "sort_by_days_left", "按剩余天数排序", "sort by days left";
    AddCustomer => "add_customer", "新增客户", "add customer";
    LogContact => "log_contact", "记录联系", "log contact";
    LogAndAdvance => "log_and_advance", "记录并下一条", "log and next";
    Snooze => "snooze", "延后", "snooze";
    MarkDone => "mark_done", "标记完成", "mark done";
    Reschedule => "reschedule", "改期", "reschedule";
    DeleteItem => "delete_item", "删除所选记录", "delete selected record";
    ShowToday => "show_today", "今日待办", "today";
    ShowCustomers => "show_customers", "客户列表", "customers";
    ShowFollowUps => "show_follow_ups", "跟进事项", "follow-ups";
    CycleFilter => "cycle_filter", "切换筛选", "change filter";
    ToggleOwners => "toggle_owners", "我的/全部", "mine / everyone";
    Assess => "assess", "风险评估问卷", "risk questionnaire";
    Search => "search", "查找客户", "find";
    SearchNotes => "search_notes", "在笔记中查找", "search notes";
    Import => "import", "导入表格", "import a spreadsheet";
    ShowMatrix => "show_matrix", "级别×风险矩阵", "tier x risk matrix";
    ShowReport => "show_report", "联系覆盖报告", "coverage report";
    OptionUp => "option_up", "上一个选项", "previous option";
    OptionDown => "option_down", "下一个选项", "next option";
    Choose => "choose", "选定", "choose";
    ToggleOption => "toggle_option", "勾选/取消", "tick / untick";
    NextQuestion => "next_question", "下一题", "next question";
    PrevQuestion => "prev_question", "上一题", "previous question";
    FinishInterview => "finish", "检查并保存", "review and save";
    LeaveInterview => "leave", "离开（可存草稿）", "leave (keep a draft)";
    Dismiss => "dismiss", "关闭", "close";
    EditCustomer => "edit_customer", "编辑客户", "edit customer";
    DeleteCustomer => "delete_customer", "删除客户", "delete customer";
    NextField => "next_field", "下一项", "next field";
    PrevField => "prev_field", "上一项", "previous field";
    Submit => "submit", "确认/下一项", "next / save on last";
    Save => "save", "保存", "save";
    Cancel => "cancel", "取消", "cancel";
    PickPrev => "pick_prev", "上一个选项", "previous choice";
    PickNext => "pick_next", "下一个选项", "next choice";
    PlusDay => "plus_day", "+1 天", "+1 day";
    PlusThreeDays => "plus_three_days", "+3 天", "+3 days";
    PlusWeek => "plus_week", "+1 周", "+1 week";
    PlusMonth => "plus_month", "+1 个月", "+1 month";
    CursorLeft => "cursor_left", "光标左移", "cursor left";
    CursorRight => "cursor_right", "光标右移", "cursor right";
    LineStart => "line_start", "到行首", "line start";
    LineEnd => "line_end", "到行尾", "line end";
    DeleteBack => "delete_back", "删除前一字", "delete back";
    DeleteForward => "delete_forward", "删除后一字", "delete forward";
    ClearField => "clear_field", "清空", "clear field";
    ChangeTier => "change_tier", "调整级别", "change tier";
    ApproveTier => "approve_tier", "审批升级", "sign off tier";
    ShowHistory => "show_history", "变更记录", "history";
    ShowBrief => "show_brief", "拜访简报", "visit brief";
    Undo => "undo", "撤销上一步", "undo last change";
    ShowReview => "show_review", "级别复核", "tier review";
    EditIndicators => "edit_indicators", "录入指标值", "indicator values";
    ReportByPerson => "report_by_person", "按人员/级别", "per person / tier";
    HandOver => "hand_over", "移交给同事", "hand over";
    RecordLatePayment => "record_late_payment", "记录逾期付款", "record a late payment";
    SetTemperament => "set_temperament", "顾客类型", "temperament";
    FilterReason => "filter_reason", "按事由筛选", "filter by reason";
    FilterTier => "filter_tier", "按级别筛选", "filter by tier";
    FilterRegion => "filter_region", "按地区筛选", "filter by region";
    ShowWeek => "show_week", "未来一周", "week ahead";
    PlanMode => "plan_mode", "今日计划", "morning plan";
    ShowPool => "show_pool", "团队公海", "team pool";
    ClaimCustomer => "claim_customer", "领取客户", "claim customer";
    PinCustomer => "pin_customer", "锁定/解除锁定（主管）", "pin / unpin (a lead)";
    AcceptSuggestion => "accept", "采纳此条", "accept this one";
    AcceptAll => "accept_all", "采纳全部可生效的", "accept all that apply";
    SkipSuggestion => "skip", "跳过", "skip";
    Yes => "yes", "确定", "yes";
    No => "no", "取消", "no";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        let mut names: Vec<_> = Action::ALL.iter().map(|a| a.name()).collect();
        for a in Action::ALL {
            assert_eq!(Action::from_name(a.name()), Some(*a));
        }
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Action::ALL.len());
    }
}
