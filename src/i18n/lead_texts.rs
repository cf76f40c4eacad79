//! The TUI's words for a lead's work on the team book (issue 12): the report per person and
//! handing customers over. A table of its own, so that the main one stays small.

use super::Lang;

texts! { Lead:
    ByPersonTitle => "按人员的联系覆盖（截至 {}）：{} 人", "Coverage per person as of {}, people: {}";
    ColPerson => "负责人", "Person";
    PerWeek => "每周联系", "Per week";
    NoneSeen => "没有你能看到的客户。", "No customers you may see.";
    ByPersonNote => "每周联系 = 近 12 周与其客户的联系次数 ÷ 12；按 {} 按级别查看", "Per week = their customers' contacts over 12 weeks / 12; {}: per tier";
    Rows => "第 {}–{} 行，共 {} 行", "rows {}-{} of {}";
    PickTitle => "把“{}”移交给谁？", "Hand {} over to whom?";
    PickNote => "现由 {} 负责；联系记录、跟进事项、草稿和变更记录随客户一起移交。", "Now {}'s; contacts, follow-ups, drafts and history go with them.";
    ConfirmHandOver => "把“{}”从 {} 移交给 {} 吗？（本次会话内可按 {} 撤销）", "Hand {} over from {} to {}? ({} undoes it in this session)";
    HandedOver => "已把“{}”移交给 {}", "{} handed over to {}";
    NobodyElse => "账本里没有别人可以接手“{}”（tierdesk person add 添加同事）", "Nobody else in this book to hand {} to (tierdesk person add adds a colleague)";
    RoleManager => "客户经理", "manager";
    RoleLead => "主管", "lead";
    RoleAdmin => "管理员", "admin";
    NoLongerTheirs => "没有移交：“{}”已不归 {} 负责（另一个程序刚改过），列表已重新读取", "Nothing handed over: {} is no longer {}'s (changed by another program meanwhile); the list is read again";
}
