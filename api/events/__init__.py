"""Domain events as GraphQL sees them: the Event type and the live subscriptions (§8)."""
