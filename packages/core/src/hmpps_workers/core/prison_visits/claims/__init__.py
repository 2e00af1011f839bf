"""Claims as the worker sees them: the claim graph, its values, its repository port."""
