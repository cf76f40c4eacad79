//! The columns of a customers file: their names in English and Chinese, which are
//! required, which may hold line breaks, and which customer field each fills.

use super::table::Column;
use crate::customer::{CustomerFields, Field};

/// The columns of a customers file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomerColumn {
    Ref,
    Name,
    Company,
    Tier,
    Contact,
    Phone,
    Email,
    Region,
    Address,
    Industry,
    Owner,
    Tags,
    Notes,
    Created,
    Uuid,
    /// The customer's temperament: a key or a zh/en name of the temperament list (no form
    /// field: checked against the list).
    Temperament,
}

impl Column for CustomerColumn {
    /// Also the columns of an exported customers file, in order.
    const ALL: &'static [Self] = &[
        CustomerColumn::Ref,
        CustomerColumn::Name,
        CustomerColumn::Company,
        CustomerColumn::Tier,
        CustomerColumn::Contact,
        CustomerColumn::Phone,
        CustomerColumn::Email,
        CustomerColumn::Region,
        CustomerColumn::Address,
        CustomerColumn::Industry,
        CustomerColumn::Owner,
        CustomerColumn::Tags,
        CustomerColumn::Notes,
        CustomerColumn::Created,
        CustomerColumn::Uuid,
        CustomerColumn::Temperament,
    ];

    fn names(self) -> &'static [&'static str] {
        match self {
            CustomerColumn::Ref => &["ref", "编号", "客户编号"],
            CustomerColumn::Name => &["name", "名称", "客户名称"],
            CustomerColumn::Company => &["company", "公司"],
            CustomerColumn::Tier => &["tier", "等级", "级别"],
            CustomerColumn::Contact => &["contact", "联系人"],
            CustomerColumn::Phone => &["phone", "电话"],
            CustomerColumn::Email => &["email", "邮箱"],
            CustomerColumn::Region => &["region", "地区", "区域"],
            CustomerColumn::Address => &["address", "地址"],
            CustomerColumn::Industry => &["industry", "行业"],
            CustomerColumn::Owner => &["owner", "负责人", "客户经理"],
            CustomerColumn::Tags => &["tags", "标签"],
            CustomerColumn::Notes => &["notes", "备注"],
            CustomerColumn::Created => &["created", "创建日期"],
            CustomerColumn::Uuid => &["uuid"],
            CustomerColumn::Temperament => &["temperament", "顾客类型", "性格"],
        }
    }

    fn required(self) -> bool {
        self == CustomerColumn::Name
    }

    fn multiline(self) -> bool {
        self == CustomerColumn::Notes
    }
}

impl CustomerColumn {
    /// The form field this column fills (the uuid and the temperament are no form fields).
    pub fn field(self) -> Option<Field> {
        Some(match self {
            CustomerColumn::Ref => Field::Ref,
            CustomerColumn::Name => Field::Name,
            CustomerColumn::Company => Field::Company,
            CustomerColumn::Tier => Field::Tier,
            CustomerColumn::Contact => Field::ContactPerson,
            CustomerColumn::Phone => Field::Phone,
            CustomerColumn::Email => Field::Email,
            CustomerColumn::Region => Field::Region,
            CustomerColumn::Address => Field::Address,
            CustomerColumn::Industry => Field::Industry,
            CustomerColumn::Owner => Field::Owner,
            CustomerColumn::Tags => Field::Tags,
            CustomerColumn::Notes => Field::Notes,
            CustomerColumn::Created => Field::Created,
            CustomerColumn::Uuid | CustomerColumn::Temperament => return None,
        })
    }

    pub(super) fn of(field: Field) -> Self {
        *Self::ALL.iter().find(|c| c.field() == Some(field)).unwrap_or(&CustomerColumn::Name)
    }

    /// This column's text for a customer, as an export writes it.
    pub fn text<'a>(self, f: &'a CustomerFields, uuid: &'a str) -> std::borrow::Cow<'a, str> {
        use std::borrow::Cow::Borrowed;
        match self {
            CustomerColumn::Ref => Borrowed(f.ext_ref.as_deref().unwrap_or("")),
            CustomerColumn::Name => Borrowed(&f.name),
            CustomerColumn::Company => Borrowed(&f.company),
            CustomerColumn::Tier => Borrowed(&f.tier),
            CustomerColumn::Contact => Borrowed(&f.contact_person),
            CustomerColumn::Phone => Borrowed(&f.phone),
            CustomerColumn::Email => Borrowed(&f.email),
            CustomerColumn::Region => Borrowed(&f.region),
            CustomerColumn::Address => Borrowed(&f.address),
            CustomerColumn::Industry => Borrowed(&f.industry),
            CustomerColumn::Owner => Borrowed(&f.owner),
            CustomerColumn::Tags => Borrowed(&f.tags),
            CustomerColumn::Notes => Borrowed(&f.notes),
            CustomerColumn::Created => std::borrow::Cow::Owned(f.created_on.format("%Y-%m-%d").to_string()),
            CustomerColumn::Uuid => Borrowed(uuid),
            CustomerColumn::Temperament => Borrowed(f.temperament.as_deref().unwrap_or("")),
        }
    }
}
