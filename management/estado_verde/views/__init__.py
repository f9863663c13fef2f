"""Screens of Estado Verde, one module per part (resources, information, review, reports)."""
