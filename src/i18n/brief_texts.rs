//! The visit brief in words (issue 14): its section headings and lines, in our own words.

use super::Lang;

texts! { B:
    Title => "拜访简报：{}", "Visit brief: {}";
    Who => "客户", "Who";
    WhyTier => "为何是这个级别", "Why this tier";
    Contacts => "最近联系", "Last contacts";
    FollowUps => "待办跟进", "Open follow-ups";
    Risk => "风险测评", "Risk assessment";
    TierLine => "{} 级 · {}", "Tier {} · {}";
    OwnerLine => "负责人：{}", "Owner: {}";
    RefLine => "编号：{}", "Ref: {}";
    CompanyLine => "公司：{}", "Company: {}";
    ContactLine => "联系方式：{}", "Reach: {}";
    RegionLine => "地区：{}", "Region: {}";
    LastNext => "上次联系 {}；下次应联系 {}", "Last contact {}; next due {}";
    Never => "从未联系", "never";
    Awaiting => "（升入最高级别，待审批）", "(moved into the top tier, awaiting sign-off)";
    Model => "评级模型 {}：{}", "Grading model {}: {}";
    Change => "{} 由 {} 调整 {} → {}：{}", "{} {} moved it {} → {}: {}";
    ChangeNew => "{} 由 {} 定为 {}：{}", "{} {} set it to {}: {}";
    NoReason => "（未写原因）", "(no reason given)";
    NoWhy => "没有指标数据，也没有调整记录：级别是建档时定的", "No indicator values and no recorded change: the tier was set when the customer was added";
    NoContacts => "还没有联系记录", "No contact recorded yet";
    NoFollowUps => "没有待办跟进", "No open follow-up";
    FollowUpLate => "{}  {}（逾期 {} 天）", "{}  {} ({} days late)";
    FollowUpDue => "{}  {}", "{}  {}";
    NotAssessed => "从未测评：在推荐任何产品之前先做问卷", "Never assessed: run the questionnaire before recommending any product";
    ExpiredNote => "测评已过期：推荐产品前请重新测评", "The assessment has expired: assess again before recommending a product";
    More => "（另有 {} 项，见客户页）", "({} more on the customer's page)";
    Suits => "适合的产品", "Products that suit";
    Recommended => "推荐了 {}", "recommended {}";
    Terms => "交易条件", "Terms";
    NoTerms => "这套分级没有交易条件", "This tier scheme has no terms";
    TermLine => "{}：{}", "{}: {}";
    Temperament => "顾客类型", "Temperament";
    NoTemperament => "未设置（在客户页按 {} 选择）", "Not set (pick one with {} on the customer's page)";
    NoTemperamentCli => "未设置（用 tierdesk customer edit --temperament 设置）", "Not set (tierdesk customer edit --temperament sets one)";
    UnknownTemperament => "“{}”（不在顾客类型列表中）", "\"{}\" (not in the temperament list)";
    SuitLevels => "{} 类投资者：可推荐 {} 的产品", "A {} investor: may be offered {}";
    SuitUnknown => "适当性未知（{}）：推荐任何产品前先完成有效的风险测评", "Suitability unknown ({}): a current risk assessment comes before any recommendation";
    SuitNeverAssessed => "从未测评", "never assessed";
    SuitExpired => "测评已于 {} 过期", "the assessment expired {}";
    SuitNoCategory => "测评类别“{}”没有对应的投资者分类", "the band \"{}\" maps to no investor category";
    SuitProduct => "{}  {}  {}", "{}  {}  {}";
    SuitNone => "产品目录里没有适合的产品", "No product in the catalogue suits";
    SuitMore => "……另有 {} 个适合的产品（tierdesk suit 逐个判断）", "... and {} more that suit (tierdesk suit judges one)";
}
