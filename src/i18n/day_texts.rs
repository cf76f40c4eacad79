//! The TUI's words for a salesperson's day (issue 13): Today's filters, the week ahead, and
//! the messages of Today's rows. A table of its own, so that the main one stays small.

use super::Lang;

texts! { D:
    FilterTitle => "筛选：{}", "filter: {}";
    TodayShort => "今日：剩余 {}/{}", "Today: {} of {} left";
    FilterTier => "{} 级", "tier {}";
    FilterRegion => "地区 {}", "region {}";
    FiltersOnToday => "按事由筛选用于今日待办（按 {}）；这里按级别（{}）和地区（{}）筛选", "The reason filter works on Today ({}); here {} filters by tier and {} by region";
    NoRegions => "这里的客户都没有填写地区，无法按地区筛选", "No customer here has a region: nothing to filter by";
    NothingMatches => "没有符合“{}”的事项。按 {}、{}、{} 调整筛选（按到底回到全部）。", "Nothing matches \"{}\". {}, {} and {} change the filter (stepping past the last shows all).";
    TodayEmpty => "今天没有待办事项。按 {} 新增客户，按 {} 导入表格，按 {} 浏览全部客户。", "Nothing is due today. {} adds a customer, {} imports a spreadsheet, {} browses all customers.";
    DoneShort => "已办", "done";
    MarkedDone => "已完成：{}（{}）", "Done: {} (for {})";
    Reopened => "已重新打开：{}（{}）", "Reopened: {} (for {})";
    WeekTitle => "未来一周 {} 至 {}：共 {}", "The week ahead, {} to {}: {}";
    Overdue => "已逾期", "Overdue";
    DayHeading => "{} {}", "{} {}";
    Count => "{} 项", "{} items";
    CountOne => "{} 项", "{} item";
    Nothing => "（无）", "(nothing)";
    ColDue => "应办", "Due";
    Mon => "周一", "Mon";
    Tue => "周二", "Tue";
    Wed => "周三", "Wed";
    Thu => "周四", "Thu";
    Fri => "周五", "Fri";
    Sat => "周六", "Sat";
    Sun => "周日", "Sun";
    LastAssessedExpires => "上次评估 {}（{}），{} 到期", "last assessed {} ({}), expires {}";
    AssessmentStays => "风险评估到期不能改日：按 {} 做问卷", "An expired assessment cannot be moved: {} takes the questionnaire";
}

impl D {
    /// The weekday's short name.
    pub fn weekday(day: chrono::Weekday) -> D {
        use chrono::Weekday::*;
        match day {
            Mon => D::Mon,
            Tue => D::Tue,
            Wed => D::Wed,
            Thu => D::Thu,
            Fri => D::Fri,
            Sat => D::Sat,
            Sun => D::Sun,
        }
    }
}
