//! counter.rs: the counter example (../doc.go) in Rust, computing the same
//! chain and writing the same /outputs/result.txt as the Go and C versions.
//!
//! Build: see examples/gen.go (rustc --target wasm32-wasi).

#[path = "../../guest/rust/deco.rs"]
mod deco;

use std::process::exit;

/// One splitmix64 step.
fn mix(x: u64) -> u64 {
    let x = x.wrapping_add(0x9e3779b97f4a7c15);
    let z = (x ^ (x >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
    let z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
    z ^ (z >> 31)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: counter STEPS WORK");
        exit(2);
    }
    let (steps, work) = match (args[1].parse::<u32>(), args[2].parse::<u32>()) {
        (Ok(s), Ok(w)) if s > 0 => (s as u64, w as u64),
        _ => {
            eprintln!("counter: STEPS and WORK are whole numbers, STEPS at least 1");
            exit(2);
        }
    };
    // state: step then value, little-endian, as the Go and C versions
    let (mut step, mut value) = (0u64, 0u64);
    match deco::restore() {
        Err(e) => {
            eprintln!("counter: restore: {}", e);
            exit(1);
        }
        Ok(state) if state.len() == 16 => {
            step = u64::from_le_bytes(state[..8].try_into().unwrap());
            value = u64::from_le_bytes(state[8..].try_into().unwrap());
            eprintln!("counter: resumed at step {} of {}", step, steps);
        }
        Ok(_) => {}
    }
    let mut state = [0u8; 16];
    while step < steps {
        for _ in 0..work {
            value = mix(value);
        }
        step += 1;
        state[..8].copy_from_slice(&step.to_le_bytes());
        state[8..].copy_from_slice(&value.to_le_bytes());
        if let Err(e) = deco::checkpoint(&state) {
            eprintln!("counter: {}", e); // the work goes on without it
        }
        deco::progress((1000 * step / steps) as u32);
    }
    let out = format!("counter steps={} work={} value={:016x}\n", steps, work, value);
    if let Err(e) = std::fs::write("/outputs/result.txt", &out) {
        eprintln!("counter: cannot write /outputs/result.txt: {}", e);
        exit(1);
    }
    print!("{}", out);
}
