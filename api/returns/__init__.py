"""Customer returns (RMA, §15)."""
