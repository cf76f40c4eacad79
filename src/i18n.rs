//! Every UI text in Chinese and English, in one table looked up by a typed key
//! (a misspelt key is a compile error, a missing translation cannot happen).

use std::fmt;

/// The language lives in the domain (its data, such as a tier's names, comes in both);
/// re-exported here so the text layer and its users name it as before.
pub use crate::domain::lang::Lang;

macro_rules! texts {
    // A table of its own name (the problem texts live in `problems`, with the same checks).
    ($name:ident: $($key:ident => $zh:literal, $en:literal;)*) => {
        /// A UI text; `.get(lang)` gives it in that language.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($key,)* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$key,)*];

            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$key, Lang::Zh) => $zh, ($name::$key, Lang::En) => $en,)*
                }
            }
        }

        /// Each table's own check, made with it (one table per file): both languages hold
        /// every text, with the same placeholders, so that `fill` gives the same facts in both.
        #[cfg(test)]
        mod texts_check {
            use crate::i18n::Lang;

            #[test]
            fn every_text_exists_in_both_languages_with_the_same_placeholders() {
                for t in super::$name::ALL {
                    let (zh, en) = (t.get(Lang::Zh), t.get(Lang::En));
                    assert!(!zh.is_empty() && !en.is_empty(), "{t:?}");
                    assert_eq!(zh.matches("{}").count(), en.matches("{}").count(), "{t:?} placeholders");
                }
            }
        }
    };
    ($($key:ident => $zh:literal, $en:literal;)*) => { texts! { T: $($key => $zh, $en;)* } };
}

/// A count with thousands separators, "5,005": read the same way in both languages.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
/// What went wrong, worded for people: the book's errors and import problems.
pub mod answer_problems;
pub mod app_texts;
pub mod audit;
pub mod brief_texts;
pub mod cli_texts;
pub mod dates;
pub mod day_texts;
mod fields;
pub mod grading;
pub mod import_problems;
pub mod lead_texts;
pub mod move_texts;
pub mod notes_texts;
pub mod pick_texts;
pub mod plan_texts;
pub mod pool_texts;
pub mod problems;
pub mod record_texts;
pub mod shape_texts;
pub mod suit_texts;
pub mod team_problems;
pub mod temperament_texts;
pub mod terms_texts;
pub mod tiers;
pub mod value_problems;
pub mod workbook_texts;

pub use fields::{field_label, problem_text};

/// Fill `{}` placeholders in order.
pub fn fill(template: &str, args: &[&dyn fmt::Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut args = args.iter();
    let mut rest = template;
    while let Some(i) = rest.find("{}") {
        out.push_str(&rest[..i]);
        match args.next() {
            Some(a) => out.push_str(&a.to_string()),
            None => out.push_str("{}"),
        }
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

texts! {
    AppName => "tierdesk 客户分级工作台", "tierdesk";
    Tiers => "分级", "Tiers";
    All => "全部", "All";
    Customers => "客户", "Customers";
    ColTier => "级别", "Tier";
    ColName => "名称", "Name";
    ColCompany => "公司", "Company";
    ColLastContact => "上次联系", "Last contact";
    ColNextDue => "下次应联系", "Next due";
    ColOwner => "负责人", "Owner";
    ColRisk => "风险类型", "Risk";
    SearchTitle => "查找 ({})：拼音、首字母、电话都可以；回车打开，Esc 返回", "Find ({}): names, pinyin, initials, phones; Enter opens, Esc goes back";
    SearchHint => "输入几个字母，例如 zsyh 或 zhaoshang 可找到 招商银行。", "Type a few letters: zsyh or zhaoshang find 招商银行.";
    SearchNothing => "没有匹配的客户。", "No customer matches.";
    ImportTitle => "导入表格", "Import a spreadsheet";
    ImportWhat => "导入", "Import";
    ImportFile => "文件", "File";
    ImportDuplicates => "重复时", "Duplicates";
    ImportToggle => "左右键切换", "Left/Right to change";
    ImportFileHint => "CSV 或制表符分隔文本（UTF-8、UTF-16 或 GBK）或 Excel .xlsx 文件的路径", "path of a CSV or tab-separated text (UTF-8, UTF-16 or GBK) or an Excel .xlsx";
    ImportIntro => "回车先检查文件：列出会新增、更新、跳过多少行，或每一处问题（行号、列、原因）。检查时不写入任何内容。", "Enter checks the file first: how many rows would be added, updated and skipped, or every problem (line, column, reason). Nothing is written by the check.";
    ImportPreviewOk => "Ctrl-S 导入，Esc 返回修改。", "Ctrl-S imports, Esc goes back.";
    ImportPreviewBad => "没有写入任何内容。请修改文件后按 Esc 再试。", "Nothing was written. Fix the file, then Esc and try again.";
    ImportConfirm => "现在导入吗？检查的结果：\n{}", "Import now? The check found:\n{}";
    ImportRunning => "正在处理：{}%", "Working: {}%";
    DupFail => "整个导入作废并列出重复", "refuse the import, list them";
    DupSkip => "跳过", "skip them";
    DupUpdate => "更新已有客户", "update the existing customer";
    MatrixTitle => "级别 × 风险类型", "Tier x risk category";
    MatrixCellTitle => "{} / {}：{} 位客户（Esc 返回）", "{} / {}: {} customers (Esc goes back)";
    NotAssessed => "未评估", "not assessed";
    ExpiredAssessment => "已过期", "expired";
    ReportTitle => "联系覆盖报告（截至 {}）", "Coverage report as of {}";
    RepColSince => "起算日", "Since";
    RepColCustomers => "客户数", "Customers";
    RepColWithin => "按期联系", "In cadence";
    RepColNotYetDue => "未到期新客", "Not yet due";
    RepColShare => "覆盖率", "Share";
    RepColOverdue => "逾期", "Overdue";
    RepColNever => "从未联系", "Never contacted";
    RepNoteWithin => "按期联系：最近一次联系距今不超过该级别的一个联系周期。", "In cadence: the latest contact is no older than one cadence of its tier.";
    RepNoteShare => "覆盖率 = 按期联系 ÷ 应联系的客户；尚未到期的新客户不计入。", "Share = in cadence / customers due; new customers not yet due are left out.";
    RepDistribution => "各级别客户数（{}）", "Customers per tier ({})";
    RepWeekly => "近 12 周每周联系（共 {} 次）", "Contacts per week, last 12 weeks: {}";
    RepWeekMax => "最多 {} 次（{} 当周）", "max {} (week of {})";
    RepThisWeek => "本周至今 {} 次", "this week {}";
    RepEmptyBook => "账本里还没有客户。按「{}」打开客户列表添加客户，这里就会按级别显示联系覆盖情况。", "No customers yet. Press {} for the customer list and add some; their coverage per tier will show here.";
    RepNoContacts => "近十二周没有联系记录。记录的拜访、电话和消息会按周显示在这里。", "No contacts in the last 12 weeks. Visits, calls and messages you log will show here week by week.";
    RiskSummary => "{}（{} 分，{}）", "{} ({} points, {})";
    Never => "从未", "never";
    SortedBy => "排序", "sorted by";
    SortName => "名称", "name";
    SortLastContact => "上次联系", "last contact";
    SortNextDue => "下次应联系", "next due";
    NoCustomersInTier => "这个级别还没有客户。按 {} 添加一位。", "No customers in this tier yet. Press {} to add one.";
    NoCustomersAtAll => "账本里还没有客户。按 {} 添加第一位。", "The book has no customers yet. Press {} to add the first.";
    DueToday => "今天到期", "due today";
    Profile => "资料", "Profile";
    TierHistory => "级别变更", "Tier history";
    Contacts => "联系记录", "Contacts";
    FollowUps => "跟进事项", "Follow-ups";
    EmptyTierHistory => "级别调整会记录在这里：从哪级到哪级、何时、何人、为何。", "Tier changes appear here: from, to, when, who and why.";
    EmptyContacts => "还没有联系记录。拜访、电话、消息会按日期列在这里。", "No contacts yet. Visits, calls and messages will be listed here by date.";
    EmptyFollowUps => "没有跟进事项。联系时许下的承诺会出现在这里。", "No follow-ups. Promises made during a contact will show up here.";
    FieldName => "名称", "Name";
    FieldTier => "级别", "Tier";
    FieldCompany => "公司", "Company";
    FieldContactPerson => "联系人", "Contact person";
    FieldPhone => "电话", "Phone";
    FieldEmail => "邮箱", "E-mail";
    FieldRegion => "地区", "Region";
    FieldAddress => "地址", "Address";
    FieldIndustry => "行业", "Industry";
    FieldOwner => "负责人", "Owner";
    FieldTags => "标签", "Tags";
    FieldRef => "编号", "Reference";
    FieldCreated => "创建日期", "Created";
    FieldNotes => "备注", "Notes";
    ProblemRequired => "必填", "required";
    ProblemUnknownTier => "没有这个级别，可选：{}", "no such tier; choose one of {}";
    ProblemBadEmail => "邮箱格式不对", "not a valid e-mail address";
    ProblemBadPhone => "电话号码看起来不对", "does not look like a phone number";
    ProblemBadDate => "日期无效，格式为 YYYY-MM-DD", "not a real date (YYYY-MM-DD)";
    ProblemFutureDate => "不能晚于今天", "cannot be after today";
    ProblemTooLong => "内容太长", "too long";
    CsvUnclosedQuote => "第 {} 行有一个单元格以引号开头却没有闭合，后面的行都会被当成这个单元格的内容；请补上结尾的引号，或删掉这个引号",
        "the quote that opens a cell on line {} is never closed, so every row after it would be read into that one cell; add the closing quote or remove this one";
    CsvTextAfterQuote => "第 {} 行有单元格在结尾引号后面还有文字（如 \"x\"y）；请把整个单元格放进引号里，单元格里的引号写成两个 \"\"",
        "text follows the closing quote of a cell on line {} (as in \"x\"y); put the whole cell inside the quotes, and write a quote inside a cell as \"\"";
    ProblemControlChar => "含有控制字符 {}（不可见，会扰乱终端）；请在表格里删掉它，只有备注可以换行和用制表符",
        "holds the control character {} (invisible, and it would upset a terminal); delete it in the spreadsheet: only notes may hold line breaks and tabs";
    NewCustomer => "新客户", "New customer";
    EditCustomer => "编辑客户", "Edit customer";
    FormHasProblems => "还有 {} 处需要修改，不能保存", "{} field(s) need fixing before saving";
    DiscardChanges => "放弃未保存的修改吗？", "Discard unsaved changes?";
    PasteTooLong => "没有粘贴：粘贴后这一栏会有 {} 个字，上限是 {} 个字。", "Not pasted: that makes {} characters; the limit is {}.";
    PasteNotHere => "这一栏是选出来的，不能粘贴文字。", "This field is picked, not typed: nothing was pasted.";
    QuitLosesTyped => "退出会丢掉刚输入的内容，仍要退出吗？（再按 {} 直接退出）", "Quitting throws away what you typed. Quit anyway? ({} again quits)";
    // Deleting is undone by the undo key while this session lasts (the audit log keeps the rows).
    ConfirmDelete => "删除“{}”及其 {} 条联系记录吗？（本次会话内可按 {} 撤销）", "Delete {} and their {} contacts? ({} undoes it in this session)";
    ConfirmDeleteOne => "删除“{}”及其 {} 条联系记录吗？（本次会话内可按 {} 撤销）", "Delete {} and their {} contact? ({} undoes it in this session)";
    Saved => "已保存：{}", "Saved: {}";
    Added => "已添加：{}", "Added: {}";
    AddedAwaiting => "已添加：{}，建档即为最高级，待审批（A 键审批）", "Added: {}, in the top tier: awaiting sign-off (A to sign off)";
    Deleted => "已删除：{}", "Deleted: {}";
    TodayTitle => "今日待办 {}：共 {} 项，已完成 {}，剩余 {}", "Today {}: {} items, {} done, {} left";
    ColReason => "事由", "Reason";
    ColLate => "逾期", "Late";
    ReasonCadence => "例行联系", "contact";
    ReasonFollowUp => "跟进", "follow-up";
    ReasonAssessment => "评估", "assessment";
    TodayEmpty => "今天没有待办事项。按 {} 浏览全部客户。", "Nothing is due today. Press {} to browse all customers.";
    Coverage => "联系覆盖", "Coverage";
    OnTime => "按时", "on time";
    CoverageLegend => "按时/逾期", "on time/late";
    CoverageCounting => "统计中…", "counting…";
    LateShort => "逾期", "late";
    LogContactTitle => "记录联系：{}", "Log a contact: {}";
    EditContactTitle => "修改联系记录：{}", "Edit contact: {}";
    FieldKind => "方式", "Kind";
    FieldDate => "日期", "Date";
    FieldTime => "时间", "Time";
    FieldPerson => "见到的人", "Person met";
    FieldSummary => "内容", "Summary";
    FieldOutcome => "结果", "Outcome";
    FieldFollowUp => "跟进事项", "Follow-up";
    FieldFollowUpDue => "跟进日期", "Follow-up due";
    ProblemBadTime => "时间格式为 HH:MM", "time is HH:MM";
    ProblemNeedsDue => "请填写跟进日期", "give the follow-up a due date";
    ProblemNeedsWhat => "请填写跟进内容", "say what the follow-up is";
    ProblemDueBeforeContact => "不能早于联系日期", "cannot be before the contact";
    ProblemNotAfter => "须晚于 {}", "must be after {}";
    OptionalHint => "可不填", "optional";
    RelativeHint => "或 +1d / +1w / +1m", "or +1d / +1w / +1m";
    ProblemDateRange => "超出范围（1900–2200 年）", "outside the years 1900 to 2200";
    ProblemNotAfterToday => "须晚于今天", "must be after today";
    UnreadableDates => "有 {} 处日期无法读取，相关记录已跳过：{}", "{} unreadable dates, their rows skipped: {}";
    Logged => "已记录：{} {} {}", "Logged: {} {} {}";
    ContactSaved => "联系记录已更新", "Contact updated";
    ConfirmDeleteContact => "删除 {} 与 {} 的这条联系记录吗？", "Delete this contact of {} with {}?";
    ContactDeleted => "已删除联系记录，应联系日期已重新计算", "Contact deleted; due dates recomputed";
    SnoozeTitle => "延后：{}", "Snooze: {}";
    RescheduleTitle => "改期：{}", "Reschedule: {}";
    FieldUntil => "延后到", "Until";
    FieldNewDate => "新日期", "New date";
    FieldReason => "原因", "Reason";
    Snoozed => "已延后到 {}：{}", "Snoozed to {}: {}";
    Rescheduled => "已改期到 {}：{}", "Rescheduled to {}: {}";
    WhoseMine => "我的", "Mine";
    WhoseEveryone => "全部", "Everyone";
    FollowUpsTitle => "跟进事项 | {} ({})", "Follow-ups | {} ({})";
    FilterOpen => "未完成", "open";
    FilterOverdue => "已逾期", "overdue";
    FilterDone => "已完成", "done";
    FollowUpsEmpty => "这里没有跟进事项。记录联系时可以顺手添加。", "No follow-ups here. Add one when you log a contact.";
    ColDue => "到期日", "Due";
    ColWhat => "事项", "What";
    ColStatus => "状态", "Status";
    ColCustomer => "客户", "Customer";
    DueItems => "待办", "Due now";
    NothingDue => "目前没有到期事项。", "Nothing is due right now.";
    SnoozedUntil => "延后至 {}", "snoozed to {}";
    NotForThisRow => "这一行不能这样操作", "That does not apply to this row";
    Help => "按键说明", "Keys";
    HelpClose => "{} 滚动，Esc 或 ? 关闭", "{} scroll, Esc or ? closes";
    TooSmall => "窗口太小：至少需要 {}×{}，现在是 {}×{}。请把窗口拉大。", "Window too small: needs {}×{}, now {}×{}. Please make the window larger.";
    ScopeGlobal => "全局", "Everywhere";
    ScopeList => "列表", "Lists";
    ScopeForm => "表单", "Forms";
    ScopeText => "文本输入", "Text fields";
    ScopeConfirm => "确认框", "Questions";
    ScopeInterview => "风险问卷", "Questionnaire";
    NeverAssessed => "从未做过风险评估", "never assessed";
    LastAssessed => "上次评估 {}（{}）已到期", "last assessed {} ({}), expired";
    InterviewTitle => "{}：{}", "{}: {}";
    ReviewAnswers => "核对答案", "Review";
    PickSeveral => "可多选：空格勾选，回车继续", "Tick all that apply (Space), Enter to go on";
    TickedAlone => "{}只能单选，已取消 {}", "{} goes alone: {} unticked";
    NotAnOption => "“{}”不是选项：请选 A–{}（或 1–{}）", "\"{}\" is not an option: pick A–{} (or 1–{})";
    NotAQuestion => "“{}”不是题号：输入 1–{} 重新打开一题", "\"{}\" is not a question: type 1–{} to reopen one";
    UntickedAlone => "已取消 {}，它只能单选", "{} unticked: it goes alone";
    ReviewTotal => "总分 {}，类型：{}。回车修改所选答案，Ctrl-S 保存。", "Total {}: {}. Enter changes the selected answer, Ctrl-S saves.";
    ReviewIncomplete => "还有题目未回答（黄色），回车跳过去作答。", "Some questions are unanswered (yellow): Enter goes to one.";
    ConfirmAssessment => "保存 {} 的评估：{} 分，{}？保存后不能修改，只能重新评估。", "Save the assessment of {}: {} points, {}? It cannot be edited afterwards, only retaken.";
    KeepDraft => "保留草稿以后继续吗？y 保留，n 丢弃，Esc 继续作答", "Keep a draft to finish later? y keeps it, n discards it, Esc carries on";
    AssessmentSaved => "已保存评估：{}，{} 分，{}", "Assessment saved: {}, {} points, {}";
    DraftDiscarded => "已丢弃未完成的问卷", "Unfinished questionnaire discarded";
    DraftKept => "草稿已保存，从客户页按 {} 继续", "Draft kept: press {} on the customer to go on";
    TierInFormRefused => "级别要用 {} 调整（需填原因）；此表单保留原级别 {}", "Change the tier with {} (it asks for the reason); this form keeps the tier {}";
    EditedInForm => "在编辑表单中修改", "changed in the edit form";
    CadenceLabel => "联系频率", "Cadence";
    Initial => "建档", "initial";
    ErrorPrefix => "出错了：{}", "Error: {}";
    BookBusy => "账本正被另一个程序写入，请稍后再试。", "The book is busy in another program; try again in a moment.";
    BookBusyFormKept => "账本正被另一个程序写入，尚未保存（填写的内容都在）；请稍后再按 {}。", "Busy: another program is writing to the book. Press {} again in a moment.";
    Reloaded => "已重新读取账本", "Reloaded from the book";
    OverdueDays => "逾期{}天", "{}d late";
    SaveHint => "Ctrl-S 保存", "Ctrl-S saves";
    OpenFollowUp => "待办", "open";
    BookMadePrivate => "{} 原先其他用户也能读取（权限 {}），现已改为仅你本人可读写（0600）。", "{} could be read by other users (mode {}); it is now yours alone (mode 0600).";
    BookNotAFile => "{} 不是普通文件（而是设备、管道或套接字）；请指定一个账本文件。", "{} is not a regular file (a device, a pipe or a socket); give the path of a book file";
    BookOfAnotherProgram => "{} 是别的程序的 SQLite 数据库，不是 tierdesk 账本；没有改动它。", "{} is an SQLite database of another program, not a tierdesk book; it was left untouched";
    WriteNoFolder => "无法写入 {}：文件夹 {} 不存在；什么也没有写入。", "cannot write {}: the folder {} does not exist; nothing was written";
    WriteFailed => "无法写入 {}：{}；什么也没有写入。", "cannot write {}: {}; nothing was written";
    DoneFollowUp => "已完成", "done";
    // Tier management: manual changes, sign-off, history, undo.
    ChangeTierTitle => "调整级别：{}（现为 {}）", "Change the tier of {} (now {})";
    ChangeTierNote => "左右方向键或字母选级别；原因必填，记入级别历史", "pick with left/right or a letter; the reason is required and kept in the history";
    ApproveTitle => "审批升级：{}", "Sign off: {}";
    ApproveNote => "{} → {}，由 {} 调整；审批人须为他人", "{} -> {}, moved by {}; someone else signs it off";
    ApproverNotVerified => "姓名按所填记录，无法核实填写人（记为未核实）", "the name is kept as typed; nobody checks it (not verified)";
    ProblemSameApprover => "这是调整人本人的名字，须由他人审批", "that is the mover's name; someone else signs it off";
    FieldApprover => "审批人", "Approver";
    ProblemSameTier => "已在此级别", "already in this tier";
    TierChanged => "{}：{} → {}", "{}: {} -> {}";
    TierChangedAwaiting => "{}：{} → {}，待审批（A 键审批）", "{}: {} -> {}, awaiting sign-off (A to sign off)";
    SignedOff => "{}：已由 {} 审批", "{}: signed off by {}";
    SignedOffUnverifiedStatus => "{}：已由 {} 审批（姓名未核实）", "{}: signed off by {} (not verified)";
    NothingToSignOff => "{} 没有待审批的升级", "{} has no move awaiting sign-off";
    AwaitingSignoff => "待审批", "awaiting sign-off";
    SignedOffBy => "审批人 {}", "signed off by {}";
    SignedOffUnverified => "审批人 {}（未核实）", "signed off by {} (not verified)";
    ChangeLogTitle => "{} 的变更记录（{} 条）", "History of {} ({} entries)";
    EmptyChangeLog => "还没有变更记录。此后对客户、联系、跟进和级别的每次修改都会记在这里。", "No changes recorded yet. From now on every change to the customer, their contacts, follow-ups and tier is kept here.";
    UndoneMark => "[已撤销]", "[undone]";
    UndoMark => "[撤销]", "[undo]";
    Undid => "已撤销：{}", "Undone: {}";
    UndidMany => "{} {} 条{}", "{} {} x {}";
    NothingToUndo => "本次会话没有可撤销的修改", "Nothing to undo in this session";
    // The tier review and indicator values.
    ScopeReview => "级别复核", "Tier review";
    ReviewTitle => "级别复核：{}，截至 {}", "Tier review: {} as of {}";
    ReviewTitleEmpty => "级别复核", "Tier review";
    ReviewPolicyLine => "升级即时生效；{}；新客户保留暂定级别 {} 个月", "upgrades apply at once; {}; new customers keep their provisional tier for {} months";
    ReviewDowngradesNow => "降级即时生效", "downgrades apply at once";
    ReviewDowngradesAnnual => "降级等到年度复核日 {}（之后 {} 天内生效）", "downgrades wait for the annual review on {} (applied for {} days)";
    ReviewCounts => "{} 位客户，{} 位有指标值；{} 条建议：{} 条可生效，{} 条待年度复核，{} 条暂定期内 · 显示：{}", "{} customers, {} with indicator values; {} suggestions: {} apply now, {} held, {} provisional · showing: {}";
    ReviewApplyNow => "可生效", "apply now";
    ReviewWaiting => "待生效", "waiting";
    ReviewHeldUntil => "待年度复核 {}", "held until {}";
    ReviewProvisionalUntil => "暂定至 {}", "provisional until {}";
    ReviewHeldWhy => "降级要等年度复核（{}）才能生效", "a downgrade waits for the annual review ({})";
    ReviewProvisionalWhy => "新客户的暂定级别保留到 {}", "a new customer keeps its provisional tier until {}";
    ReviewSkipped => "已跳过 {}（本次打开期间不再显示）", "Skipped {} (hidden until tierdesk is restarted)";
    ReviewNothingToApply => "显示的建议中没有可立即生效的", "None of the suggestions shown may apply today";
    ReviewConfirmAll => "采纳 {} 条可生效的建议？待生效的保持不变。", "Accept {} suggestions that apply today? The waiting ones stay as they are.";
    ReviewManyLabel => "{} 位客户", "{} customers";
    ReviewAccepted => "已采纳：{}（原因记为「review: {}」）", "Accepted: {} (reason \"review: {}\")";
    ReviewAwaitingSignoff => "；{} 位升入 {} 待审批", "; {} moved into {} await sign-off";
    ReviewSkippedCount => "已跳过 {} 条", "{} skipped";
    ReviewWeightsScaled => "权重合计 {}，不是 100；得分按 {} 分折算", "weights sum to {}, not 100; scores are scaled to {}";
    ReviewWeightsUnscaled => "权重合计 {}，不是 100；得分未折算，最高只能得 {} 分", "weights sum to {}, not 100; scores are not rescaled, the highest possible is {}";
    ReviewColNow => "现级别", "Now";
    ReviewColSuggested => "建议", "Suggested";
    ReviewColStatus => "状态", "Status";
    ReviewColWhy => "依据", "Why";
    ReviewValuesOf => "{} 的指标值", "The values behind {}";
    ReviewMissing => "缺", "missing";
    ReviewNoValues => "还没有任何客户的指标值。在客户页按 v 录入，或用 tierdesk import indicators 导入。", "No customer has indicator values yet. Enter them with v on a customer, or import them with tierdesk import indicators.";
    ReviewAllAgree => "所有建议都已处理：每位有指标值的客户都在建议的级别上（或已跳过）。", "Nothing to review: every graded customer is in the suggested tier (or was skipped).";
    Loading => "正在计算...", "Working...";
    IndicatorsTitle => "{} 的指标值（{}）", "Indicator values of {} ({})";
    FieldMeasuredOn => "测量日期", "Measured on";
    MeasuredOn => "测于 {}", "measured {}";
    NumberHint => "数字，如 5000000、5,000,000 或 500万", "a number: 5000000, 5,000,000 or 500万";
    NothingChanged => "没有修改", "Nothing changed";
    IndicatorsSaved => "{}：已记录 {} 项指标值（{}）", "{}: {} indicator values recorded ({})";
    NoGradingModel => "无法复核：{}", "No review: {}";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_detection() {
        let env = |v: &'static str| move |name: &str| (name == "LANG").then(|| v.to_string());
        assert_eq!(Lang::from_locale(env("zh_CN.UTF-8")), Lang::Zh);
        assert_eq!(Lang::from_locale(env("en_US.UTF-8")), Lang::En);
        assert_eq!(Lang::from_locale(|_| None), Lang::En);
    }

    #[test]
    fn grouped_puts_a_comma_every_three_digits() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(500), "500");
        assert_eq!(grouped(5005), "5,005");
        assert_eq!(grouped(1234567), "1,234,567");
    }

    #[test]
    fn fill_places_args_in_order() {
        assert_eq!(fill("{} of {}", &[&1, &"x"]), "1 of x");
    }
}
