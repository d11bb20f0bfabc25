"""Helpers shared by the tests and the benchmarks: answer sets and the live server.

Not part of the installed package (only webapp* is); importable from the project root, which
`python -m pytest` and every benchmark put on sys.path.
"""
