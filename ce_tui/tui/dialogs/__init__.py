"""Modal dialogs: confirmations and record forms."""
