"""The NGO desk's pure parts (no Flask, no I/O): suppression, charts, case views."""
