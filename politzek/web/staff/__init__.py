"""The staff workspace: sign-in, roles, everyday forms, history with restore."""
