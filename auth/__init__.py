"""Who may do what: roles, local accounts, single sign-on mapping and the audit trail."""
