//! The words of notes search (issue 13 point 4), for the command line and the screen. A
//! table of its own, so that the main one stays small.

use super::Lang;
use crate::domain::notes::NoteSource;

texts! { N:
    SourceSummary => "联系内容", "summary";
    SourceOutcome => "联系结果", "outcome";
    SourceFollowUp => "跟进事项", "follow-up";
    ColDate => "日期", "Date";
    ColCustomer => "客户", "Customer";
    ColIn => "出处", "In";
    ColSnippet => "片段", "Snippet";
    Title => "笔记搜索", "Notes search";
    TitleHits => "笔记搜索：“{}”，{} 条（最新的在前）", "Notes search: \"{}\", {} hits (newest first)";
    Prompt => "查找笔记：", "Find in notes: ";
    Hint => "在联系内容、联系结果和跟进事项中查找（两个字也可以）。Enter 打开客户，Esc 返回", "Looks in contact summaries, outcomes and follow-ups (two characters will do). Enter opens the customer, Esc goes back";
    NoHits => "没有笔记包含“{}”", "No notes contain \"{}\"";
    HelpNotes => "在笔记中查找（联系记录、跟进事项）", "search notes (contacts, follow-ups)";
}

impl N {
    /// Where a hit was written.
    pub fn source(source: NoteSource) -> N {
        match source {
            NoteSource::Summary(_) => N::SourceSummary,
            NoteSource::Outcome(_) => N::SourceOutcome,
            NoteSource::FollowUp(_) => N::SourceFollowUp,
        }
    }
}
