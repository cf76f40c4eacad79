//! The words of a move (`export all`, `import all`): what came in, and why a document was refused.

use super::{Lang, fill, grouped};
use crate::store::move_book::{MoveProblem, Moved, RecordProblem};

texts! { M:
    NotADocument => "这不是可以读取的账本文件（JSON 有误：{}）。请使用 tierdesk export all 导出的文件。", "This is not a readable book document (the JSON is wrong: {}). Use a file written by tierdesk export all.";
    NotABookDocument => "这个 JSON 文件不是 tierdesk 账本文件（format 是“{}”，应为“tierdesk-book”）。", "This JSON file is not a tierdesk book document (its format is \"{}\", not \"tierdesk-book\").";
    NewerVersion => "这个账本文件来自更新版本的 tierdesk（文件版本 {}，本版本最多读取 {}）；没有写入任何内容。请升级 tierdesk 后再导入。", "This book document comes from a newer tierdesk (document version {}, this one reads up to {}); nothing was written. Upgrade tierdesk, then import it.";
    UnknownSection => "账本文件中有无法识别的部分“{}”；没有写入任何内容。", "The book document has a part \"{}\" this tierdesk does not know; nothing was written.";
    MissingHeader => "账本文件开头缺少 format 和 version；没有写入任何内容。", "The book document does not begin with its format and version; nothing was written.";
    BadRecord => "账本文件中第 {} 条 {} 记录{}无法导入：{}。没有写入任何内容。", "Record {} of {}{} in the book document cannot come in: {}. Nothing was written.";
    RecordUuid => "（uuid {}）", " (uuid {})";
    NotAnObject => "它不是一个 JSON 对象", "it is not a JSON object";
    UnknownField => "没有“{}”这个字段", "it has a field \"{}\" that no such record has";
    NotAValue => "字段“{}”应为单个值", "its field \"{}\" should hold a single value";
    NoSuchRecord => "{} 指向的记录 {} 既不在账本中，也不在文件中它之前的位置", "its {} names a record ({}) that neither the book nor the document before it holds";
    Refused => "账本拒绝了它（{}）", "the book refused it ({})";
    OtherScheme => "账本文件使用的分级方案与这个账本不同；没有写入任何内容。请导入到用同一方案创建的账本（新账本可用 tierdesk init --scheme 选择方案）。", "The book document uses another tier scheme than this book; nothing was written. Import it into a book made with the same scheme (tierdesk init --scheme chooses a new book's scheme).";
    TeamBook => "团队账本不能用 import all 导入；请用 tierdesk team import-book 把单人账本导入团队账本。", "A team book does not take import all; bring a solo book in with tierdesk team import-book.";
    CannotWrite => "无法写出导出文件：{}", "cannot write the export: {}";
    Imported => "导入 {} 条记录，{} 条已在账本中（未改动）。", "Imported {} records; {} were already in the book (left as they were).";
    SumAlreadyThere => "{} 条已在账本中（按 uuid），跳过", "{} already in the book (same uuid), skipped";
    Exported => "已导出 {} 条记录到 {}。", "Exported {} records to {}.";
}

/// Why a document cannot come in.
pub fn problem(p: &MoveProblem, lang: Lang) -> String {
    match p {
        MoveProblem::NotADocument(what) => fill(M::NotADocument.get(lang), &[what]),
        MoveProblem::NotABookDocument(found) => fill(M::NotABookDocument.get(lang), &[found]),
        MoveProblem::NewerVersion { found, known } => fill(M::NewerVersion.get(lang), &[found, known]),
        MoveProblem::UnknownSection(name) => fill(M::UnknownSection.get(lang), &[name]),
        MoveProblem::MissingHeader => M::MissingHeader.get(lang).to_string(),
        MoveProblem::OtherScheme => M::OtherScheme.get(lang).to_string(),
        MoveProblem::TeamBook => M::TeamBook.get(lang).to_string(),
        MoveProblem::BadRecord { section, index, uuid, problem } => {
            let uuid = uuid.as_ref().map_or(String::new(), |u| fill(M::RecordUuid.get(lang), &[u]));
            let why = match problem {
                RecordProblem::NotAnObject => M::NotAnObject.get(lang).to_string(),
                RecordProblem::UnknownField(f) => fill(M::UnknownField.get(lang), &[f]),
                RecordProblem::NotAValue(f) => fill(M::NotAValue.get(lang), &[f]),
                RecordProblem::NoSuchRecord { key, uuid } => fill(M::NoSuchRecord.get(lang), &[key, uuid]),
                RecordProblem::Refused(why) => fill(M::Refused.get(lang), &[why]),
            };
            fill(M::BadRecord.get(lang), &[&(index + 1), section, &uuid, &why])
        }
    }
}

/// What `import all` did, in a line.
pub fn imported(m: &Moved, lang: Lang) -> String {
    fill(M::Imported.get(lang), &[&grouped(m.added() as usize), &grouped(m.already_there() as usize)])
}
