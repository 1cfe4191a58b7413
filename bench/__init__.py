"""Benchmarks anyone can rerun; each prints its figures and the command."""
