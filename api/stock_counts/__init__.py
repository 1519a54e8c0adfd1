"""Blind cycle counts (§15)."""
