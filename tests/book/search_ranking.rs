//! Ranking quality of the customer search on real-looking names: a table of queries a
//! salesperson types (pinyin initials, full pinyin, Chinese, Latin, typos, mixed scripts,
//! phones, tags) with the customer expected first. The same table is run through
//! `fuzzy-matcher` (SkimMatcherV2) on the same text, for the record of why nucleo was kept.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use tierdesk::domain::customer::CustomerId;
use tierdesk::domain::names::{full_pinyin, initials};
use tierdesk::domain::search::{SearchEntry, SearchIndex};

fn book() -> Vec<SearchEntry> {
    let rows: &[(&str, &str, &str, &str, &str, usize)] = &[
        ("招商银行", "招商银行股份有限公司", "李经理", "0755-83198888", "银行 重点", 0),
        ("中国工商银行", "中国工商银行深圳分行", "王行长", "95588", "银行", 0),
        ("中山医院", "复旦大学附属中山医院", "张主任", "021-64041990", "医疗", 2),
        ("张三", "中山装饰工程有限公司", "", "13800138000", "", 3),
        ("张珊珊", "上海华信科技有限公司", "", "13900139000", "", 1),
        ("王芳", "远航物流有限公司", "", "13711112222", "物流", 1),
        ("汪芳", "恒泰投资管理有限公司", "", "13722223333", "", 2),
        ("黄伟", "新锐智能制造有限公司", "", "", "制造", 2),
        ("欧阳娜娜", "星河文化传媒有限公司", "", "", "传媒", 1),
        ("司马光", "宋代史馆", "", "", "", 3),
        ("曾伟", "重庆长安汽车股份有限公司", "曾经理", "", "汽车", 0),
        ("长沙银行", "长沙银行股份有限公司", "", "", "银行", 1),
        ("厦门航空", "厦门航空有限公司", "", "", "航空", 1),
        ("平安保险", "中国平安保险（集团）股份有限公司", "马总", "95511", "保险", 0),
        ("Acme Trading", "Acme Trading Ltd", "John Smith", "+1 555 0100", "import", 2),
        ("Northwind", "Northwind Traders", "Nancy Davolio", "", "", 1),
        ("Müller GmbH", "Müller Maschinenbau", "Hans Müller", "", "germany", 2),
        ("Bluehill Logistics", "Bluehill Logistics Co.", "Wang Lei", "", "物流", 3),
        ("Zhang Wei", "Silverline Capital", "", "", "", 0),
        ("华为技术", "华为技术有限公司", "", "", "通讯", 0),
        ("海尔集团", "海尔集团公司", "", "", "家电", 1),
        ("Harbor Foods", "Harbor Foods Co.", "", "", "food", 2),
        ("恒瑞医药", "江苏恒瑞医药股份有限公司", "", "", "医药", 1),
        ("李强", "金桥贸易有限公司", "", "18600001111", "", 2),
        ("Li Qiang", "Pioneer Machinery", "", "", "", 3),
    ];
    rows.iter()
        .enumerate()
        .map(|(i, (n, c, p, ph, t, r))| SearchEntry {
            id: CustomerId(i as i64 + 1),
            name: n.to_string(),
            company: c.to_string(),
            contact: p.to_string(),
            phone: ph.to_string(),
            tags: t.to_string(),
            tier_rank: *r,
        })
        .collect()
}

/// (query, the name expected first)
const TABLE: &[(&str, &str)] = &[
    ("zsyh", "招商银行"),
    ("zhaoshang", "招商银行"),
    ("招商", "招商银行"),
    ("gsyh", "中国工商银行"),
    ("gongshang", "中国工商银行"),
    ("zsyy", "中山医院"),
    ("zhangsan", "张三"),
    ("zss", "张珊珊"),
    ("wangfang", "王芳"),
    ("oyn", "欧阳娜娜"),
    ("ouyang", "欧阳娜娜"),
    ("smg", "司马光"),
    ("zengwei", "曾伟"),
    ("chongqing", "曾伟"),
    ("csyh", "长沙银行"),
    ("xiamen", "厦门航空"),
    ("pingan", "平安保险"),
    ("acme", "Acme Trading"),
    ("acm trd", "Acme Trading"),
    ("nrthwind", "Northwind"),
    ("muller", "Müller GmbH"),
    ("bluehil", "Bluehill Logistics"),
    ("zhang wei", "Zhang Wei"),
    ("huawei", "华为技术"),
    ("hryy", "恒瑞医药"),
    ("95511", "平安保险"),
    ("13800", "张三"),
    ("germany", "Müller GmbH"),
];

fn skim_first(entries: &[SearchEntry], query: &str) -> Option<String> {
    let m = SkimMatcherV2::default();
    entries
        .iter()
        .filter_map(|e| {
            let text = format!("{}  {}  {}  {}  {}", e.name, e.company, e.contact, e.phone, e.tags);
            let py = format!(
                "{}  {}  {}  {}",
                initials(&e.name),
                initials(&e.company),
                full_pinyin(&e.name),
                full_pinyin(&e.company)
            );
            let s = m.fuzzy_match(&text, query).max(m.fuzzy_match(&py, query))?;
            Some((s, e.tier_rank, e.name.clone()))
        })
        .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(&a.1)))
        .map(|(_, _, n)| n)
}

#[test]
fn the_expected_customer_comes_first_for_every_query() {
    let entries = book();
    let mut index = SearchIndex::new(entries.clone());
    let mut misses = Vec::new();
    let mut skim_right = 0;
    for (query, want) in TABLE {
        let hits = index.search(query, 5);
        let got = hits.first().map(|h| index.entry((h.id.0 - 1) as usize).name.clone());
        if got.as_deref() != Some(*want) {
            misses.push(format!("{query:?}: expected {want}, got {got:?}"));
        }
        if skim_first(&entries, query).as_deref() == Some(*want) {
            skim_right += 1;
        }
    }
    eprintln!(
        "ranking: nucleo-matcher {}/{} first, fuzzy-matcher (skim v2) {}/{} first",
        TABLE.len() - misses.len(),
        TABLE.len(),
        skim_right,
        TABLE.len()
    );
    assert!(TABLE.len() >= 20);
    assert!(misses.is_empty(), "{} misses:\n{}", misses.len(), misses.join("\n"));
}
