//! The words of fields that are picked, not typed (a tier, a contact's kind, a product, the
//! import form's choices): the hint beside one, and what a key that picks nothing says, so
//! that text typed into such a field is never dropped without a word.

use super::Lang;

texts! { PK:
    TierPickHint => "←/→ 或首字母：{}", "←/→ or its letter: {}";
    NotATier => "“{}”不是级别：可选 {}（←/→ 切换）", "\"{}\" is not a tier: pick one of {} (←/→ to step)";
    NotAKind => "“{}”不能选方式：按 1–{} 选一种，空格或 ←/→ 切换；Tab 到下一项", "\"{}\" picks no kind: press 1–{} to pick one, Space or ←/→ to step; Tab moves to the next field";
    NotAProduct => "“{}”不能选产品：空格或 ←/→ 切换；Tab 到下一项", "\"{}\" picks no product: Space or ←/→ steps through them; Tab moves to the next field";
    NotTyped => "“{}”不能输入：这一栏用空格或 ←/→ 选择；Tab 到下一项", "\"{}\" cannot be typed here: Space or ←/→ changes this field; Tab moves to the next field";
}
