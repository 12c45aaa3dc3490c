"""Demo and scale data: for `make run` and the benchmarks, never the domain."""
