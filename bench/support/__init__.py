"""Code the benches share (imported, never run by `make bench`)."""
