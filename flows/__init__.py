"""Bundled flow files (TOML). Each file describes one official form."""
