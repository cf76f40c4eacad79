//! What a screen asks the app to do after a key: navigate, write, ask, tell, quit.
//! Screens return these; `App::apply` carries them out, so screens never touch the book.

use crate::domain::customer::{CustomerFields, CustomerId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    /// Open a screen on top of the current one.
    Open(Route),
    /// Close the current screen.
    Back,
    /// Write to the book; on success the screens reload and `then` follows.
    Save(Write),
    /// Ask a yes/no question; `on_yes` is applied if the answer is yes.
    Confirm {
        question: String,
        on_yes: Box<Effect>,
    },
    /// Show a message in the status line.
    Notify(String),
    /// Show a problem in the status line.
    Warn(String),
    Quit,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Customer(CustomerId),
    NewCustomer { tier: Option<String> },
    EditCustomer(CustomerId),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Write {
    AddCustomer(CustomerFields),
    UpdateCustomer(CustomerId, CustomerFields),
    DeleteCustomer(CustomerId, String),
}
