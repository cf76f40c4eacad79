//! The command line's own words (reports, histories, confirmations), in both languages.
//! The UI's table (`T`) holds what the screens say; a text both say is taken from there.

use super::{Lang, T};

texts! { C:
    // Naming a customer on the command line.
    NoCustomer => "没有 id、ref 或名称为“{}”的客户", "no customer with the id, ref or name \"{}\"";
    ManyCustomers => "“{}”对应 {} 位客户：{}；请改用编号或 ref", "\"{}\" matches {} customers: {}; give the id or ref";
    // `tierdesk report`
    ReportTitle => "联系覆盖报告，截至 {}（{}）", "Coverage report as of {} ({})";
    Within => "按期联系", "Within cadence";
    ReportNotes => "按期联系：最近一次联系在“起算日”当天或之后；起算日是截至今天、该级别一个联系周期的第一天（恰好一个周期前联系过的客户今天到期，不算逾期）。\n未到期新客：此后才建档、尚未联系的客户；不计入覆盖率。\n覆盖率 = 按期联系 ÷（客户数 − 未到期新客）；没有应联系的客户时显示“–”。\n逾期：下次应联系日期早于今天，与今日待办一致。\n", "Within cadence: the latest contact is on or after Since, the first day of the tier's own cadence\nending today (a customer contacted exactly one cadence ago is due today, not late).\nNot yet due: taken on since then and not contacted yet; left out of the share.\nShare = within cadence / (customers - not yet due); \"–\" when nobody is due.\nOverdue: the next due date is before today, as on the Today screen.\n";
    WeeksTitle => "每周联系次数，{} 至 {}（共 {} 次；最后一周截至今天）：", "Contacts per week, {} to {} ({} in all; the last week so far):";
    WeekOf => "当周周一", "Week of";
    ContactsCount => "联系次数", "Contacts";
    // `tierdesk report --by owner`
    ByOwnerTitle => "按负责人的联系覆盖报告，截至 {}（{}）", "Coverage by person as of {} ({})";
    ColPerson => "负责人", "Person";
    PerWeek => "每周联系", "Contacts/week";
    NoOwnersSeen => "没有你能看到的客户", "no customers you may see";
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
    Created => "（建档）", "(created)";
    // `tierdesk tier` and `approve`
    TierMoved => "{}：{} → {}，下次应联系 {}", "{}: {} -> {}, next due {}";
    TierAwaiting => "待审批：tierdesk approve {} --by 审批人姓名", "awaiting sign-off: tierdesk approve {} --by NAME";
    // `tierdesk log`, `search`, `backup`, `import indicators`
    Logged => "已记录{}：{}（#{}），{}；下次应联系 {}", "logged {} with {} (#{}) on {}; next due {}";
    LoggedFollowUp => "；跟进事项“{}”，{} 到期", "; follow-up \"{}\" due {}";
    Score => "匹配度", "score";
    BackedUp => "已备份：{} → {}（{} 字节）", "backed up {} to {} ({} bytes)";
    NotAnIndicator => "注意：“{}”列不是模型“{}”的指标，已忽略", "warning: column \"{}\" is not an indicator of model \"{}\"; ignored";
    IndicatorsDryRun => "试运行，未写入任何内容：{}：{} 行，指标值 {} 个（模型“{}”）", "dry run, nothing written: {}: {} rows, {} values of model \"{}\"";
    IndicatorsImported => "已导入：{}：{} 行，指标值 {} 个（模型“{}”）", "imported: {}: {} rows, {} values of model \"{}\"";
    // `tierdesk review`
    ReviewHead => "级别复核：{}（{}），截至 {}", "Review with {} ({}) as of {}";
    Note => "注意：{}", "note: {}";
    PolicyLine => "规则：升级即时生效；{}；新客户保留暂定级别 {} 个月", "Policy: upgrades apply at once; {}; new customers keep their tier {} months";
    DowngradesAnnual => "降级等到年度复核日（{}，之后 {} 天内生效）", "downgrades wait for the annual review ({}, applied for {} days)";
    DowngradesNow => "降级即时生效", "downgrades apply at once";
    ReviewCounts => "{} 位客户，{} 位有指标值；{} 条建议：{} 条可生效，{} 条待年度复核，{} 条暂定期内", "{} customers, {} with indicator values; {} suggestions: {} apply now, {} held, {} provisional";
    VerdictApply => "可生效", "apply";
    VerdictHeld => "待年度复核", "held";
    VerdictProvisional => "暂定期内", "provisional";
    Until => "{}，至 {}", "{} until {}";
    ColId => "编号", "id";
    ColName => "名称", "name";
    ColTier => "级别", "tier";
    ColVerdict => "结论", "verdict";
    ColBasis => "依据", "why";
    ColValues => "指标值", "values";
    ReviewApplied => "已调整 {} 位（原因记为“review: {}”）；{} 条留待以后", "applied {} changes (reason \"review: {}\"); {} left for later";
    Approved => "{}：{} → {} 的调整（{}）{}", "{}: move {} -> {} of {} {}";
    // The command line's own refusals (src/cli/refusal.rs).
    NotADate => "{}：“{}”不是有效日期（YYYY-MM-DD）", "{}: \"{}\" is not a real date (YYYY-MM-DD)";
    NotADueDate => "--follow-up-due：“{}”不是有效日期（YYYY-MM-DD，或从联系日起算的 +3d / +1w / +2m）", "--follow-up-due: \"{}\" is not a real date (YYYY-MM-DD, or +3d / +1w / +2m from the contact)";
    UnknownKind => "--kind：没有“{}”这种联系方式；可选：{}", "--kind: unknown contact kind \"{}\"; choose one of {}";
    UnknownTierFlag => "{}：没有“{}”这个等级；可选：{}", "{}: unknown tier \"{}\"; choose one of {}";
    NotAScheme => "--scheme “{}”：既不是自带的等级方案（default、brokerage、leads、team），也不是可读的文件（{}）", "--scheme \"{}\": not a shipped scheme (default, brokerage, leads, team) and not a readable file ({})";
    InFuture => "{}：{} 晚于今天（今天是 {}）", "{}: {} is in the future (today is {})";
    AssessedInFuture => "--date：{} 晚于今天（今天是 {}）；问卷答完并签字后再录入", "--date: {} is in the future (today is {}); record a questionnaire once it has been answered and signed";
    ArgTooLong => "{}：超过 {} 个字", "{}: longer than {} characters";
    FollowUpNeedsDue => "--follow-up 需要同时给出 --follow-up-due YYYY-MM-DD（何时到期）", "--follow-up needs --follow-up-due YYYY-MM-DD (when it is due)";
    FollowUpDueNeedsWhat => "--follow-up-due 需要同时给出 --follow-up 文字（答应了什么）", "--follow-up-due needs --follow-up TEXT (what is promised)";
    DueBeforeContact => "--follow-up-due：{} 早于这次联系（{}）", "--follow-up-due: {} is before the contact ({})";
    NotATime => "{}：“{}”不是时间，请写成 时:分（例如 09:00）", "{}: \"{}\" is not a time of day; write it as HH:MM (e.g. 09:00)";
    // `tierdesk export due --format ics`: an item's description.
    IcsDue => "到期 {}", "due {}";
    IcsLate => "（逾期 {} 天）", " ({} days late)";
    IcsTier => "级别 {}", "tier {}";
    IcsLastContact => "上次联系：{}", "last contact: {}";
    WithinTooFar => "--within {}：太远了", "--within {}: that is too far ahead";
    EmptyPattern => "查找内容是空的", "the search pattern is empty";
    ReasonMissing => "--reason：请写明调整级别的原因（会记入级别变更记录）", "--reason: say why the tier changes (it is kept in the tier history)";
    NoQuestionnaire => "{}：没有名为“{}”的问卷；内置的有 {}", "{}: no questionnaire \"{}\"; the shipped ones are {}";
    NoBookToBackUp => "{} 处没有账本，无需备份", "no book at {}: nothing to back up";
    BackupIsFolder => "{} 是文件夹；请给出备份文件的名字", "{} is a folder; name the backup file";
    AlreadyExists => "{} 已存在；加上 --force 可替换它", "{} already exists; add --force to replace it";
    NoScheme => "账本还没有分级方案（请先运行 tierdesk init）", "the book has no tier scheme (run tierdesk init first)";
    CustomerGone => "客户 #{} 刚被另一个程序删除了；没有保存任何内容", "customer #{} was removed by another program meanwhile; nothing was saved";
    CannotWriteStdout => "无法写入标准输出：{}", "cannot write to standard output: {}";
    CannotWriteExport => "无法写出导出文件：{}", "cannot write the export: {}";
    // `tierdesk team` (src/cli/team.rs): a team book on PostgreSQL.
    TeamNeedsUrl => "team 命令需要 PostgreSQL 团队账本：--db postgres://登录名@主机[:端口]/数据库（或 TIERDESK_DB）", "the team commands need a team book on PostgreSQL: --db postgres://LOGIN@HOST[:PORT]/DATABASE (or TIERDESK_DB)";
    PostgresOnlyTeam => "{} 是 PostgreSQL 团队账本；这个命令只用于账本文件（团队账本请用 team init 建立，用 export 导出）", "{} is a team book on PostgreSQL; this command works on a book file (a team book is set up with team init and copied out with export)";
    TeamCreated => "{}：团队账本已建立（结构版本 {}）；角色组 {}、{}、{}", "{}: team book set up (schema {}); group roles {}, {}, {}";
    TeamUpgraded => "{}：团队账本已从结构版本 {} 升级到 {}", "{}: team book upgraded from schema {} to {}";
    TeamUpToDate => "{}：团队账本已是最新（结构版本 {}）", "{}: team book up to date (schema {})";
    PersonAdded => "已添加 {}（{}，{}）{}", "added {} ({}, {}){}";
    OnTeamOf => "，属于 {} 的团队", ", on the team of {}";
    NoPeople => "团队账本里还没有人；用 tierdesk team add-person 添加", "no people in the team book yet; add them with tierdesk team add-person";
    ColLogin => "登录名", "login";
    ColRole => "角色", "role";
    ColLead => "主管", "lead";
    RoleManager => "客户经理", "manager";
    RoleLead => "主管", "lead";
    RoleAdmin => "管理员", "admin";
    PgBadUrl => "“{}”不是 PostgreSQL 地址（postgres://登录名@主机[:端口]/数据库）", "\"{}\" is not a PostgreSQL URL (postgres://LOGIN@HOST[:PORT]/DATABASE)";
    PgUnreachable => "{} 没有 PostgreSQL 服务器应答（{}）", "no PostgreSQL server answers at {} ({})";
    PgAuthFailed => "PostgreSQL 拒绝了登录名“{}”：密码错误，或没有这个登录名", "PostgreSQL refused the login \"{}\": wrong password, or no such login";
    PgNoDatabase => "没有数据库“{}”（服务器 {}）；请先创建（createdb {}）", "there is no database \"{}\" on {}; create it first (createdb {})";
    PgNotAPerson => "“{}”不是这个团队账本里的人；请管理员添加（team add-person）", "\"{}\" is not a person of this team book; ask its admin to add them (team add-person)";
    PgPermissionDenied => "数据库拒绝了：{}（没有权限）", "the database refused: {}";
    PgNewerSchema => "团队账本由更新版本的 tierdesk 写入（结构版本 {}，本程序最高支持 {}）；请升级 tierdesk", "the team book was written by a newer tierdesk (schema {}, this one knows up to {}); upgrade tierdesk to open it";
    PgNotInitialised => "团队账本还没有建立（结构版本 {}）；请运行 tierdesk --db 地址 team init", "the team book is not set up yet (schema {}); run tierdesk --db URL team init";
    PgBadLogin => "“{}”不能作登录名：请用 1 到 63 个小写字母、数字、“_”、“.”或“-”，以字母开头", "\"{}\" cannot be a login: use 1 to 63 lowercase letters, digits, \"_\", \".\" or \"-\", starting with a letter";
    PgEmptyName => "--name：姓名不能为空", "--name: a person's name cannot be empty";
    PgAlreadyPerson => "“{}”已经在这个团队账本里", "\"{}\" is already a person of this team book";
    PgReservedLogin => "“{}”是这台 PostgreSQL 服务器上的角色组或超级用户，不能作为个人登录名", "\"{}\" is a group or a superuser on this PostgreSQL server, not a plain login";
    PgNotYoursToAdd => "不能替“{}”添加客户：客户经理只能添加自己的客户，主管可添加本团队的", "customers of \"{}\" are not yours to add: a manager adds their own, a lead their team's";
    PgNotALead => "“{}”不是这个团队账本里的主管", "\"{}\" is not a lead of this team book";
    PgLeadForNonManager => "--lead 只能用于客户经理（--role manager）", "--lead goes with --role manager: only a manager is on a lead's team";
    PgTls => "本版本 tierdesk 还不能通过 TLS 连接（sslmode=require）；请使用本机服务器或 SSH 隧道", "this tierdesk cannot connect over TLS yet (sslmode=require); use a local server or an SSH tunnel";
    PgLost => "与服务器的连接断开了；没有写入任何内容", "the connection to the server was lost; nothing was written";
    PgOther => "PostgreSQL：{}", "PostgreSQL: {}";
    PgSignOffAsAnother => "团队账本上只能以本人身份签核：“{}”不是当前登录名“{}”", "a sign-off on the team book is given as yourself: \"{}\" is not the login \"{}\"";
    PgSignOffNeedsLead => "“{}”不是这个团队账本的主管或管理员；只有他们可以签核升入最高等级的变更", "\"{}\" is not a lead or an admin of this team book; only they may sign off a move into the top tier";
    PgHandOverRefused => "你不能把客户移交给“{}”：只有主管（在自己团队内）或管理员可以移交客户", "you may not hand customers over to \"{}\": only a lead (within their team) or an admin hands customers over";
    // `team handover` / `person handover` (src/cli/handover.rs).
    HandedOver => "已把 {} 位客户从 {} 移交给 {}（联系记录、跟进、草稿和历史随之移交；可撤销）", "handed {} customer(s) over from {} to {} (with their contacts, follow-ups, drafts and history; undo takes it back)";
    NothingHandedOver => "没有移交任何客户：{} 名下没有你能看到的客户", "nothing was handed over: {} has no customers you may see";
    // `team import-book` (src/cli/import_book.rs).
    PgAlreadyBroughtIn => "这个账本的“{}”已经在团队账本里：这个账本之前已导入过；没有写入任何内容", "\"{}\" of this book is in the team book already: the book was brought in before; nothing was written";
    PgRefTaken => "编号“{}”（“{}”）已被团队账本里的另一位客户使用；没有写入任何内容", "the ref \"{}\" of \"{}\" is another customer's in the team book; nothing was written";
    PgTierNotInScheme => "“{}”属于“{}”级，团队账本的分级方案没有这个级别；没有写入任何内容", "\"{}\" is in tier \"{}\", which the team book's tier scheme does not have; nothing was written";
    PgImportClash => "这个账本的某一行已经在团队账本里（{}），属于你看不到的客户：之前导入过？没有写入任何内容", "a row of this book is in the team book already ({}), among customers you may not see: brought in before? nothing was written";
    PgImportForUnseen => "数据库拒绝为“{}”添加客户：你看不到他的客户（账本只能由本人、其主管或管理员导入）；没有写入任何内容", "the database refused customers for \"{}\": you may not see their customers (a book is brought in by its owner, their lead or an admin); nothing was written";
    PgImportRow => "账本 {} 表中有一行无法导入（{}）：{}；没有写入任何内容", "a row of the book's {} cannot come in ({}): {}; nothing was written";
    BookProducts => "产品：新增 {} 个团队账本没有的产品代码；{} 个未加入（只有组长和管理员可以修改团队的产品目录）", "products: {} the team book lacked added to its catalogue; {} left out (only leads and admins add to the team's catalogue)";
    BookBroughtIn => "已导入 {}：{} 位客户、{} 条联系记录、{} 条跟进、{} 次评估、{} 次级别变更、{} 次历史修改，负责人 {}", "Brought in {}: {} customers, {} contacts, {} follow-ups, {} assessments, {} tier changes, {} changes of history, for {}";
    HandOverToSelf => "移交需要两个不同的人：{} 既是原负责人也是新负责人", "a hand-over needs two different people: {} is both the old and the new owner";
}

/// A weekday's short name.
pub fn weekday(d: chrono::NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    match lang {
        Lang::Zh => ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
            [d.weekday().num_days_from_monday() as usize]
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
