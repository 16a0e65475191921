// Benchmark runner (issue #2/#8).
export {};
