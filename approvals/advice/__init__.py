"""Advice from a line manager about taking part online: asking, answering, reminders."""
