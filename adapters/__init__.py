"""Infrastructure both entry points use and the domain must not know: the queue, pub/sub,
webhook HTTP delivery, the embedded Redis, database setup and throwaway databases."""
