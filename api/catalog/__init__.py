"""GraphQL of the catalog area (contract §5.1)."""
