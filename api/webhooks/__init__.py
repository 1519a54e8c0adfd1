"""GraphQL of webhook subscriptions and their deliveries (contract §8)."""
