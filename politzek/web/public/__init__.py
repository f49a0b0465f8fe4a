"""The public site: pages anyone may read, with JavaScript off, over Tor."""
