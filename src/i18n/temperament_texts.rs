//! The words about a customer's temperament (顾客类型), for both faces: the command line's
//! flag and `customer show`, the customer view and its picker. The temperaments' own names
//! and advice are data (`data/temperaments.toml`).

use super::Lang;

texts! { M:
    Label => "顾客类型", "Temperament";
    Advice => "应对建议", "Advice";
    NoneSet => "（未设置）", "(not set)";
    NoneChoice => "无（清除）", "none (clear it)";
    UnknownFlag => "{}：没有“{}”这种顾客类型；可选：{}（或 none 清除）", "{}: unknown temperament \"{}\"; choose one of {} (or none to clear it)";
    UnknownKey => "“{}”（不在顾客类型表中）", "\"{}\" (not in the temperament list)";
    PickerTitle => "顾客类型：{}", "Temperament: {}";
    PickerHint => "↑↓ 选择 · Enter 保存 · Esc 取消", "↑↓ choose · Enter saves · Esc cancels";
    Set => "已保存：{} 的顾客类型为 {}", "Saved: {} is {}";
    Cleared => "已清除 {} 的顾客类型", "Cleared the temperament of {}";
    Unchanged => "{} 的顾客类型没有变化", "{}'s temperament is unchanged";
    KeyHelp => "设定顾客类型", "set the temperament";
}
