//! An example program that the "Writing" page shows: the page includes
//! this file, or parts of it, into code blocks (`include="…"`).

use std::env;

// #region main
fn main() {
    let name = env::args().nth(1).unwrap_or_else(|| "onramp".to_string());
    println!("Hello, {name}!");
}
// #endregion main
