"""Names across scripts and transliterations: framework-free, used by search and matching."""
