//! Links the `readout` binary as a fixed-address (non-PIE) executable on Linux.
//!
//! A position-independent executable carries a relocation for every pointer in its
//! static data (tens of thousands here: vtables, string tables of the dependencies);
//! the loader applies them at every start, copying each page it writes. For a command
//! that runs for milliseconds (`readout normalize` on a page of text) that was a
//! third of its time. Address randomization of the binary's own image is what is
//! given up; the heap, stack and libraries are still randomized.
fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let arch = std::env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    if os == "linux" && arch == "x86_64" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
