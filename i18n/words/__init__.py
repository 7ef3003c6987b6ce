"""Sections of the word catalogue, one module per area; `i18n.catalogue` joins them."""
