"""Reusable widgets: certification cards, credit bars, forms."""
