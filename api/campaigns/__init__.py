"""Campaigns in GraphQL (contract §13)."""
