//! Rebuild the binary when the embedded theme or starter site changes
//! (`include_dir!` does not tell cargo which files it reads).
fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=scaffold");
}
