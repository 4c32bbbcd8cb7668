// The benchmarks are written next.
