"""Benchmarks: corpus scoring (``scoring``) and the side-by-side run (``corpus_bench``)."""
