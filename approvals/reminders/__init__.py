"""Reminders and escalation: the sweep that keeps sign-off moving."""
