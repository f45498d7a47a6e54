"""Benchmarks, run as scripts; a package so that they share bench/dash_timing.py."""
