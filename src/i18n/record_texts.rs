//! The words of the command line's record commands (`customer show|edit|delete`,
//! `follow-up list|done|reschedule`, `snooze`), in both languages. What the screens say
//! about the same writes ("Saved: ...", "Done: ...") is taken from `T`, so both faces say it
//! alike.

use super::Lang;

texts! { R:
    // `customer show`
    ShowHead => "{}（#{}）", "{} (#{})";
    AwaitingSignoff => "待审批：升入最高等级，等待他人签核", "awaiting sign-off: moved into the top tier";
    RiskLine => "{}（{} 分，{} 评估）；{} 到期", "{} ({} points, assessed {}); expires {}";
    RiskExpired => "{}（{} 分，{} 评估）；已于 {} 过期", "{} ({} points, assessed {}); expired {}";
    OpenFollowUps => "未完成的跟进（{}）：", "Open follow-ups ({}):";
    // `customer edit`
    NothingToEdit => "customer edit：请至少给出一个要修改的字段（--name、--phone、--email ……）", "customer edit: give at least one field to change (--name, --phone, --email, ...)";
    TierViaTierCommand => "--tier：级别用 tierdesk tier 客户 级别 --reason 原因 调整（原因会记入级别变更记录）；没有修改任何内容", "--tier: a tier is changed with tierdesk tier CUSTOMER TIER --reason TEXT (the reason is kept in the tier history); nothing was changed";
    Unchanged => "没有变化：{} 的这些字段已是给出的值；没有写入任何内容", "nothing to change: {} has these values already; nothing was written";
    // `customer delete`
    AskDelete => "删除“{}”（#{}）及其 {} 条联系记录吗？[y/N] ", "Delete {} (#{}) and their {} contact(s)? [y/N] ";
    DeleteNeedsYes => "customer delete：没有终端可以确认；确定要删除“{}”（#{}）及其 {} 条联系记录，请加 --yes；没有删除任何内容", "customer delete: no terminal to ask on; add --yes to delete {} (#{}) and their {} contact(s); nothing was deleted";
    NotDeleted => "没有删除任何内容", "nothing was deleted";
    // `follow-up ...`
    NoFollowUp => "没有编号为 {} 的跟进事项（tierdesk follow-up list 列出编号）", "no follow-up #{} (tierdesk follow-up list shows their ids)";
    AlreadyDone => "跟进事项 #{}“{}”已于 {} 完成；没有修改任何内容", "follow-up #{} \"{}\" was done already on {}; nothing was changed";
    DoneNotMoved => "跟进事项 #{}“{}”已完成，只有未完成的才能改期；没有修改任何内容", "follow-up #{} \"{}\" is done; only an open one is rescheduled; nothing was changed";
    NoteNeedsText => "--note：内容是空的", "--note: the note is empty";
    KindNeedsNote => "--kind 需要同时给出 --note（记为一条联系记录）", "--kind goes with --note (the note is kept as a contact of that kind)";
    DoneWithContact => "；已记录{}：{}", "; logged {} on {}";
    NoFollowUps => "没有跟进事项", "no follow-ups";
    // `undo`
    NothingToUndo => "命令行里没有你可以撤销的修改", "nothing of yours to undo from the command line";
    // `snooze` and `follow-up reschedule`: the date and the reason, as the screens' form.
    DateRefused => "{}：“{}”{}", "{}: \"{}\" {}";
    ReasonRequired => "--reason：请写明原因（会和新日期一起记下）", "--reason: say why (it is kept with the new date)";
    NothingToSnooze => "{}（#{}）没有可延后的联系要求", "{} (#{}) has no contact requirement to snooze";
}
