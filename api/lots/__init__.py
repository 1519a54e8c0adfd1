"""Lots and serial numbers (§15)."""
