//! A book of 100,000 customers as different from each other as a real one's: Chinese and
//! Latin names that rarely repeat, companies by city, brand and trade, contact persons,
//! mobile numbers and tags (the big book's names repeat: 5,120 Chinese names and 8 companies,
//! which flatters any search that shares work between equal values). No contacts: a search
//! reads none. Generated once into `target/bench-data/`, deterministically.

use std::path::PathBuf;

use tierdesk::clock::Clock;
use tierdesk::data;
use tierdesk::domain::customer::CustomerFields;
use tierdesk::store::Store;
use tierdesk::store::prelude::*;

pub const CUSTOMERS: usize = 100_000;

const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN: &str = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建红文辉力梅鑫波宇浩凯鹏飞晨阳欣颖婷雪琳丹晶慧巧美倩佳思嘉子涵梓轩一诺睿博俊熙浩然雨欣可馨天宏志国永春海林峰斌宁亮成德贵福生龙元全胜学祥才发新利清飞彬富顺信耀荣庆";
const CITIES: &[&str] = &[
    "北京",
    "上海",
    "广州",
    "深圳",
    "天津",
    "重庆",
    "成都",
    "杭州",
    "南京",
    "武汉",
    "西安",
    "长沙",
    "苏州",
    "郑州",
    "青岛",
    "厦门",
    "宁波",
    "合肥",
    "福州",
    "济南",
    "昆明",
    "大连",
    "沈阳",
    "哈尔滨",
    "长春",
    "石家庄",
    "南昌",
    "贵阳",
    "南宁",
    "太原",
];
const BRAND: &str = "华信远航恒泰金桥嘉禾新锐星河海尔瑞丰宏达鼎盛汇通博雅中天东方盛世永安和信天成百川润华益民光明";
const TRADES: &[&str] = &[
    "科技", "物流", "贸易", "投资", "食品", "医药", "建设", "传媒", "汽车", "电子", "机械", "化工", "服装", "家电",
    "能源", "软件", "咨询", "餐饮", "教育", "地产",
];
const FORMS: &[&str] = &["有限公司", "股份有限公司", "集团", "商行", "工作室"];
const LATIN_A: &[&str] = &[
    "Acme",
    "Northwind",
    "Bluehill",
    "Atlas",
    "Harbor",
    "Pioneer",
    "Silverline",
    "Contoso",
    "Fabrikam",
    "Globex",
    "Initech",
    "Umbrella",
    "Stark",
    "Wayne",
    "Tyrell",
    "Cyberdyne",
    "Soylent",
    "Hooli",
    "Vandelay",
    "Wonka",
    "Oceanic",
    "Gringotts",
    "Monarch",
    "Aperture",
    "Black Mesa",
    "Dunder",
    "Sterling",
    "Pied Piper",
    "Massive",
    "Nakatomi",
];
const LATIN_B: &[&str] = &[
    "Trading",
    "Foods",
    "Logistics",
    "Capital",
    "Machinery",
    "Systems",
    "Partners",
    "Holdings",
    "Labs",
    "Industries",
    "Textiles",
    "Pharma",
    "Energy",
    "Media",
    "Motors",
    "Retail",
    "Software",
    "Consulting",
    "Shipping",
    "Farms",
];
const LATIN_FORMS: &[&str] = &["Ltd", "Inc", "GmbH", "Co.", "LLC", "S.A.", "Pte Ltd", "AG"];
const TAGS: &[&str] =
    &["重点", "VIP", "新客户", "待跟进", "老客户", "高潜力", "招标", "续约", "已流失", "华东", "华南", "export"];
const TITLES: &[&str] = &["经理", "总", "主任", "女士", "先生", "处长"];

fn pick<'a>(list: &'a [&'a str], r: u64) -> &'a str {
    list[(r % list.len() as u64) as usize]
}

fn ch(chars: &[char], r: u64) -> char {
    chars[(r % chars.len() as u64) as usize]
}

/// The search book's path, creating it on first use.
pub fn search_book() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("book-search-{CUSTOMERS}.sqlite"));
    if path.exists() {
        return path;
    }
    let tmp = dir.join("book-search-building.sqlite");
    for f in [tmp.clone(), tmp.with_extension("sqlite-wal"), tmp.with_extension("sqlite-shm")] {
        let _ = std::fs::remove_file(f);
    }
    let started = std::time::Instant::now();
    let mut store = Store::open(&tmp, Clock::Fixed(super::today()), "bench").unwrap();
    store.init_scheme("data/tiers/default.toml", data::DEFAULT_SCHEME).unwrap();
    store.set_audit(false).unwrap();
    let (surnames, given, brand): (Vec<char>, Vec<char>, Vec<char>) =
        (SURNAMES.chars().collect(), GIVEN.chars().collect(), BRAND.chars().collect());
    let mut rng = 0x853C_49E6_748F_EA9Bu64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let person = |r: u64| -> String {
        let mut n = String::new();
        n.push(ch(&surnames, r));
        n.push(ch(&given, r >> 8));
        if r >> 16 & 3 != 0 {
            n.push(ch(&given, r >> 24));
        }
        n
    };
    let customers: Vec<CustomerFields> = (0..CUSTOMERS)
        .map(|_| {
            let (r, s) = (next(), next());
            let chinese_firm = format!(
                "{}{}{}{}{}",
                pick(CITIES, r),
                ch(&brand, r >> 5),
                ch(&brand, r >> 10),
                pick(TRADES, r >> 15),
                pick(FORMS, r >> 20)
            );
            let latin_firm =
                format!("{} {} {}", pick(LATIN_A, r >> 25), pick(LATIN_B, r >> 30), pick(LATIN_FORMS, r >> 35));
            // Half people by name (with their firm), a third Chinese firms, the rest Latin ones.
            let (name, company) = match s % 6 {
                0..=2 => (person(s >> 3), if s >> 40 & 1 == 0 { chinese_firm } else { String::new() }),
                3 | 4 => (chinese_firm, String::new()),
                _ => (latin_firm.clone(), latin_firm),
            };
            let tags: Vec<&str> = (0..(s >> 44) % 3).map(|k| pick(TAGS, s >> (46 + 5 * k))).collect();
            CustomerFields {
                name,
                company,
                contact_person: if s >> 50 & 1 == 0 {
                    format!("{}{}", person(r >> 40), pick(TITLES, s >> 52))
                } else {
                    String::new()
                },
                phone: format!("1{}{:09}", 3 + (r >> 45) % 7, (r >> 20) % 1_000_000_000),
                tags: tags.join(" "),
                tier: ["A", "B", "C", "C", "D", "D", "D", "D"][((s >> 56) % 8) as usize].to_string(),
                owner: "bench".into(),
                created_on: super::today(),
                ..Default::default()
            }
        })
        .collect();
    store.add_customers_bulk(&customers).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&tmp).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;").unwrap();
    drop(conn);
    std::fs::rename(&tmp, &path).unwrap();
    eprintln!("generated {} in {:.1} s", path.display(), started.elapsed().as_secs_f64());
    path
}
