//! The team pool's words (公海, issue 17): the pool's refusals, the sweep's and the claim's
//! results on the command line, and the screens' labels for days left and escalations.

use super::{Lang, fill};
use crate::domain::pool::PoolProblem;

texts! { Pool:
    TeamBookOnly => "公海属于团队账本：账本文件只属于一个人，没有公海（用 --db postgres://... 打开团队账本）。", "The pool is a team book's: a book file is one person's and has none (open the team book with --db postgres://...).";
    NotInPool => "这位客户不在你团队的公海里（tierdesk team pool 列出公海中的客户）。", "This customer is not in your team's pool (tierdesk team pool lists them).";
    TakenBy => "没有领取：这位客户已归 {} 负责（可能刚被别人先领走）。", "Not claimed: this customer is {}'s now (someone may have claimed it first).";
    ClaimLimit => "没有领取：你今天已经领取了 {} 位客户，每天最多 {} 位；明天再领，或请主管分配。", "Not claimed: you have claimed {} customers today, at most {} a day; claim again tomorrow, or ask your lead to assign one.";
    AssignRefused => "不能把公海客户分配给 {}：只有主管（在自己的团队内）或管理员可以分配。", "You may not give a pool customer to {}: only a lead (within their team) or an admin assigns from the pool.";
    PinNeedsLead => "只有主管或管理员可以锁定客户（锁定的客户不会退回公海）。", "Only a lead or an admin pins a customer (a pinned customer never goes back to the pool).";
    PinReasonRequired => "锁定客户需要填写原因。", "A pin needs a reason.";
    SnoozePastRelease => "没有延后：这个级别最多延后到 {}（公海的一个退回期）；更久请主管锁定。", "Not snoozed: this tier may be snoozed to {} at most (the pool's release window); longer is a lead's pin.";
    ConfigLimitIgnoredShort => "按账本的上限，不是你配置的 {}。", "The book's limit, not your config's {}.";
    LimitNeedsLead => "只有主管或管理员可以修改团队每人每天的领取上限。", "Only a lead or an admin changes the team's daily claim limit.";
    LimitTooHigh => "每天的领取上限不能是 {}：最多 {}。", "The daily claim limit cannot be {}: at most {}.";
    LimitIs => "团队每人每天最多从公海领取 {} 位客户（账本中的设置；主管用 tierdesk team claims-per-day 数量 修改）。", "Each person may claim {} customers a day from the pool (the book's setting; a lead changes it with tierdesk team claims-per-day N).";
    LimitSet => "团队每人每天的领取上限已改为 {}（原为 {}）。", "The team's daily claim limit is now {} (was {}).";
    ConfigLimitIgnored => "按账本的上限（每天 {} 位）计：你的配置中 [team] claims_per_day = {} 只决定新建团队账本的初始上限。", "The book's limit applies ({} a day): your config's [team] claims_per_day = {} only sets the limit a new team book starts with.";
    Swept => "已按 {} 清理：{} 位客户退回公海，新增 {} 条升级记录。", "Swept as of {}: {} customers back to the pool, {} escalations recorded.";
    SweptBehind => "未退回任何客户：账本已清理到 {} 之后的日期，而今天是 {}（时钟落后）。", "Nothing released: the book was swept for a day after {} already, and today is {} (the clock is behind).";
    PoolEmpty => "公海里没有客户。", "The pool is empty.";
    Claimed => "已领取“{}”：现在归你负责，今天就该联系（今天已领取 {} 位，每天最多 {} 位）。", "Claimed {}: yours now, due today ({} claimed today, at most {} a day).";
    Assigned => "已把“{}”从公海分配给 {}。", "{} assigned from the pool to {}.";
    Pinned => "已锁定“{}”：不会退回公海（原因：{}）。", "{} pinned: it never goes back to the pool (reason: {}).";
    Unpinned => "已解除锁定“{}”。", "{} unpinned.";
    ColReleasedFrom => "原负责人", "Was";
    ColReleasedOn => "退回日期", "Released";
    ColDaysLate => "逾期天数", "Days late";
    ColOwner => "负责人", "Owner";
    ColDaysLeft => "剩余天数", "Days left";
    SortDaysLeft => "剩余天数", "days left";
    EscalatedTitle => "已升级（{}）", "Escalated ({})";
    ReleasedByRule => "按规则退回公海（{} 级，逾期 {} 天）", "released by rule ({}, {} days overdue)";
    DaysLeft => "剩 {} 天", "{}d left";
    PoolTitle => "团队公海：{} 位客户", "The team's pool: {} customers";
    PinTitle => "锁定“{}”（不会退回公海）", "Pin {} (never back to the pool)";
    PinHint => "必填：为何一直留给现负责人", "required: why it stays theirs";
    ConfirmUnpin => "解除锁定“{}”吗？之后按级别规则计算，逾期过久会退回公海。", "Unpin {}? The tier's rules apply to it again: neglected too long, it goes back to the pool.";
    PinInPool => "“{}”在公海里，没有负责人：领取或分配之后才能锁定。", "{} is in the pool, nobody's: it can be pinned once claimed or assigned.";
    ConfirmClaim => "领取“{}”吗？领取后归你负责，今天就该联系。", "Claim {}? It becomes yours, due today.";
    PoolReportTitle => "公海（{} 至 {}）：每人被升级、退回公海和领取的客户数", "The pool from {} to {}: customers escalated, released and claimed per person";
    ColEscalated => "升级", "Escalated";
    ColReleased => "退回", "Released";
    ColClaimed => "领取", "Claimed";
}

/// The note that the book's claim limit applies when the person's config names another
/// (`configured`), else nothing: in full (the command line), or short enough to follow a
/// claim on the TUI's status line.
pub fn config_limit_note(configured: Option<u32>, book: u32, short: bool, l: Lang) -> Option<String> {
    configured.filter(|&c| c != book).map(|c| match short {
        true => fill(Pool::ConfigLimitIgnoredShort.get(l), &[&c]),
        false => fill(Pool::ConfigLimitIgnored.get(l), &[&book, &c]),
    })
}

/// A pool refusal in words, in `l`.
pub fn problem(p: &PoolProblem, l: Lang) -> String {
    match p {
        PoolProblem::TeamBookOnly => Pool::TeamBookOnly.get(l).to_string(),
        PoolProblem::NotInPool => Pool::NotInPool.get(l).to_string(),
        PoolProblem::TakenBy(who) => fill(Pool::TakenBy.get(l), &[who]),
        PoolProblem::ClaimLimit { claimed, limit } => fill(Pool::ClaimLimit.get(l), &[claimed, limit]),
        PoolProblem::AssignRefused(who) => fill(Pool::AssignRefused.get(l), &[who]),
        PoolProblem::PinNeedsLead => Pool::PinNeedsLead.get(l).to_string(),
        PoolProblem::PinReasonRequired => Pool::PinReasonRequired.get(l).to_string(),
        PoolProblem::LimitNeedsLead => Pool::LimitNeedsLead.get(l).to_string(),
        PoolProblem::SnoozePastRelease(latest) => fill(Pool::SnoozePastRelease.get(l), &[latest]),
        PoolProblem::LimitTooHigh(n) => fill(Pool::LimitTooHigh.get(l), &[n, &crate::domain::pool::MAX_CLAIMS_PER_DAY]),
    }
}
