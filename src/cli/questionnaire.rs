//! `tierdesk questionnaire show`: a shipped questionnaire with its option letters and points,
//! ready to print as a paper form, and how to type the answers for `tierdesk assess`; or the
//! same as JSON. Needs no book.

use clap::Subcommand;
use serde::Serialize;

use super::output::TextOrJson;
use super::{CliError, Context};
use crate::data;
use crate::domain::questionnaire::{Choice, GridRow, QuestionKind, Questionnaire, letter};
use crate::i18n::Lang;
use crate::textwidth;

/// The questionnaire used when none is named.
pub const DEFAULT_QUESTIONNAIRE: &str = "risk_tolerance";

#[derive(Subcommand, Debug)]
pub enum QuestionnaireCommand {
    /// Print a questionnaire with option letters and points (for a paper form) and the answer
    /// syntax of `tierdesk assess`.
    Show {
        /// The questionnaire's id; default risk_tolerance.
        id: Option<String>,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
}

pub fn run(ctx: &Context, command: QuestionnaireCommand) -> Result<(), CliError> {
    match command {
        QuestionnaireCommand::Show { id, format } => {
            let q = shipped(id.as_deref().unwrap_or(DEFAULT_QUESTIONNAIRE), "questionnaire")?;
            match format {
                TextOrJson::Json => println!("{}", json(&q, ctx.lang)?),
                TextOrJson::Text => print!("{}", text(&q, ctx.lang)),
            }
            Ok(())
        }
    }
}

/// A shipped questionnaire by id; `what` names the argument in the refusal.
pub(super) fn shipped(id: &str, what: &str) -> Result<Questionnaire, CliError> {
    data::questionnaire(id.trim()).ok_or_else(|| {
        let known: Vec<String> = data::questionnaires().into_iter().map(|q| q.id).collect();
        CliError::from(super::refusal::Refusal::NoQuestionnaire {
            flag: what.into(),
            id: id.into(),
            known: known.join(", "),
        })
    })
}

fn tr(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

#[derive(Serialize)]
struct QuestionnaireOut {
    id: String,
    version: u32,
    bands: Vec<BandOut>,
    questions: Vec<QuestionOut>,
}

#[derive(Serialize)]
struct BandOut {
    code: String,
    min: u32,
    max: u32,
}

#[derive(Serialize)]
struct QuestionOut {
    id: String,
    kind: &'static str,
    text: String,
    options: Vec<OptionOut>,
    rows: Vec<RowOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cap: Option<u32>,
}

#[derive(Serialize)]
struct RowOut {
    label: String,
    options: Vec<OptionOut>,
}

#[derive(Serialize)]
struct OptionOut {
    letter: String,
    text: String,
    points: u32,
}

fn options_out(options: &[Choice], lang: Lang) -> Vec<OptionOut> {
    options
        .iter()
        .enumerate()
        .map(|(i, o)| OptionOut { letter: letter(i).to_string(), text: o.text.get(lang).to_string(), points: o.points })
        .collect()
}

/// What `--format json` prints: texts in `lang`; a grid's rows in answer order, each with its
/// own options; a multiple choice with its cap.
pub fn json(q: &Questionnaire, lang: Lang) -> Result<String, CliError> {
    let out = QuestionnaireOut {
        id: q.id.clone(),
        version: q.version,
        bands: q.bands.iter().map(|b| BandOut { code: b.code.clone(), min: b.min, max: b.max }).collect(),
        questions: q
            .questions
            .iter()
            .map(|question| {
                let (options, rows, cap) = match &question.kind {
                    QuestionKind::Single { options } => (options_out(options, lang), Vec::new(), None),
                    QuestionKind::Multiple { options, cap } => (options_out(options, lang), Vec::new(), Some(*cap)),
                    QuestionKind::Grid { rows } => (
                        Vec::new(),
                        rows.iter()
                            .map(|r| RowOut {
                                label: r.label.get(lang).to_string(),
                                options: options_out(&r.options, lang),
                            })
                            .collect(),
                        None,
                    ),
                };
                QuestionOut {
                    id: question.id.clone(),
                    kind: question.kind_name(),
                    text: question.text.get(lang).to_string(),
                    options,
                    rows,
                    cap,
                }
            })
            .collect(),
    };
    super::output::json(&out)
}

/// Lettered options, their texts padded so the points line up (a long text is never cut: its
/// points simply follow it).
fn option_lines(out: &mut String, options: &[Choice], lang: Lang, indent: &str) {
    let w = options.iter().map(|o| textwidth::width(o.text.get(lang))).max().unwrap_or(0).min(80);
    for (i, o) in options.iter().enumerate() {
        let text = o.text.get(lang);
        let pad = " ".repeat(w.saturating_sub(textwidth::width(text)));
        out.push_str(&format!("{indent}{}  {text}{pad}  {:>2}\n", letter(i), o.points));
    }
}

/// A grid whose rows offer the same options as a table: one column per option, the points of
/// each row below; otherwise each row with its own option list.
fn grid_lines(out: &mut String, no: usize, rows: &[GridRow], lang: Lang) {
    let texts = |r: &GridRow| r.options.iter().map(|o| o.text.get(lang).to_string()).collect::<Vec<_>>();
    let shared = rows.windows(2).all(|w| texts(&w[0]) == texts(&w[1]));
    if !shared {
        for (r, row) in rows.iter().enumerate() {
            out.push_str(&format!("   {no}.{} {}\n", r + 1, row.label.get(lang)));
            option_lines(out, &row.options, lang, "        ");
        }
        return;
    }
    let labels: Vec<String> =
        rows.iter().enumerate().map(|(r, row)| format!("{no}.{} {}", r + 1, row.label.get(lang))).collect();
    let lw = labels.iter().map(|l| textwidth::width(l)).max().unwrap_or(0);
    let heads: Vec<String> = texts(&rows[0]).iter().enumerate().map(|(i, t)| format!("{} {t}", letter(i))).collect();
    let mut line = format!("   {}", " ".repeat(lw));
    for h in &heads {
        line.push_str(&format!("  {h}"));
    }
    out.push_str(line.trim_end());
    out.push('\n');
    for (label, row) in labels.iter().zip(rows) {
        let mut line = format!("   {}", textwidth::pad(label, lw));
        for (h, o) in heads.iter().zip(&row.options) {
            line.push_str(&format!("  {}", textwidth::pad(&o.points.to_string(), textwidth::width(h))));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// The paper form: title, questions with lettered options and points, the bands, and the
/// answer syntax with a worked example.
pub fn text(q: &Questionnaire, lang: Lang) -> String {
    let l = lang;
    let mut out = format!("{}\n", q.title.get(l));
    out.push_str(&match l {
        Lang::Zh => format!(
            "{}，第 {} 版；共 {} 题，总分 {} 至 {} 分；每 {} 个月重新评估\n",
            q.id,
            q.version,
            q.questions.len(),
            q.min_total(),
            q.max_total(),
            q.reassess_after_months
        ),
        Lang::En => format!(
            "{}, version {}; {} questions, totals from {} to {}; re-assess every {} months\n",
            q.id,
            q.version,
            q.questions.len(),
            q.min_total(),
            q.max_total(),
            q.reassess_after_months
        ),
    });
    for (i, question) in q.questions.iter().enumerate() {
        let no = i + 1;
        out.push_str(&format!("\n{no}. {}  [{}]\n", question.text.get(l), question.id));
        match &question.kind {
            QuestionKind::Single { options } => option_lines(&mut out, options, l, "   "),
            QuestionKind::Multiple { options, cap } => {
                out.push_str(&match l {
                    Lang::Zh => format!("   （可多选：所选各项分数相加，本题最多 {cap} 分）\n"),
                    Lang::En => format!("   (any number of letters: their points are added, at most {cap})\n"),
                });
                option_lines(&mut out, options, l, "   ");
            }
            QuestionKind::Grid { rows } => {
                out.push_str(tr(
                    l,
                    "   （每一行选一项；下表为各选项的分数，各行分数相加）\n",
                    "   (one letter per row; the table gives each option's points; the rows' points are added)\n",
                ));
                grid_lines(&mut out, no, rows, l);
            }
        }
    }
    out.push_str(tr(l, "\n风险类别（按总分）\n", "\nCategories by total score\n"));
    let w = q.bands.iter().map(|b| textwidth::width(b.name.get(l))).max().unwrap_or(0);
    for b in &q.bands {
        let range = format!("{}–{}", b.min, b.max);
        out.push_str(&format!("   {range:<8} {}  {}\n", textwidth::pad(b.name.get(l), w), b.code));
    }
    out.push_str(&syntax(q, l));
    out
}

/// How to type the paper form's answers, with an example and what it scores.
fn syntax(q: &Questionnaire, l: Lang) -> String {
    let mut out = match l {
        Lang::Zh => format!(
            "\n录入答案：tierdesk assess 客户 --answers \"...\"\n   按题号顺序填写 {} 项，用逗号分隔；单选题每题一个字母。\n",
            q.item_count()
        ),
        Lang::En => format!(
            "\nTyping the answers: tierdesk assess CUSTOMER --answers \"...\"\n   {} items in question order, separated by commas; one letter for each single-choice question.\n",
            q.item_count()
        ),
    };
    let mut example = Vec::new();
    for (i, question) in q.questions.iter().enumerate() {
        let no = i + 1;
        match &question.kind {
            QuestionKind::Single { options } => example.push(letter(1.min(options.len() - 1)).to_string()),
            QuestionKind::Grid { rows } => {
                out.push_str(&match l {
                    Lang::Zh => format!("   第 {no} 题（{}）每行一个字母，各占一项，按行的顺序：共 {} 项。\n", question.id, rows.len()),
                    Lang::En => format!(
                        "   Question {no} ({}) takes one letter per row, each as its own item, in row order: {} items.\n",
                        question.id,
                        rows.len()
                    ),
                });
                example.extend(rows.iter().enumerate().map(|(r, row)| letter(r % row.options.len()).to_string()));
            }
            QuestionKind::Multiple { options, .. } => {
                out.push_str(&match l {
                    Lang::Zh => format!("   第 {no} 题（{}）所选字母连写为一项，例如 AC。\n", question.id),
                    Lang::En => {
                        format!(
                            "   Question {no} ({}) takes all its letters together as one item, e.g. AC.\n",
                            question.id
                        )
                    }
                });
                example.push(if options.len() > 2 { "AC".into() } else { "A".into() });
            }
        }
    }
    let example = example.join(",");
    let scored = q.parse_letters(&example).ok().and_then(|a| q.score(&a).ok());
    out.push_str(&format!("   {}{example}", tr(l, "示例：", "Example: ")));
    if let Some(score) = scored {
        let band = q.band(score);
        out.push_str(&match l {
            Lang::Zh => format!("（{score} 分，{}）", band.name.get(l)),
            Lang::En => format!(" (scores {score}: {})", band.name.get(l)),
        });
    }
    out.push('\n');
    out
}
