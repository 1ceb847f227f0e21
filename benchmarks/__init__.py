"""Performance benchmarks, run by hand: ``python -m benchmarks`` (or ``make bench``).

Results go to ``benchmarks/results.json`` and ``docs/benchmarks.md`` with the date and
the machine. Timed assertions do not belong in the test suite (CI machines are noisy);
the targets live here instead.
"""
