//! What went wrong, worded for people in the interface language: what happened and what to
//! do about it. The book's errors (`StoreError`) are rendered here; the store itself keeps
//! its typed errors and knows no language.

use super::{Lang, fill};
use crate::store::StoreError;

texts! { P:
    DiskFull => "磁盘已满，刚才的操作没有完成，账本保持原样。请在账本所在的磁盘上腾出空间后再试。", "The disk is full, so this was not done; the book is as it was. Free some space on the disk that holds the book, then try again.";
    Damaged => "账本文件已损坏，无法安全读取；tierdesk 没有再写入任何内容。请用最近的备份恢复（备份可用 tierdesk backup 制作），恢复前请勿修改这个文件。", "The book is damaged and cannot be read safely; tierdesk wrote nothing more to it. Restore it from your latest backup (tierdesk backup makes one), and leave the damaged file as it is until then.";
    Inconsistent => "账本中有内容与 tierdesk 写入时不一致（{}）。请用最近的备份恢复，或把这条消息交给技术支持。", "Something in the book is not as tierdesk wrote it ({}). Restore your latest backup, or pass this message on to whoever supports you.";
    BadText => "账本中有无法识别的文字（不是有效的 UTF-8），可能是别的程序写入的；tierdesk 没有修改任何内容。请用写入它的程序改正，或用最近的备份恢复。", "The book holds text that is not valid UTF-8, probably written by another program; tierdesk changed nothing. Correct it with the program that wrote it, or restore your latest backup.";
    DiskError => "读写账本时磁盘出错（{}）。请确认磁盘或网络盘仍然连接正常后再试；如果反复出现，请尽快把账本复制到安全的地方。", "The disk failed while reading or writing the book ({}). Check that the disk or network drive is still connected, then try again; if it keeps happening, copy the book somewhere safe soon.";
    Busy => "账本正被另一个程序写入，请稍后再试。", "the book is busy: another program is writing to it; try again in a moment";
    NotABook => "{} 不是 tierdesk 账本（不是 SQLite 数据库）。请检查 --db 给出的路径。", "{} is not a tierdesk book (not an SQLite database)";
    ReadOnly => "{} 是只读的，tierdesk 需要写入它。请检查文件权限，或换一个可写的位置。", "{} is read-only; tierdesk needs to write to its book";
    NewerSchema => "{} 由更新版本的 tierdesk 写入（结构版本 {}，本版本最多认识 {}）。请升级 tierdesk 后再打开。", "{} was written by a newer tierdesk (schema {}, this one knows up to {}); upgrade tierdesk to open it";
    CannotOpen => "无法打开 {}：{}", "cannot open {}: {}";
    SchemeAlreadySet => "这个账本已经使用“{}”分级方案；方案只能在 init 时选定一次。", "the book already uses the \"{}\" tier scheme; a book's scheme is chosen once, at init";
    DuplicateRef => "编号“{}”已被另一位客户使用。", "reference \"{}\" is already used by another customer";
    NoSuchCustomer => "没有编号为 {} 的客户。", "no customer with id {}";
    ChangedSince => "{} 在 {} 改过这位客户（在你打开之后）；未保存，请重新打开再改。", "changed by {} at {} since you opened it; nothing was saved: open the customer again";
    NoSuchContact => "没有编号为 {} 的联系记录。", "no contact with id {}";
    NoSuchFollowUp => "没有编号为 {} 的跟进事项。", "no follow-up with id {}";
    UnknownTier => "没有“{}”这个级别。", "unknown tier \"{}\"";
    ReasonRequired => "调整级别需要填写原因。", "a tier change needs a reason";
    SameTier => "该客户已经在 {} 级。", "the customer is already in tier {}";
    ApproverRequired => "审批需要填写审批人姓名。", "a sign-off needs the approver's name";
    NothingToApprove => "这位客户没有待审批的级别调整。", "nothing awaits a sign-off for this customer";
    SelfApproval => "这次调整是 {} 做的，须由他人审批。", "{} made this tier change; someone else must sign it off";
    PersonBlankLogin => "请填写登录名。", "a person needs a login";
    PersonBlankName => "请填写姓名。", "a person needs a name";
    PersonTaken => "账本里已经有登录名为“{}”的人。", "\"{}\" is already a person of this book";
    PersonNoSuchLead => "账本里没有“{}”这个人；请先添加这位组长。", "\"{}\" is no person of this book; add that lead first";
    PersonNoSuchPerson => "账本里没有登录名为“{}”的人（tierdesk person list 列出所有人）。", "\"{}\" is no person of this book (tierdesk person list shows them)";
    PersonNotALead => "“{}”不是组长，不能带团队。", "\"{}\" is not a lead, so has no team";
    InMemory => "这个账本只在内存中，不能再打开第二个连接", "a book kept in memory cannot be opened a second time";
    UndoConflict => "无法撤销：它涉及的{}之后已被别人或其他程序修改", "cannot undo: a {} it touched was changed since, by someone else or another program";
    UndoSomeRecord => "记录", "record";
    Other => "账本无法完成这个操作（{}）。请再试一次；如果反复出现，请把这条消息交给技术支持。", "The book could not do that ({}). Try again; if it keeps happening, pass this message on to whoever supports you.";
    ImportStopped => "导入意外中止，没有写入任何内容。请再试一次。", "The import stopped unexpectedly; nothing was written. Try again.";
    // Imports: the summary.
    Imported => "已导入：{}（{}，共 {} 行）：{} {}", "imported: {} ({}, {} rows): {} {}";
    DryRun => "试运行，未写入任何内容：{}（{}，共 {} 行）：{} {}", "dry run, nothing written: {} ({}, {} rows): {} {}";
    WhatCustomers => "客户", "customers";
    WhatContacts => "联系记录", "contacts";
    WhatFollowUps => "跟进事项", "follow-ups";
    SumAdded => "新增 {}", "{} added";
    SumUpdated => "更新 {}", "{} updated";
    SumSkipped => "跳过 {}", "{} skipped";
    SumMerged => "{} 行并入前面的同一客户", "{} merged into an earlier row";
    SumFollowUps => "跟进事项 {}", "{} follow-ups";
    ListSep => "，", ", ";
    Warning => "注意：{}", "warning: {}";
    // Imports: what is wrong with the file as a whole.
    CannotReadFile => "无法读取 {}：{}", "cannot read {}: {}";
    FileRefused => "{}：{}；没有导入任何内容", "{}: {}; nothing was imported";
    NoHeader => "文件是空的：第一行应写明各列的名称", "the file is empty: the first row must name the columns";
    MissingColumn => "缺少“{}”列（表头写作 {} 均可）", "no \"{}\" column (a header named {})";
    Or => " 或 ", " or ";
    RepeatedColumn => "第 {} 列和第 {} 列都表示“{}”，请只保留一列", "columns {} and {} both mean \"{}\"; keep one";
    NotCsv => "不是可读的 CSV 文件：{}", "not a readable CSV file: {}";
    UnknownColumn => "{}：不认识“{}”这一列，已忽略（认识的列：{}）", "{}: column \"{}\" is not one tierdesk knows; it was ignored (known: {})";
    NotReadToEnd => "{}：没能把文件读完，什么也没有写入", "{}: the file could not be read to its end; nothing was written";
    // Imports: bad rows.
    BadRow => "{}：有 {} 行有问题，没有导入任何内容：", "{}: {} bad row; nothing was imported:";
    BadRows => "{}：有 {} 行有问题，没有导入任何内容：", "{}: {} bad rows; nothing was imported:";
    AtLine => "第 {} 行", "line {}";
    AtLineColumn => "第 {} 行，{}", "line {}, {}";
    UnreadableCli => "有无法识别的字节，不是文件所用编码的文字（可试 --encoding）", "unreadable bytes: not text in the file's encoding (try --encoding)";
    UnreadableApp => "有无法识别的字节，不是文件所用编码的文字（请把文件另存为 UTF-8 后再试）", "unreadable bytes: not text in the file's encoding (save the file as UTF-8 and try again)";
    ExtraCells => "有 {} 格，但表头只有 {} 列", "{} cells, but the header has {} columns";
    NotAUuid => "不是 uuid（新客户请留空）", "not a uuid (leave it empty for a new customer)";
    UnknownCustomer => "没有编号或名称为“{}”的客户", "no customer with the ref or name \"{}\"";
    AmbiguousCustomer => "“{}”对应 {} 位客户（{}）；请改填编号", "\"{}\" matches {} customers ({}); give the ref";
    UnknownKind => "没有“{}”这种联系方式；可选：{}", "unknown contact kind \"{}\"; choose one of {}";
    UnknownTemperament => "没有“{}”这种顾客类型；可选：{}（留空即没有）", "unknown temperament \"{}\"; choose one of {} (or leave it empty for none)";
    RecommendationNotImported => "产品推荐不从文件导入：推荐要写明产品并检查适当性，请用 tierdesk log 客户 --kind recommendation --product 产品代码 记录", "a recommendation is not imported: it names a product and needs a suitability check; record it with tierdesk log CUSTOMER --kind recommendation --product CODE";
    BadDoneTime => "不是日期时间（YYYY-MM-DD HH:MM:SS）", "not a date and time (YYYY-MM-DD HH:MM:SS)";
    RefTaken => "编号“{}”属于另一位客户（#{}）", "ref \"{}\" belongs to another customer (#{})";
    AmbiguousMatch => "名称和公司与账本中 {} 位客户相同（{}）；请加一列编号指明是哪一位", "name and company match {} customers of the book ({}); add a ref column to say which";
    Broken => "文件从这里起无法读取：{}", "the file cannot be read from here on: {}";
    // Imports: duplicates.
    Duplicate => "{}：有 {} 行与账本中或文件前面的行重复，没有导入任何内容（{}）：", "{}: {} row is already in the book or earlier in the file; nothing was imported ({}):";
    Duplicates => "{}：有 {} 行与账本中或文件前面的行重复，没有导入任何内容（{}）：", "{}: {} rows are already in the book or earlier in the file; nothing was imported ({}):";
    DupHintCli => "可用 --on-duplicate skip 跳过，或 --on-duplicate update 更新已有客户", "--on-duplicate skip or update to go on";
    DupHintApp => "在“重复时”一栏选择跳过或更新，再检查一次", "choose skip or update under Duplicates, then check again";
    DupUuid => "uuid {}", "uuid {}";
    DupRef => "编号“{}”", "ref \"{}\"";
    DupName => "名称“{}”（无公司）", "name \"{}\" (no company)";
    DupNameCompany => "名称“{}”，公司“{}”", "name \"{}\", company \"{}\"";
    DupOfBook => "与账本中的客户 {} 相同", "as customer {} in the book";
    DupOfLine => "与第 {} 行相同", "as line {}";
    DupLine => "第 {} 行：{}：{}", "line {}: {}: {}";
    UnknownIndicator => "当前分级模型没有指标“{}”。", "the grading model has no indicator \"{}\"";
    // Questionnaire answers (domain::questionnaire::AnswerProblem).
    AtQuestion => "第 {} 题（{}）：{}", "question {} ({}): {}";
    QuestionCount => "答案对应 {} 道题，但 {} v{} 有 {} 道题", "the answers are for {} questions, but {} v{} has {}";
    NoOption => "没有选项 {}（{}）", "there is no option {} ({})";
    OptionRange => "A 到 {}", "A to {}";
    NotAnswered => "未作答", "not answered";
    RowCount => "答了 {} 行，但这道表格题有 {} 行", "{} rows answered, the grid has {}";
    InRow => "第 {} 行（{}）：{}", "row {} ({}): {}";
    OnePerRow => "（表格题每行一个字母，各占一项：B,C,A,...）", " (a grid takes one letter per row, each as its own item: B,C,A,...)";
    RowNotAnswered => "第 {} 行（{}）未作答", "row {} ({}) not answered";
    NothingTicked => "未作答（请至少选一个字母）", "not answered (tick at least one letter)";
    NotAlone => "{}（{}）不能与其他选项同时选择，请只选它", "{} ({}) cannot be ticked with other options; tick it alone";
    WrongKind => "答案不是 {} 题的答案", "the answer is not a {} answer";
    TooFewAnswers => "答案太少：给了 {} 个，应为 {} 个（{}）", "too few answers: {} given, {} expected ({})";
    TooManyAnswers => "答案太多：给了 {} 个，应为 {} 个（{}）", "too many answers: {} given, {} expected ({})";
    ExpectedItems => "共 {} 个答案：每题一个", "{} answers: one per question";
    PerRowFor => "，{}每行一个", ", one per row for {}";
    GridQuestion => "第 {} 题（{}，{} 行）", "question {} ({}, {} rows)";
    And => "和", " and ";
    EmptyItem => "没有答案（两个逗号之间是空的）", "no answer (an empty item between commas)";
    EmptyTicks => "没有答案（两个逗号之间是空的；请至少选一个字母）", "no answer (an empty item between commas; tick at least one letter)";
    NotAnOption => "“{}”不是可选的选项（{}）", "\"{}\" is not one of the options ({})";
    OneLetterExpected => "应为一个字母，实际是“{}”", "one letter expected, got \"{}\"";
    LetterNotAnOption => "“{}”（在“{}”中）不是可选的选项（{}）", "\"{}\" in \"{}\" is not one of the options ({})";
    Twice => "“{}”在“{}”中出现了两次", "\"{}\" appears twice in \"{}\"";
    NoQuestion => "{} v{} 没有题目“{}”", "{} v{} has no question \"{}\"";
    NoRow => "没有第 {} 行（{} 题）", "no row {} in a {} question";
    AssessmentInFuture => "问卷日期是 {}，晚于今天（{}）；请在答完并签字后再记录", "the questionnaire is dated {}, after today ({}); record it once it has been answered and signed";
    StaleDraft => "这位客户未完成的 {} 问卷是按第 {} 版开始的，但问卷现在是第 {} 版；请放弃草稿重新开始", "the unfinished {} interview of this customer was started on version {}, but the questionnaire is now version {}; discard the draft and start again";
    // Indicator values (domain::grading::ValueProblem).
    NoIndicatorNo => "分级模型没有第 {} 个指标", "the model has no indicator {}";
    NotAChoice => "“{}”不是可选值之一：{}", "\"{}\" is not one of: {}";
    NumberHint => "请写数字，例如 5000000、5,000,000、1.5e6 或 500万", "write a number such as 5000000, 5,000,000, 1.5e6 or 500万";
    EmptyNumber => "是空的；{}", "empty; {}";
    PercentNotMeasured => "“{}”是百分数，但这个指标不以 % 计", "\"{}\" is a percentage, but this indicator is not measured in %";
    MisplacedComma => "“{}”：逗号位置不对；{}", "\"{}\": misplaced comma; {}";
    NotANumber => "“{}”不是数字；{}", "\"{}\" is not a number; {}";
    NoShippedQuestionnaire => "这个 tierdesk 版本缺少自带的问卷“{}”，请重新安装 tierdesk。", "this build of tierdesk lacks its questionnaire \"{}\"; reinstall tierdesk";
}

/// A book error in words, in `lang`.
pub fn store_error(e: &StoreError, lang: Lang) -> String {
    let t = |p: P| p.get(lang).to_string();
    match e {
        StoreError::Full => t(P::DiskFull),
        StoreError::Damaged => t(P::Damaged),
        StoreError::InMemory => t(P::InMemory),
        StoreError::Team(e) => super::team_problems::team_error(e, lang),
        // "Not a database" once the book is open means its pages no longer read as SQLite.
        StoreError::NotABook(p) if p.as_os_str().is_empty() => t(P::Damaged),
        StoreError::NotABook(p) => fill(P::NotABook.get(lang), &[&p.display()]),
        StoreError::NotAFile(p) => fill(super::T::BookNotAFile.get(lang), &[&p.display()]),
        StoreError::ForeignDatabase(p) => fill(super::T::BookOfAnotherProgram.get(lang), &[&p.display()]),
        StoreError::Corrupt(what) => fill(P::Inconsistent.get(lang), &[what]),
        StoreError::BadText => t(P::BadText),
        StoreError::Disk(what) => fill(P::DiskError.get(lang), &[what]),
        StoreError::Busy => t(P::Busy),
        StoreError::ReadOnly(p) => fill(P::ReadOnly.get(lang), &[&p.display()]),
        StoreError::NewerSchema { path, found, known } => {
            fill(P::NewerSchema.get(lang), &[&path.display(), found, known])
        }
        StoreError::Io { source, .. } if source.kind() == std::io::ErrorKind::StorageFull => t(P::DiskFull),
        StoreError::Io { path, source } => fill(P::CannotOpen.get(lang), &[&path.display(), source]),
        // A scheme file's own problem names its file and line; it stays as written.
        StoreError::Scheme(s) => s.to_string(),
        StoreError::SchemeAlreadySet(id) => fill(P::SchemeAlreadySet.get(lang), &[id]),
        StoreError::DuplicateRef(r) => fill(P::DuplicateRef.get(lang), &[r]),
        StoreError::NoSuchCustomer(id) => fill(P::NoSuchCustomer.get(lang), &[id]),
        StoreError::ChangedSince { by, at } => fill(P::ChangedSince.get(lang), &[by, &at.format("%H:%M")]),
        StoreError::NoSuchContact(id) => fill(P::NoSuchContact.get(lang), &[id]),
        StoreError::NoSuchFollowUp(id) => fill(P::NoSuchFollowUp.get(lang), &[id]),
        StoreError::UnknownTier(code) => fill(P::UnknownTier.get(lang), &[code]),
        StoreError::ReasonRequired => t(P::ReasonRequired),
        StoreError::SameTier(code) => fill(P::SameTier.get(lang), &[code]),
        StoreError::ApproverRequired => t(P::ApproverRequired),
        StoreError::NothingToApprove => t(P::NothingToApprove),
        StoreError::SelfApproval(who) => fill(P::SelfApproval.get(lang), &[who]),
        StoreError::Person(problem) => person_problem(problem, lang),
        StoreError::UndoConflict(what) => {
            let what = what.map_or(P::UndoSomeRecord.get(lang), |e| super::audit::entity_name(e, lang));
            fill(P::UndoConflict.get(lang), &[&what])
        }
        StoreError::Date(problem) => super::dates::date_problem(problem, lang),
        StoreError::Unreadable(found) => {
            fill(P::Inconsistent.get(lang), &[&super::dates::unreadable_list(found, lang)])
        }
        StoreError::Sqlite(inner) => fill(P::Other.get(lang), &[inner]),
        StoreError::Move(problem) => super::move_texts::problem(problem, lang),
        StoreError::Pool(problem) => super::pool_texts::problem(problem, lang),
        StoreError::Output(e) => fill(super::move_texts::M::CannotWrite.get(lang), &[e]),
    }
}

fn person_problem(problem: &crate::domain::people::PersonProblem, lang: Lang) -> String {
    use crate::domain::people::PersonProblem as Pp;
    match problem {
        Pp::BlankLogin => P::PersonBlankLogin.get(lang).to_string(),
        Pp::BlankName => P::PersonBlankName.get(lang).to_string(),
        Pp::Taken(l) => fill(P::PersonTaken.get(lang), &[l]),
        Pp::NoSuchLead(l) => fill(P::PersonNoSuchLead.get(lang), &[l]),
        Pp::NotALead(l) => fill(P::PersonNotALead.get(lang), &[l]),
        Pp::NoSuchPerson(l) => fill(P::PersonNoSuchPerson.get(lang), &[l]),
    }
}
