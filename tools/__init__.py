"""Scripts that score and inspect altnotes from the repository root (not installed)."""
