import fc from 'fast-check';

/** Every property test runs on the same inputs in CI; set FUZZ_SEED to explore others (a failure prints its seed). */
fc.configureGlobal({ seed: Number(process.env.FUZZ_SEED ?? 20261125) });
