"""Webhooks: subscriptions, the outbox dispatcher and Standard Webhooks delivery (§8)."""
