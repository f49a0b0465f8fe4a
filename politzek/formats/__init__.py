"""Number and date formats for languages Django ships none for (settings.FORMAT_MODULE_PATH)."""
