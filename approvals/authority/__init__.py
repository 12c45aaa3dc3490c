"""Who may act where: departments' authority, cover and staff."""
