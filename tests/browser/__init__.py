"""Browser tests (marker `browser`): a package, so its conftest never shadows tests/conftest.py."""
