"""E-mail: what the portal tells people, and the outbox that sends it."""
