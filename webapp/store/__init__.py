"""The embedded SQLite store (sqlite-utils). Views call functions here and contain no SQL."""
