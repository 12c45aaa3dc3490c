"""The register of official posts, each post's whole record, and their exports
for information requests: read-only, for records officers, department admins,
admins and, for their own posts, authors."""
