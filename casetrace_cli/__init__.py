"""The `casetrace` command line."""
