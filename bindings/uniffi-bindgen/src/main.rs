//! `uniffi-bindgen`: generates the Kotlin and Swift sources from the built `vpskit_uniffi` library.
fn main() {
    uniffi::uniffi_bindgen_main()
}
