"""The browser: a Textual app over the store. Importing this package does not import textual."""
