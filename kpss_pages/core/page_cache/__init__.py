"""The full-page cache for anonymous visitors: the middleware, the content generation in
every key, and the signal handlers that replace it when content changes."""
