"""Benchmarks of Guichet AMO against the performance budgets of DESIGN.md §6.

Run them with ``make bench``; results go to ``docs/benchmarks.md``, one section per
benchmark. Budgets are checked here and reported, never asserted by timed tests.
"""
