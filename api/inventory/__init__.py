"""GraphQL of warehouses and stock (contract §5.1)."""
