"""The bargaining ledger: release deals, what they cost and what followed them, and the
vetting of proposed exchange lists against the registry and the criteria data."""
