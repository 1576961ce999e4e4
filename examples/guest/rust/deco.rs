//! deco.rs: the guest side of Deco's host module "deco" for Rust programs
//! built with `rustc --target wasm32-wasi` (no crates needed). Include it
//! as a module:
//!
//!     #[path = "../../guest/rust/deco.rs"]
//!     mod deco;
//!
//! A long task saves its state with `checkpoint`, finds it again with
//! `restore` when the task was moved to another provider, and reports
//! `progress`. The provider ships the latest saved state at most every
//! checkpoint.every of the job (default 5s); calls in between only replace
//! it, so checkpointing after every step is fine. A state is at most
//! checkpoint.max_size bytes (default 16 MiB). The program must compute
//! the same outputs whether it resumed or not.
//!
//!     let state = deco::restore()?;          // empty: a fresh start
//!     ...
//!     deco::checkpoint(&state)?;             // Err: the work goes on without it
//!     deco::progress(1000 * done / total);
//!
//! Built for another target, checkpoint and progress do nothing and
//! restore finds nothing, so the program also runs natively.
#![allow(dead_code)]

use std::fmt;

/// Why the host did not keep a checkpoint (one per errno of the host module).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// The state is larger than the job's checkpoint.max_size.
    TooBig,
    /// The buffer lies outside the program's memory.
    Fault,
    /// The provider could not keep the state (see stderr).
    Refused,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Error::TooBig => "deco: checkpoint larger than the job allows (checkpoint.max_size)",
            Error::Fault => "deco: checkpoint buffer outside the program's memory",
            Error::Refused => "deco: the provider could not keep the checkpoint",
        })
    }
}

impl std::error::Error for Error {}

fn errno(e: i32) -> Result<(), Error> {
    match e {
        0 => Ok(()),
        1 => Err(Error::TooBig),
        2 => Err(Error::Fault),
        _ => Err(Error::Refused),
    }
}

#[cfg(target_arch = "wasm32")]
mod host {
    #[link(wasm_import_module = "deco")]
    extern "C" {
        pub fn checkpoint(ptr: *const u8, len: u32) -> i32;
        pub fn restore(ptr: *mut u8, len: u32) -> i32;
        pub fn progress(permille: i32);
    }
}

/// Saves state; the provider ships the latest to the consumer.
#[cfg(target_arch = "wasm32")]
pub fn checkpoint(state: &[u8]) -> Result<(), Error> {
    // The host reads len bytes at ptr during the call and keeps a copy.
    errno(unsafe { host::checkpoint(state.as_ptr(), state.len() as u32) })
}

/// Returns the state the task resumes from, empty for a fresh start.
#[cfg(target_arch = "wasm32")]
pub fn restore() -> Result<Vec<u8>, Error> {
    let n = unsafe { host::restore(std::ptr::null_mut(), 0) };
    if n <= 0 {
        return errno(-n).map(|_| Vec::new());
    }
    let mut buf = vec![0u8; n as usize];
    // The host writes at most len bytes and returns the whole size.
    if unsafe { host::restore(buf.as_mut_ptr(), n as u32) } != n {
        return Err(Error::Fault);
    }
    Ok(buf)
}

/// Reports permille (0-1000) of the task's work done.
#[cfg(target_arch = "wasm32")]
pub fn progress(permille: u32) {
    unsafe { host::progress(permille.min(1000) as i32) }
}

#[cfg(not(target_arch = "wasm32"))]
pub fn checkpoint(_state: &[u8]) -> Result<(), Error> {
    errno(0)
}

#[cfg(not(target_arch = "wasm32"))]
pub fn restore() -> Result<Vec<u8>, Error> {
    Ok(Vec::new())
}

#[cfg(not(target_arch = "wasm32"))]
pub fn progress(_permille: u32) {}
