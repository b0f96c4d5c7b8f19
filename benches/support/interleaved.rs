//! Timing approaches in turn, in one loop: each round times every approach once, starting from a
//! different one each round, and the result is each approach's median. A machine whose speed
//! drifts during the run (a shared 2-core box moves by up to 1.7×) slows every approach of a
//! round alike, so the ratios hold where one-after-another groups (criterion's) do not.

use std::time::{Duration, Instant};

/// One approach: a name and a closure that parses the input once.
pub struct Approach<'a> {
    pub name: &'static str,
    pub run: Box<dyn FnMut() + 'a>,
}

/// Each approach's median time per call in nanoseconds, in the order given. Every timed sample
/// repeats the call for about `sample` (at least once), after one untimed warm-up sample.
pub fn median_ns(approaches: &mut [Approach<'_>], rounds: usize, sample: Duration) -> Vec<f64> {
    let repeats: Vec<u32> = approaches
        .iter_mut()
        .map(|approach| calibrate(&mut approach.run, sample))
        .collect();
    let mut times = vec![Vec::with_capacity(rounds); approaches.len()];
    for round in 0..rounds {
        for turn in 0..approaches.len() {
            let at = (round + turn) % approaches.len();
            let started = Instant::now();
            for _ in 0..repeats[at] {
                (approaches[at].run)();
            }
            times[at].push(started.elapsed().as_nanos() as f64 / f64::from(repeats[at]));
        }
    }
    times.into_iter().map(median).collect()
}

/// How many calls make one sample of about `sample`; the calls made to find out warm it up.
fn calibrate(run: &mut dyn FnMut(), sample: Duration) -> u32 {
    let started = Instant::now();
    let mut calls = 0u32;
    while calls == 0 || started.elapsed() < sample {
        run();
        calls += 1;
    }
    calls
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}
