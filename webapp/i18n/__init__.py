"""Languages: which locales ship, and which one a request gets."""
