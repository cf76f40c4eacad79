//! Suitability's words, in both languages: a verdict and why, the refusals of a
//! recommendation, `tierdesk suit`, `product list` and `import products`, and the contact
//! form's product lines.

use super::{Lang, fill};
use crate::app::suitability::Refusal;
use crate::domain::suitability::{Judgement, Product, Reason, Verdict};

texts! { S:
    Suitable => "适合", "suitable";
    Unsuitable => "不适合", "unsuitable";
    Unknown => "未知", "unknown";
    WhySuits => "{}（{}）适合 {} 类投资者：{} 可购买 R1 至 {} 的产品；{} 评估，{} 到期", "{} ({}) suits a {} investor: {} may be offered R1 to {}; assessed {}, expires {}";
    WhyTooRisky => "{}（{}）高于 {} 类投资者可购买的风险等级（最高 {}）；{} 评估，{} 到期", "{} ({}) is riskier than a {} investor may be offered (up to {}); assessed {}, expires {}";
    WhyNotAssessed => "{}（{}）：客户没有风险承受能力评估，适当性未知", "{} ({}): the customer has no risk assessment, so suitability is unknown";
    WhyExpired => "{}（{}）：最近一次风险评估（{}，{}）已于 {} 过期，适当性未知", "{} ({}): the latest risk assessment ({}, {}) expired on {}, so suitability is unknown";
    WhyNoCategory => "{}（{}）：最近一次评估的类别“{}”没有对应的投资者分类（C1–C5），适当性未知", "{} ({}): the latest assessment's band \"{}\" maps to no investor category (C1-C5), so suitability is unknown";
    SuitLine => "{}：{}", "{}: {}";
    UnknownProduct => "没有代码为“{}”的产品（已有：{}）", "no product \"{}\" (known: {})";
    NeedsProduct => "产品推荐需要写明推荐的产品：请加 --product 产品代码（tierdesk product list 列出代码）；没有记录任何内容", "a recommendation names its product: give --product CODE (tierdesk product list shows the codes); nothing was recorded";
    ProductOnlyForRecommendation => "--product 只用于产品推荐（--kind recommendation），不用于“{}”；没有记录任何内容", "--product goes only with --kind recommendation, not with \"{}\"; nothing was recorded";
    NeedsConfirmation => "没有记录：{}。推荐{}的产品，需要客户书面确认已知晓风险：请加 --acknowledge-mismatch \"客户的确认内容\"（会记入审计日志）", "not recorded: {}. Recommending a product that is {} needs the customer's written confirmation that they know the risk: add --acknowledge-mismatch \"the customer's words\" (kept in the audit log)";
    ConfirmationTooLong => "--acknowledge-mismatch：客户确认最多 {} 个字；没有记录任何内容", "--acknowledge-mismatch: the customer's confirmation is at most {} characters; nothing was recorded";
    Recommended => "；推荐产品 {}（{}）", "; recommended {} ({})";
    RecommendedMismatch => "；推荐产品 {}（{}，{}），客户确认已记入审计日志", "; recommended {} ({}, {}), the customer's confirmation is in the audit log";
    NoProducts => "没有产品", "no products";
    ColCode => "代码", "code";
    ColName => "名称", "name";
    ColLevel => "风险等级", "level";
    ProductsImported => "已导入产品：{}（{}，{} 行）：新增 {}，更新 {}", "imported products: {} ({}, {} rows): {} added, {} updated";
    ProductsDryRun => "检查通过（未写入）：{}（{}，{} 行）：将新增 {}，更新 {}", "checked, nothing written: {} ({}, {} rows): {} to add, {} to update";
    BadLevel => "风险等级“{}”不是 R1 至 R5（或 1 至 5）", "risk level \"{}\" is not R1 to R5 (or 1 to 5)";
    BadCode => "产品代码“{}”须是一个词（无空格），最多 40 个字符", "product code \"{}\" must be one word (no spaces) of at most 40 characters";
    RepeatedCode => "产品代码“{}”在第 {} 行已出现", "product code \"{}\" is on line {} already";
    // The contact form.
    FormProduct => "产品", "Product";
    FormConfirmation => "客户确认", "Confirmation";
    FormPickProduct => "{}/{} 或 ←/→：切换产品", "{}/{} or ←/→: step through products";
    FormNoProducts => "没有可选的产品（tierdesk import products 导入）", "no products to pick (tierdesk import products adds them)";
    FormConfirmationHint => "客户的书面确认（记入审计日志）", "the customer's written confirmation (kept in the audit log)";
    FormMismatch => "⚠ {}：需填写客户的书面确认", "⚠ {}: the customer's written confirmation is required";
    FormNeedsProduct => "没有保存：产品推荐需要在“{}”中选择产品", "not saved: a recommendation needs a product: pick one in \"{}\"";
    FormNeedsConfirmation => "没有保存：此产品对该客户{}，须填写“{}”（客户的书面确认）", "not saved: this product is {} for this customer, so \"{}\" (the customer's written confirmation) is required";
    FormConfirmationTooLong => "没有保存：“{}”最多 {} 个字", "not saved: \"{}\" is at most {} characters";
    FormEditKind => "没有保存：产品推荐的产品在记录时选定；要推荐产品，请新记一条联系", "not saved: a recommendation's product is picked when it is logged; log a new contact to recommend a product";
    FormRecommended => "；推荐产品 {}", "; recommended {}";
}

pub fn verdict(v: Verdict) -> S {
    match v {
        Verdict::Suitable => S::Suitable,
        Verdict::Unsuitable => S::Unsuitable,
        Verdict::Unknown => S::Unknown,
    }
}

/// Why the verdict is what it is, in a sentence naming the product, its level, the category,
/// and the assessment's dates.
pub fn why(product: &Product, j: &Judgement, lang: Lang) -> String {
    let name = format!("{} {}", product.code, product.name(lang));
    let level = j.level.to_string();
    let category = j.category.map(|c| c.to_string()).unwrap_or_default();
    let top = j.category.map(|c| format!("R{}", c.number())).unwrap_or_default();
    let on = j.assessed_on.map(|d| d.to_string()).unwrap_or_default();
    let expires = j.expires_on.map(|d| d.to_string()).unwrap_or_default();
    match &j.reason {
        Reason::Suits => fill(S::WhySuits.get(lang), &[&name, &level, &category, &category, &top, &on, &expires]),
        Reason::TooRisky => fill(S::WhyTooRisky.get(lang), &[&name, &level, &category, &top, &on, &expires]),
        Reason::NotAssessed => fill(S::WhyNotAssessed.get(lang), &[&name, &level]),
        Reason::Expired => {
            let was = if category.is_empty() { S::Unknown.get(lang).to_string() } else { category };
            fill(S::WhyExpired.get(lang), &[&name, &level, &was, &on, &expires])
        }
        Reason::NoCategory(band) => fill(S::WhyNoCategory.get(lang), &[&name, &level, band]),
    }
}

/// A recommendation's refusal, for the command line (and any face).
pub fn refusal(r: &Refusal, lang: Lang) -> String {
    match r {
        Refusal::UnknownProduct { code, known } => fill(S::UnknownProduct.get(lang), &[code, &known.join(", ")]),
        Refusal::NeedsProduct => S::NeedsProduct.get(lang).to_string(),
        Refusal::ProductOnlyForRecommendation { kind } => fill(S::ProductOnlyForRecommendation.get(lang), &[kind]),
        Refusal::NeedsConfirmation(b) => {
            let (p, j) = (&b.0, &b.1);
            fill(S::NeedsConfirmation.get(lang), &[&why(p, j, lang), &verdict(j.verdict).get(lang)])
        }
        Refusal::ConfirmationTooLong { max } => fill(S::ConfirmationTooLong.get(lang), &[max]),
    }
}

/// A recommendation's refusal, in the contact form's words (its fields, not the flags).
pub fn form_refusal(r: &Refusal, lang: Lang) -> String {
    let confirmation = S::FormConfirmation.get(lang);
    match r {
        Refusal::NeedsProduct => fill(S::FormNeedsProduct.get(lang), &[&S::FormProduct.get(lang)]),
        Refusal::NeedsConfirmation(b) => {
            let why = why(&b.0, &b.1, lang);
            let head = fill(S::FormNeedsConfirmation.get(lang), &[&verdict(b.1.verdict).get(lang), &confirmation]);
            fill(S::SuitLine.get(lang), &[&head, &why])
        }
        Refusal::ConfirmationTooLong { max } => fill(S::FormConfirmationTooLong.get(lang), &[&confirmation, max]),
        other => refusal(other, lang),
    }
}
