//! Dynamic special variables computed on read: RANDOM (bash 5.1+'s generator,
//! so seeded sequences match bash), SRANDOM, SECONDS, EPOCHSECONDS and
//! EPOCHREALTIME. The state lives in [`DynState`]; a variable is special only
//! while its original global binding exists (unset removes the magic, as in bash).

use std::cell::Cell;
use std::time::{SystemTime, UNIX_EPOCH};

use super::value::parse_int;
use super::{Attributes, Special, Value, Var, Variables};

/// Generator state. Cells, because reading `$RANDOM` advances it and reads go
/// through `&self` so borrowed scalar reads stay allocation-free.
#[derive(Clone, Debug)]
pub(crate) struct DynState {
    rng: Cell<u32>,
    last_random: Cell<u32>,
    /// Process that seeded the generator: a forked subshell reseeds, like bash,
    /// so `$(echo $RANDOM)` differs from the parent's next value.
    rng_pid: Cell<u32>,
    seconds_base: i64,
    seconds_start: i64,
}

/// bash's `intrand32`: Park–Miller minimal standard, 16807 * x mod (2^31 - 1).
fn intrand32(last: u32) -> u32 {
    let x = if last == 0 {
        123_459_876
    } else {
        i64::from(last)
    };
    let h = x / 127_773;
    let l = x - 127_773 * h;
    let t = 16_807 * l - 2_836 * h;
    (if t < 0 { t + 0x7fff_ffff } else { t }) as u32
}

fn now() -> (i64, u32) {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => (
            i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
            d.subsec_micros(),
        ),
        Err(_) => (0, 0),
    }
}

/// Four bytes from the kernel's CSPRNG, falling back to /dev/urandom and then
/// to a time/pid mix (never fails: `$SRANDOM` must always expand).
fn random_u32() -> u32 {
    let mut buf = [0u8; 4];
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        // SAFETY: buf is a valid writable 4-byte buffer for the whole call.
        let n = unsafe { libc::getrandom(buf.as_mut_ptr().cast(), buf.len(), 0) };
        if n == 4 {
            return u32::from_ne_bytes(buf);
        }
    }
    use std::io::Read;
    if let Ok(mut f) = std::fs::File::open("/dev/urandom") {
        if f.read_exact(&mut buf).is_ok() {
            return u32::from_ne_bytes(buf);
        }
    }
    let (s, us) = now();
    (s as u32) ^ us.rotate_left(11) ^ std::process::id()
}

impl DynState {
    pub fn new() -> Self {
        DynState {
            rng: Cell::new(random_u32()),
            last_random: Cell::new(0),
            rng_pid: Cell::new(std::process::id()),
            seconds_base: 0,
            seconds_start: now().0,
        }
    }

    /// Next `$RANDOM` value (0..=32767), never equal to the previous one.
    pub fn random(&self) -> u32 {
        let pid = std::process::id();
        if pid != self.rng_pid.get() {
            self.rng.set(random_u32());
            self.last_random.set(0);
            self.rng_pid.set(pid);
        }
        let mut r = 0;
        // bash loops until the value differs; bounded here so it can never hang.
        for _ in 0..64 {
            let s = intrand32(self.rng.get());
            self.rng.set(s);
            r = ((s >> 16) ^ (s & 0xffff)) & 0x7fff;
            if r != self.last_random.get() {
                break;
            }
        }
        self.last_random.set(r);
        r
    }

    /// `RANDOM=n`: reseed (a non-number leaves the generator alone, like bash).
    pub fn seed_random(&mut self, value: &[u8]) {
        if let Some(n) = parse_int(value) {
            self.rng.set(n as u32); // C's conversion to u_bits32_t: truncation
            self.last_random.set(0);
            self.rng_pid.set(std::process::id());
        }
    }

    pub fn seconds(&self) -> i64 {
        self.seconds_base
            .wrapping_add(now().0.wrapping_sub(self.seconds_start))
    }

    /// `SECONDS=n`: count up from n starting now (non-numbers count from 0).
    pub fn set_seconds(&mut self, value: &[u8]) {
        self.seconds_base = parse_int(value).unwrap_or(0);
        self.seconds_start = now().0;
    }

    pub fn value(&self, special: Special) -> Vec<u8> {
        match special {
            Special::None => Vec::new(),
            Special::Random => self.random().to_string().into_bytes(),
            Special::Srandom => random_u32().to_string().into_bytes(),
            Special::Seconds => self.seconds().to_string().into_bytes(),
            Special::EpochSeconds => now().0.to_string().into_bytes(),
            Special::EpochRealtime => {
                let (s, us) = now();
                format!("{s}.{us:06}").into_bytes()
            }
        }
    }

    /// Assignment to a special: RANDOM reseeds, SECONDS rebases, others ignore it.
    pub fn assign(&mut self, special: Special, value: &[u8]) {
        match special {
            Special::Random => self.seed_random(value),
            Special::Seconds => self.set_seconds(value),
            _ => {}
        }
    }
}

impl Variables {
    pub(crate) fn install_specials(&mut self) {
        let int = Attributes::INTEGER;
        let specials: [(&[u8], Special, Attributes); 5] = [
            (b"RANDOM", Special::Random, int),
            (b"SRANDOM", Special::Srandom, int),
            (b"SECONDS", Special::Seconds, int),
            (b"EPOCHSECONDS", Special::EpochSeconds, Attributes::NONE),
            (b"EPOCHREALTIME", Special::EpochRealtime, Attributes::NONE),
        ];
        for (name, special, attrs) in specials {
            let var = Var {
                // Marker only: reads of a special compute the value.
                value: Some(Value::Str(Vec::new())),
                attrs,
                special,
            };
            self.scopes[0].vars.insert(name.to_vec(), var);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seq(seed: &[u8], n: usize) -> Vec<u32> {
        let mut d = DynState::new();
        d.seed_random(seed);
        (0..n).map(|_| d.random()).collect()
    }

    #[test]
    fn seeded_random_matches_bash() {
        // bash 5.2: RANDOM=5; echo $RANDOM $RANDOM $RANDOM
        assert_eq!(seq(b"5", 3), [18498, 29338, 982]);
        // RANDOM=0 uses bash's fallback seed
        assert_eq!(seq(b"0", 2), [20814, 24386]);
        // Unparsable seeds leave the generator alone (no panic either way).
        let mut d = DynState::new();
        d.seed_random(b"abc");
        assert!(d.random() <= 32767);
    }

    #[test]
    fn another_process_reseeds() {
        let mut d = DynState::new();
        d.seed_random(b"5");
        // Pretend the seed was made by a different process (as after fork).
        d.rng_pid.set(d.rng_pid.get().wrapping_add(1));
        let after: Vec<u32> = (0..3).map(|_| d.random()).collect();
        assert_ne!(after, [18498, 29338, 982]);
        assert_eq!(d.rng_pid.get(), std::process::id());
    }

    #[test]
    fn random_is_15_bit_and_never_repeats_immediately() {
        let d = DynState::new();
        let mut last = u32::MAX;
        for _ in 0..5000 {
            let r = d.random();
            assert!(r <= 32767);
            assert_ne!(r, last);
            last = r;
        }
    }

    #[test]
    fn seconds_counts_from_assignment() {
        let mut d = DynState::new();
        d.set_seconds(b"100");
        let s = d.seconds();
        assert!((100..=101).contains(&s));
        d.set_seconds(b"-5");
        assert!((-5..=-4).contains(&d.seconds()));
        d.set_seconds(b"junk");
        assert!((0..=1).contains(&d.seconds()));
    }

    #[test]
    fn epoch_formats() {
        let d = DynState::new();
        let rt = String::from_utf8(d.value(Special::EpochRealtime)).unwrap();
        let (s, us) = rt.split_once('.').unwrap();
        assert_eq!(us.len(), 6);
        let es: i64 = String::from_utf8(d.value(Special::EpochSeconds))
            .unwrap()
            .parse()
            .unwrap();
        assert!((es - s.parse::<i64>().unwrap()).abs() <= 1);
        let sr: u64 = String::from_utf8(d.value(Special::Srandom))
            .unwrap()
            .parse()
            .unwrap();
        assert!(sr <= u64::from(u32::MAX));
    }
}
